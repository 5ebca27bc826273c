import { describe, expect, it } from 'vitest';
import { batchCount, batches, CROP_PADDING, epochOrder, writeImage, type Augmentation, type Batch } from './batches.ts';
import type { ImageSet } from './labelled-images.ts';

/** `count` images of size×size whose bytes say where they are: R = image, G = y·size + x, B = 255 − R. */
function landmarkSet(count: number, size: number): ImageSet {
  const images = new Uint8Array(count * size * size * 3);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < size * size; p++) {
      const o = (i * size * size + p) * 3;
      images[o] = i;
      images[o + 1] = p;
      images[o + 2] = 255 - i;
    }
  }
  return { images, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), count, size };
}

const normalised = (byte: number) => Math.fround(Math.fround(Math.fround(byte / 255) - 0.5) / 0.5);
const all = (set: ImageSet, options: Parameters<typeof batches>[1]): Batch[] => [...batches(set, options)];

describe('batches', () => {
  const set = landmarkSet(103, 4);

  it('shows every image once per epoch, in batches of the asked size (the last one smaller)', () => {
    const epoch = all(set, { batchSize: 10, seed: 1, epoch: 0, augment: false });
    expect(epoch.map((b) => b.count)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 3]);
    const seen = epoch.flatMap((b) => [...b.indices]).sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: 103 }, (_, i) => i));
    expect(batchCount(103, 10)).toBe(11);
    const dropped = all(set, { batchSize: 10, seed: 1, epoch: 0, augment: false, dropRemainder: true });
    expect(dropped.map((b) => b.count)).toEqual(new Array(10).fill(10));
    expect(batchCount(103, 10, true)).toBe(10);
  });

  it("carries each image's label and its normalised pixels (x/255 − 0.5)/0.5", () => {
    for (const batch of all(set, { batchSize: 16, seed: 2, epoch: 3, augment: false })) {
      expect(batch.images).toBeInstanceOf(Float32Array);
      expect(batch.labels).toBeInstanceOf(Int32Array);
      batch.indices.forEach((index, i) => {
        expect(batch.labels[i]).toBe(index % 10);
        // Pixel 5 (y 1, x 1) of the image: R = index, G = 5, B = 255 − index.
        const o = (i * 16 + 5) * 3;
        const expected = [normalised(index), normalised(5), normalised(255 - index)];
        expect([...batch.images.subarray(o, o + 3)]).toEqual(expected);
      });
    }
    expect(normalised(0)).toBe(-1);
    expect(normalised(255)).toBe(1);
  });

  it('gives the same batches for the same seed and epoch, another order for another seed or epoch', () => {
    const order = (seed: number, epoch: number) =>
      all(set, { batchSize: 32, seed, epoch, augment: true }).flatMap((b) => [...b.indices]);
    expect(order(4, 1)).toEqual(order(4, 1));
    expect(order(4, 2)).not.toEqual(order(4, 1));
    expect(order(5, 1)).not.toEqual(order(4, 1));
    const [first] = all(set, { batchSize: 32, seed: 4, epoch: 1, augment: true });
    const [again] = all(set, { batchSize: 32, seed: 4, epoch: 1, augment: true });
    expect(again.images).toEqual(first.images);
    // The order does not depend on the batch size.
    const bySevens = all(set, { batchSize: 7, seed: 4, epoch: 1, augment: false });
    expect(bySevens.flatMap((b) => [...b.indices])).toEqual(order(4, 1));
  });

  it("keeps the set's order without shuffling", () => {
    expect([...epochOrder(5, { seed: 1, epoch: 9, shuffle: false })]).toEqual([0, 1, 2, 3, 4]);
    const ordered = all(set, { batchSize: 50, seed: 1, epoch: 0, augment: false, shuffle: false });
    expect(ordered.flatMap((b) => [...b.indices])).toEqual(Array.from({ length: 103 }, (_, i) => i));
  });

  it('refuses impossible options', () => {
    expect(() => all(set, { batchSize: 0, seed: 1, epoch: 0, augment: false })).toThrow(
      'the batch size must be a whole number ≥ 1, got 0',
    );
    expect(() => all(set, { batchSize: 1, seed: 1, epoch: -1, augment: false })).toThrow(
      'the epoch must be a whole number ≥ 0, got -1',
    );
    expect(() => all({ ...set, count: 104 }, { batchSize: 1, seed: 1, epoch: 0, augment: false })).toThrow(
      'the image set is inconsistent: 104 images of 4×4×3 need 4992 bytes and 104 labels, got 4944 and 103',
    );
  });
});

describe('augmentation: crop from the zero-padded image, then flip', () => {
  // One 3×3 image, its pixels numbered 1…9 row by row (the same number in R, G and B).
  //   1 2 3
  //   4 5 6
  //   7 8 9
  const pixels = Uint8Array.from({ length: 27 }, (_, i) => Math.floor(i / 3) + 1);
  const tiny: ImageSet = { images: pixels, labels: Uint8Array.of(0), count: 1, size: 3 };
  /** The augmented image as rows of pixel numbers (0 = padding), read from its red channel. */
  const view = (augmentation: Augmentation): number[][] => {
    const out = new Float32Array(27);
    writeImage(tiny, 0, augmentation, out, 0);
    const byte = (v: number) => Math.round((v * 0.5 + 0.5) * 255);
    return [0, 1, 2].map((y) => [0, 1, 2].map((x) => byte(out[(y * 3 + x) * 3])));
  };

  it('left = top = padding is the image itself; flipped, its mirror', () => {
    expect(view({ left: CROP_PADDING, top: CROP_PADDING, flip: false })).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(view({ left: CROP_PADDING, top: CROP_PADDING, flip: true })).toEqual([
      [3, 2, 1],
      [6, 5, 4],
      [9, 8, 7],
    ]);
  });

  it('moves the window over the padding: one pixel right and down, two left and up', () => {
    const [p, q] = [CROP_PADDING + 1, CROP_PADDING - 2];
    expect(view({ left: p, top: p, flip: false })).toEqual([
      [5, 6, 0],
      [8, 9, 0],
      [0, 0, 0],
    ]);
    expect(view({ left: q, top: q, flip: false })).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 1],
    ]);
    // Crop first, then mirror the crop: the padding that came in on the right ends up on the left.
    expect(view({ left: p, top: CROP_PADDING, flip: true })).toEqual([
      [0, 3, 2],
      [0, 6, 5],
      [0, 9, 8],
    ]);
    expect(view({ left: 0, top: 0, flip: false })).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('draws every offset of 0…8 with both flips, and flips about half the images', () => {
    const many = landmarkSet(4000, 8);
    const seen = new Map<string, number>();
    for (const batch of batches(many, { batchSize: 500, seed: 11, epoch: 0, augment: true })) {
      batch.indices.forEach((index, i) => {
        // Find the augmentation that makes this image: the one whose writeImage gives the same floats.
        const got = batch.images.subarray(i * 192, (i + 1) * 192);
        const out = new Float32Array(192);
        const matches: string[] = [];
        for (let left = 0; left <= 2 * CROP_PADDING; left++) {
          for (let top = 0; top <= 2 * CROP_PADDING; top++) {
            for (const flip of [false, true]) {
              writeImage(many, index, { left, top, flip }, out, 0);
              if (out.every((v, k) => v === got[k])) matches.push(`${left},${top},${flip}`);
            }
          }
        }
        expect(matches).toHaveLength(1); // the landmark pixels make every augmentation distinct
        seen.set(matches[0], (seen.get(matches[0]) ?? 0) + 1);
      });
    }
    expect(seen.size).toBe(9 * 9 * 2);
    const flips = [...seen].filter(([key]) => key.endsWith('true')).reduce((sum, [, n]) => sum + n, 0);
    expect(Math.abs(flips - 2000)).toBeLessThan(150);
  });
});
