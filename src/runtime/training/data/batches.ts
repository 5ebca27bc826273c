/**
 * Training batches from uint8 images: each epoch a seeded shuffle, each image normalised as the networks
 * expect it ((x/255 − 0.5)/0.5 in float32, exactly as the classify path's ToTensor + Normalize), and with
 * `augment` the standard CIFAR augmentation, in torchvision's order: a random crop of the image padded by
 * 4 zero pixels (black: −1 once normalised) on each side, then a horizontal flip with probability ½.
 * Everything random comes from (seed, epoch): the same seed gives the same batches, on any machine.
 */
import { TRAINED_MEAN, TRAINED_STD } from '../../../model/trained.ts';
import { normalizationTable } from '../../preprocess/normalize.ts';
import type { ImageSet } from './labelled-images.ts';
import { mixSeed, Random, shuffleInPlace } from './random.ts';

/** Zero pixels added on each side before the random crop. */
export const CROP_PADDING = 4;

export interface BatchOptions {
  batchSize: number;
  seed: number;
  epoch: number;
  /** Random crop (padding 4) and horizontal flip. */
  augment: boolean;
  /** Shuffle the images (default true); false keeps the set's order (evaluation). */
  shuffle?: boolean;
  /** Leave out the last, smaller batch (default false: every image is seen once per epoch). */
  dropRemainder?: boolean;
}

export interface Batch {
  /** NHWC float32 [count, size, size, 3], normalised to [−1, 1]. */
  images: Float32Array;
  labels: Int32Array;
  count: number;
  /** Which images of the set these are, in batch order. */
  indices: Uint32Array;
}

/** Where an image is cut from its padded copy (0 … 2·padding each way) and whether it is mirrored. */
export interface Augmentation {
  left: number;
  top: number;
  flip: boolean;
}

const STREAM = { shuffle: 1, augment: 2 } as const;

/** (x/255 − 0.5)/0.5 of every byte value, in float32 (a trained network's input: model/trained.ts). */
const NORMALISED = normalizationTable(TRAINED_MEAN, TRAINED_STD)[0];

/** How many batches an epoch has. */
export function batchCount(count: number, batchSize: number, dropRemainder = false): number {
  return dropRemainder ? Math.floor(count / batchSize) : Math.ceil(count / batchSize);
}

/**
 * Writes image `index` of `set`, normalised, into `out` at `offset`; with an augmentation, cut from the
 * zero-padded image at (left, top) and then mirrored if `flip`.
 */
export function writeImage(
  set: ImageSet,
  index: number,
  augmentation: Augmentation | undefined,
  out: Float32Array,
  offset: number,
): void {
  const { size, images } = set;
  const source = index * size * size * 3;
  if (!augmentation) {
    for (let i = 0; i < size * size * 3; i++) out[offset + i] = NORMALISED[images[source + i]];
    return;
  }
  const { left, top, flip } = augmentation;
  const padding = NORMALISED[0];
  for (let y = 0; y < size; y++) {
    const sy = y + top - CROP_PADDING;
    for (let x = 0; x < size; x++) {
      // The crop's column x, read from the mirrored column when flipped (the flip comes after the crop).
      const sx = (flip ? size - 1 - x : x) + left - CROP_PADDING;
      const o = offset + (y * size + x) * 3;
      if (sy < 0 || sy >= size || sx < 0 || sx >= size) {
        out[o] = out[o + 1] = out[o + 2] = padding;
      } else {
        const s = source + (sy * size + sx) * 3;
        out[o] = NORMALISED[images[s]];
        out[o + 1] = NORMALISED[images[s + 1]];
        out[o + 2] = NORMALISED[images[s + 2]];
      }
    }
  }
}

function checkOptions(set: ImageSet, options: BatchOptions): void {
  const { batchSize, seed, epoch } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`the batch size must be a whole number ≥ 1, got ${batchSize}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`the seed must be an integer, got ${seed}`);
  if (!Number.isInteger(epoch) || epoch < 0) {
    throw new RangeError(`the epoch must be a whole number ≥ 0, got ${epoch}`);
  }
  const bytes = set.count * set.size * set.size * 3;
  if (set.images.byteLength !== bytes || set.labels.length !== set.count) {
    throw new RangeError(
      `the image set is inconsistent: ${set.count} images of ${set.size}×${set.size}×3 need ` +
        `${bytes} bytes and ${set.count} labels, got ${set.images.byteLength} and ${set.labels.length}`,
    );
  }
}

/** The epoch's order of the images: seeded by (seed, epoch), or the set's order without shuffling. */
export function epochOrder(count: number, options: Pick<BatchOptions, 'seed' | 'epoch' | 'shuffle'>): Uint32Array {
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  if (options.shuffle === false) return order;
  return shuffleInPlace(order, new Random(mixSeed(options.seed, STREAM.shuffle, options.epoch)));
}

/** One epoch's batches, in order. Each batch is new memory (it may be transferred to a worker). */
export function* batches(set: ImageSet, options: BatchOptions): Generator<Batch> {
  checkOptions(set, options);
  const { batchSize, augment, dropRemainder = false } = options;
  const order = epochOrder(set.count, options);
  const random = new Random(mixSeed(options.seed, STREAM.augment, options.epoch));
  const imageFloats = set.size * set.size * 3;
  const total = batchCount(set.count, batchSize, dropRemainder);
  for (let b = 0; b < total; b++) {
    const indices = order.slice(b * batchSize, Math.min(set.count, (b + 1) * batchSize));
    const count = indices.length;
    const images = new Float32Array(count * imageFloats);
    const labels = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const offsets = 2 * CROP_PADDING + 1;
      const augmentation = augment
        ? { left: random.int(offsets), top: random.int(offsets), flip: random.float() < 0.5 }
        : undefined;
      writeImage(set, indices[i], augmentation, images, i * imageFloats);
      labels[i] = set.labels[indices[i]];
    }
    yield { images, labels, count, indices };
  }
}
