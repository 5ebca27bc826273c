import { describe, expect, it } from 'vitest';
import { featureMap, featureNetwork, keepsFeatures, FEATURE_MAP_LIMIT } from './feature-map.ts';
import { pca2d } from './pca.ts';
import type { ImageRecord } from './records.ts';

const record = (index: number, label: number, top1?: number): ImageRecord => ({
  index,
  path: `val/${index}.jpg`,
  label,
  ...(top1 === undefined
    ? { error: 'unreadable' }
    : { predictions: { 'inception-v4/1': { top5: [top1, 9, 8, 7, 6], p1: 0.5 } } }),
});

describe('featureMap', () => {
  it("places the images with predictions and features by their principal components, in the set's order", () => {
    const records = [record(3, 1, 2), record(0, 0, 0), record(1, 0, undefined), record(2, 1, 1), record(4, 0, 0)];
    const rows = [
      [0, 0, 1],
      [9, 9, 9],
      [4, 1, 0],
      [1, 5, 2],
      [3, 3, 3],
    ];
    // Image 4 has no features (past the limit): no point.
    const features = new Map(rows.slice(0, 4).map((r, i) => [i, Float32Array.from(r)]));
    const map = featureMap(records, features, 'inception-v4/1');
    expect(map.points.map((p) => [p.index, p.label, p.predicted])).toEqual([
      [0, 0, 0],
      [2, 1, 1],
      [3, 1, 2],
    ]);
    const expected = pca2d([rows[0], rows[2], rows[3]]);
    expect(map.points.map((p) => [p.x, p.y])).toEqual(
      [0, 1, 2].map((i) => [expected.coordinates[2 * i], expected.coordinates[2 * i + 1]]),
    );
    expect(map.explained).toEqual(expected.explained);
    expect(map.explained[0] + map.explained[1]).toBeCloseTo(1, 10); // three points span a plane
    expect(featureMap(records, features, 'ensemble/1').points).toEqual([]);
  });

  it("keeps the first 5,000 images' features, of the mode's first network", () => {
    expect(FEATURE_MAP_LIMIT).toBe(5000);
    expect([keepsFeatures(0), keepsFeatures(4999), keepsFeatures(5000)]).toEqual([true, true, false]);
    expect(featureNetwork({ model: 'ensemble', crops: 12 })).toBe('inception-v4');
    expect(featureNetwork({ model: 'inception-resnet-v2', crops: 1 })).toBe('inception-resnet-v2');
  });
});
