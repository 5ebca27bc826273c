/**
 * The 1000 ImageNet-1k class names in the order of the checkpoints' logits (timm tf_in1k: no background
 * class), taken from `@tensorflow-models/mobilenet`. Only its class table is imported, a plain
 * CommonJS object literal: neither the package's entry point nor tfjs-converter ends up in a bundle.
 */
import { IMAGENET_CLASSES } from '@tensorflow-models/mobilenet/dist/imagenet_classes.js';

export const IMAGENET_CLASS_COUNT = 1000;

/** Full WordNet synonym lists, e.g. index 281 → "tabby, tabby cat". */
export const IMAGENET_LABELS: readonly string[] = Object.freeze(
  Array.from({ length: IMAGENET_CLASS_COUNT }, (_, i) => {
    const label = IMAGENET_CLASSES[i];
    if (typeof label !== 'string') throw new Error(`ImageNet class table has no entry ${i}`);
    return label;
  }),
);

/** The label of a class index, with a clear error for an index outside 0..999. */
export function imagenetLabel(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= IMAGENET_CLASS_COUNT) {
    throw new RangeError(`ImageNet class index must be an integer in 0..${IMAGENET_CLASS_COUNT - 1}, got ${index}`);
  }
  return IMAGENET_LABELS[index];
}

/** The first synonym only, for compact displays: 281 → "tabby", 0 → "tench". */
export function imagenetShortLabel(index: number): string {
  return imagenetLabel(index).split(', ')[0];
}
