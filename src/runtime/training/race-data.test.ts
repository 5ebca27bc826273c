import { describe, expect, it } from 'vitest';
import { generatedDataset } from './data/generated.ts';
import { raceData } from './race-data.ts';

describe('raceData', () => {
  const set = generatedDataset({ seed: 3, size: 16, train: 50, test: 30 });

  it('gives each epoch every training image once, in an order that changes with the epoch', () => {
    const data = raceData(set, { batchSize: 16, seed: 1, augment: true });
    expect(data.stepsPerEpoch).toBe(4);
    const labels = (epoch: number) => [...data.epoch(epoch)].flatMap((b) => [...b.labels]);
    expect(labels(0).sort()).toEqual([...set.train.labels].sort());
    expect(labels(0)).toEqual(labels(0));
    expect(labels(1)).not.toEqual(labels(0));
  });

  it('evaluates the held-out images in order, at most testImages of them, and monitors a fixed batch', () => {
    const data = raceData(set, { batchSize: 8, seed: 1, augment: true, testImages: 20 });
    const test = [...data.test()];
    expect(test.map((b) => b.count)).toEqual([8, 8, 4]);
    expect(test.flatMap((b) => [...b.labels])).toEqual([...set.test.labels.subarray(0, 20)]);
    const first = data.monitorBatch();
    expect(data.monitorBatch()).toBe(first);
    expect([...first.labels]).toEqual([...set.test.labels.subarray(0, 8)]);
    // Held-out images are never augmented: the first one is the set's bytes, normalised.
    expect(first.images[0]).toBeCloseTo((set.test.images[0] / 255 - 0.5) / 0.5, 6);
  });
});
