/**
 * A data set as the race reads it: each epoch's training batches in that epoch's seeded order (with the
 * augmentation when asked), the held-out set in order, and the fixed batch the §3.3 monitor is measured
 * on (the first held-out images, the same every epoch, so its curve shows the network changing, not
 * the data).
 */
import { batchCount, batches } from './data/batches.ts';
import { imageSet, type LabelledImages } from './data/labelled-images.ts';
import type { Batch, RaceData } from './race.ts';

export interface RaceDataOptions {
  batchSize: number;
  seed: number;
  augment: boolean;
  /** Held-out images evaluated at each epoch's end (default: all of them). */
  testImages?: number;
}

export function raceData(data: LabelledImages, options: RaceDataOptions): RaceData {
  const train = imageSet(data, 'train');
  const held = imageSet(data, 'test');
  const count = Math.min(held.count, options.testImages ?? held.count);
  const floats = data.size * data.size * 3;
  const test = {
    ...held,
    count,
    images: held.images.subarray(0, count * floats),
    labels: held.labels.subarray(0, count),
  };
  const inOrder = { batchSize: options.batchSize, seed: options.seed, epoch: 0, augment: false, shuffle: false };
  let monitor: Batch | undefined;
  return {
    stepsPerEpoch: batchCount(train.count, options.batchSize),
    epoch: (epoch) =>
      batches(train, {
        batchSize: options.batchSize,
        seed: options.seed,
        epoch,
        augment: options.augment,
      }),
    test: () => batches(test, inOrder),
    monitorBatch: () => (monitor ??= batches(test, inOrder).next().value as Batch),
  };
}
