/**
 * Files dropped anywhere on the lab (the app's global drop zone leaves /learn to it): the CIFAR-10 archive
 * (or its .bin batches) becomes the CIFAR-10 data, anything else a labelled folder, each File named by
 * its path in the folder (a File's relative path does not survive structured cloning into the worker).
 */
import { useCallback } from 'react';
import type { FolderFile } from '../evaluate/folder-files.ts';
import { useWindowDrop } from '../evaluate/useWindowDrop.ts';
import type { ChosenFiles } from './race-data.ts';

/** What dropped files are: the CIFAR-10 archive or batches, or a labelled folder. */
export function droppedData(files: readonly FolderFile[]): ChosenFiles | undefined {
  if (files.length === 0) return undefined;
  const cifar =
    files.every((f) => /\.(tar\.gz|tgz|tar|bin)$/i.test(f.file.name)) ||
    (files.length === 1 && /cifar/i.test(files[0].file.name));
  if (cifar) return { kind: 'cifar10-files', name: files[0].path.split('/')[0], files: files.map((f) => f.file) };
  return {
    kind: 'folder',
    name: files[0].path.split('/')[0],
    files: files.map((f) => new File([f.file], f.path, { type: f.file.type })),
  };
}

/** Listens for drops on the window while `enabled`; says whether files are being dragged over. */
export function useFileDrop(enabled: boolean, onFiles: (files: ChosenFiles) => void): boolean {
  const onDropped = useCallback(
    (files: FolderFile[]) => {
      const chosen = droppedData(files);
      if (chosen) onFiles(chosen);
    },
    [onFiles],
  );
  return useWindowDrop(enabled, onDropped);
}
