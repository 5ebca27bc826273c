/**
 * The one shape every training data source produces (CIFAR-10, the generated set, a labelled folder) and
 * the trainer consumes: uint8 NHWC images, one label byte each, a training split and a held-out split.
 */

/** One split: `count` images of size×size×3 bytes, NHWC (`images[((i·size + y)·size + x)·3 + c]`). */
export interface ImageSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface LabelledImages {
  name: string;
  /** Class names; a label is an index into it. */
  classes: readonly string[];
  /** Images are size×size×3. */
  size: number;
  train: ImageSplit;
  /** Held out: never trained on (the test error is measured on it). */
  test: ImageSplit;
}

/** A split with its image size: what `batches` takes. */
export interface ImageSet extends ImageSplit {
  size: number;
}

export function imageSet(data: LabelledImages, split: 'train' | 'test'): ImageSet {
  return { ...data[split], size: data.size };
}

/** Bad training data (a file, an archive, a folder): the message names it, says what is wrong and what to do. */
export class DataError extends Error {
  override readonly name = 'DataError';
}
