/**
 * The 1000 ImageNet-1k class names in the order of the checkpoints' logits (timm tf_in1k: no background
 * class). The table is a generated data module (imagenet-labels.data.ts, from the class table of
 * @tensorflow-models/mobilenet, which stays a devDependency for the test that checks it): the app ships
 * one table, not a package that depends on tfjs-converter.
 */
import { IMAGENET_CLASS_NAMES } from './imagenet-labels.data.ts';

export const IMAGENET_CLASS_COUNT = 1000;

/** Full WordNet synonym lists, e.g. index 281 → "tabby, tabby cat". */
export const IMAGENET_LABELS: readonly string[] = Object.freeze([...IMAGENET_CLASS_NAMES]);

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
