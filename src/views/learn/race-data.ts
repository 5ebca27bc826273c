/** The data a race trains on, from the settings and the files the reader chose (files cannot be stored). */
import type { DataChoice } from '../../runtime/training/protocol.ts';
import type { LabSettings } from './settings.ts';

/** Files chosen as data (a dropped CIFAR-10 archive, a labelled folder). */
export interface ChosenFiles {
  kind: 'cifar10-files' | 'folder';
  name: string;
  files: readonly File[];
}

/**
 * The race's DataChoice, images of `size`×`size` where the data is drawn or resized; undefined when the
 * settings need files that are not chosen (or not those named `wanted`, a stored run's).
 */
export function raceData(
  settings: LabSettings,
  size: number,
  files: ChosenFiles | undefined,
  wanted?: string,
): DataChoice | undefined {
  switch (settings.data) {
    case 'generated':
      return { kind: 'generated', seed: settings.seed, size, train: settings.train, test: settings.test };
    case 'cifar10-download':
      return { kind: 'cifar10-download' };
    default:
      if (!files || files.kind !== settings.data || (wanted !== undefined && files.name !== wanted)) return undefined;
      return files.kind === 'folder'
        ? { kind: 'folder', files: files.files, size }
        : { kind: files.kind, files: files.files };
  }
}
