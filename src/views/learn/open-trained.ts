/**
 * A network of the race opened straight from the lab (no export and import step): its file, as Export
 * writes it, kept in this browser's library of trained networks, and the place to go — the explorer,
 * the classify page with it, or the explorer looking inside it with the latest kept photo.
 */
import { photoLibrary } from '../photos/library.ts';
import { CLASSIFY, trainedHref } from '../routes.ts';
import { trainedLibrary } from '../trained/library.ts';
import type { TrainedDestination } from './RunPanel.tsx';

export async function openTrainedNetwork(
  bytes: ArrayBuffer,
  fileName: string,
  testError: number | undefined,
  where: TrainedDestination,
): Promise<string> {
  const entry = await trainedLibrary().open(
    new Blob([bytes]),
    fileName,
    testError !== undefined && Number.isFinite(testError) ? { testError } : {},
  );
  if (where === 'classify') return `${CLASSIFY}?trained=${entry.id}`;
  const photo = where === 'inside' ? (await photoLibrary().list())[0]?.slot : undefined;
  return trainedHref(entry.id, photo ? { photo } : {});
}
