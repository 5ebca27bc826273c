import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sameBytes } from '../../../testing/cifar10-files.ts';
import { generatedDataset, GENERATED_CLASSES } from './generated.ts';
import { DataError, type ImageSplit } from './labelled-images.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('generatedDataset: deterministic', () => {
  // Recorded from this generator; a change of any byte (drawing, random numbers, order) changes them.
  it('gives the same bytes for the same seed (a hash of the first images, 32 and 64 pixels)', () => {
    const small = generatedDataset({ seed: 1, train: 10, test: 2 });
    expect(sha256(small.train.images)).toBe('7f6d9375d99928b1fe87569328af1e39df9bcaf9917851c2ee34e16c64c41f1f');
    expect(sha256(small.test.images)).toBe('c04f806534e57c422b380b405dc2324b7a94f55e6aa0ad5a31343e9c9ff0c1e7');
    const large = generatedDataset({ seed: 1, size: 64, train: 4, test: 0 });
    expect(large.train.images.byteLength).toBe(4 * 64 * 64 * 3);
    expect(sha256(large.train.images)).toBe('26cd7feced7fd0120435cee6ca874eb40ca50f149903b7843204a67c8eabce2c');
  });

  it('draws image i from (seed, split, i) alone: other counts keep it, another seed or split changes it', () => {
    const few = generatedDataset({ seed: 5, train: 12, test: 3 });
    const more = generatedDataset({ seed: 5, train: 40, test: 7 });
    expect(sameBytes(few.train.images, more.train.images.subarray(0, few.train.images.byteLength))).toBe(true);
    expect(sameBytes(few.test.images, more.test.images.subarray(0, few.test.images.byteLength))).toBe(true);
    const other = generatedDataset({ seed: 6, train: 12, test: 3 });
    const image = 32 * 32 * 3;
    const nth = (images: Uint8Array, i: number) => images.subarray(i * image, (i + 1) * image);
    for (let i = 0; i < 12; i++) expect(sameBytes(nth(few.train.images, i), nth(other.train.images, i))).toBe(false);
    expect(sameBytes(nth(few.train.images, 0), nth(few.test.images, 0))).toBe(false);
  });

  it('refuses impossible options with a message', () => {
    expect(() => generatedDataset({ size: 4 })).toThrow(DataError);
    expect(() => generatedDataset({ size: 4 })).toThrow(
      'generated dataset: the image size must be a whole number from 8 to 256 pixels, got 4',
    );
    expect(() => generatedDataset({ train: -1 })).toThrow(
      'generated dataset: the training count must be a whole number from 0 to 349525, got -1',
    );
    expect(() => generatedDataset({ seed: 0.5 })).toThrow('generated dataset: the seed must be an integer, got 0.5');
  });
});

/** Colour-free structure of a picture: where its edges point and how they lie (a poor man's HOG). */
function structure(images: Uint8Array, index: number, size: number): number[] {
  const bins = 12;
  const histogram = new Array<number>(bins).fill(0);
  const xs: number[] = [];
  const ys: number[] = [];
  const at = (x: number, y: number, c: number) => images[((index * size + y) * size + x) * 3 + c];
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      // The strongest channel's gradient (colours are random: no channel is special).
      let best = 0;
      let angle = 0;
      for (let c = 0; c < 3; c++) {
        const gx = at(x + 1, y, c) - at(x - 1, y, c);
        const gy = at(x, y + 1, c) - at(x, y - 1, c);
        if (gx * gx + gy * gy > best) [best, angle] = [gx * gx + gy * gy, Math.atan2(gy, gx)];
      }
      if (best < 60 * 60) continue;
      xs.push(x);
      ys.push(y);
      histogram[Math.min(bins - 1, Math.floor((((angle + Math.PI) % Math.PI) / Math.PI) * bins))]++;
    }
  }
  const n = Math.max(1, xs.length);
  const h = histogram.map((v) => v / n);
  // Rotation-free: how much the histogram agrees with itself turned by k bins (90° apart: squares, crosses…).
  const turned = [0, 1, 2, 3, 4, 5, 6].map((k) => 3 * h.reduce((sum, v, i) => sum + v * h[(i + k) % bins], 0));
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const radii = xs.map((x, i) => Math.hypot(x - mx, ys[i] - my));
  const mean = radii.reduce((a, b) => a + b, 0) / n;
  const spread = Math.sqrt(radii.reduce((a, r) => a + (r - mean) ** 2, 0) / n) / Math.max(1, mean);
  return [...h, ...turned, (3 * xs.length) / (size * size), 3 * spread];
}

const raw = (images: Uint8Array, index: number, size: number) =>
  Array.from(images.subarray(index * size * size * 3, (index + 1) * size * size * 3), (v) => v / 255);

type Features = (images: Uint8Array, index: number, size: number) => number[];

/** Test accuracy of the nearest class centroid on standardised features. */
function nearestCentroidAccuracy(train: ImageSplit, test: ImageSplit, size: number, features: Features): number {
  const of = (split: ImageSplit) => Array.from({ length: split.count }, (_, i) => features(split.images, i, size));
  const trainFeatures = of(train);
  const n = trainFeatures[0].length;
  const mean = new Array<number>(n).fill(0);
  const variance = new Array<number>(n).fill(0);
  for (const f of trainFeatures) f.forEach((v, j) => (mean[j] += v / train.count));
  for (const f of trainFeatures) f.forEach((v, j) => (variance[j] += (v - mean[j]) ** 2 / train.count));
  const standard = (f: number[]) => f.map((v, j) => (v - mean[j]) / (Math.sqrt(variance[j]) || 1));
  const centroids = Array.from({ length: 10 }, () => new Array<number>(n).fill(0));
  const counts = new Array<number>(10).fill(0);
  trainFeatures.forEach((f, i) => {
    counts[train.labels[i]]++;
    standard(f).forEach((v, j) => (centroids[train.labels[i]][j] += v));
  });
  centroids.forEach((c, k) => c.forEach((_, j) => (c[j] /= counts[k])));
  let right = 0;
  of(test).forEach((f, i) => {
    const z = standard(f);
    const distances = centroids.map((c) => c.reduce((sum, v, j) => sum + (v - z[j]) ** 2, 0));
    if (distances.indexOf(Math.min(...distances)) === test.labels[i]) right++;
  });
  return right / test.count;
}

describe('generatedDataset: balanced, distinct, not trivial', () => {
  const data = generatedDataset({ seed: 7, train: 1000, test: 500 });

  it('has ten named classes, balanced in both splits', () => {
    expect(data.classes).toEqual(GENERATED_CLASSES);
    expect(data.classes).toHaveLength(10);
    for (const split of [data.train, data.test]) {
      const counts = new Array<number>(10).fill(0);
      for (const label of split.labels) counts[label]++;
      expect(counts).toEqual(new Array(10).fill(split.count / 10));
    }
  });

  it('tells nothing by colour (raw pixels: chance) and everything by shape and orientation', () => {
    // Colours are drawn independently of the class: the nearest class mean of the raw pixels is a guess.
    expect(nearestCentroidAccuracy(data.train, data.test, 32, raw)).toBeLessThan(0.2);
    // The same classifier on where edges point and how they lie gets nearly all (measured: 95 %).
    expect(nearestCentroidAccuracy(data.train, data.test, 32, structure)).toBeGreaterThan(0.85);
  });
});
