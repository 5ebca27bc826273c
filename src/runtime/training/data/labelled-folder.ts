/**
 * A labelled folder in the /evaluate layout (one subfolder per class named by WordNet ID, or images with
 * LOC_val_solution.csv: `labelDataset` of evaluation/dataset.ts decides) as training data: each image
 * decoded (the platform's decoder: sharp in Node, the browser's in a page) and brought to the small input
 * exactly as the classify path brings a photo to 299 — the shorter side resized to `size` with Pillow's
 * bicubic filter, then the centre `size`×`size` crop (timm's eval transform with crop_pct 1).
 *
 * The held-out split: the layout's own when the images sit under train/ and val/ (or validation/, test/)
 * folders, else a seeded 10 % of each class. Unreadable images are skipped and listed, never silently.
 */
import { imagenetShortLabel } from '../../labels.ts';
import { DatasetError, findLocCsv, labelDataset, type Dataset, type LeftOut } from '../../evaluation/dataset.ts';
import { LocCsvError } from '../../evaluation/loc-csv.ts';
import { ImageInputError } from '../../preprocess/errors.ts';
import type { RgbImage } from '../../preprocess/image.ts';
import { cropForModel } from '../../preprocess/pipeline.ts';
import { DataError, type ImageSplit, type LabelledImages } from './labelled-images.ts';
import { mixSeed, Random, shuffleInPlace } from './random.ts';

/** A file of the folder: its path relative to the folder ("/"-separated) and a way to read it. */
export interface FolderFile {
  path: string;
  read(): Promise<Uint8Array>;
}

/** Decodes image bytes to RGB; throws an ImageInputError naming `path` when the image is unusable. */
export type DecodeImage = (bytes: Uint8Array, path: string) => Promise<RgbImage>;

export interface FolderProgress {
  done: number;
  total: number;
  skipped: number;
}

export interface LabelledFolderOptions {
  /** The side of the small input (32, 64). */
  size: number;
  decode: DecodeImage;
  /** Names the folder in messages and the data (default "labelled folder"). */
  name?: string;
  /** Seeds the held-out split when the layout has none (default 1). */
  seed?: number;
  /** The held-out share of each class when the layout has no split (default 0.1). */
  heldOut?: number;
  signal?: AbortSignal;
  onProgress?: (progress: FolderProgress) => void;
}

export interface LabelledFolder extends LabelledImages {
  /** The ImageNet-1k class index of each class (the folders are named by WordNet ID). */
  imagenetClasses: number[];
  /** 'layout': train/ and val/ folders; 'seeded': a seeded share of each class held out. */
  split: 'layout' | 'seeded';
  /** Images that could not be decoded, with why. */
  skipped: { path: string; reason: string }[];
  /** Images that could not be labelled (the evaluation layout's reasons). */
  leftOut: LeftOut[];
  warnings: string[];
}

/** Labels take one byte each (LabelledImages): at most 256 classes. */
export const MAX_CLASSES = 256;

const TRAIN_FOLDERS = new Set(['train', 'training']);
const HELD_OUT_FOLDERS = new Set(['val', 'valid', 'validation', 'test', 'held-out', 'heldout']);

/** 'train' or 'test' from the folders above the class folder (csv layout: above the image), if they say. */
function layoutSplit(path: string, layout: Dataset['layout']): 'train' | 'test' | undefined {
  const folders = path
    .split('/')
    .slice(0, layout === 'folders' ? -2 : -1)
    .map((f) => f.toLowerCase());
  const train = folders.some((f) => TRAIN_FOLDERS.has(f));
  const test = folders.some((f) => HELD_OUT_FOLDERS.has(f));
  return train === test ? undefined : train ? 'train' : 'test';
}

async function labelFolder(files: readonly FolderFile[], where: string): Promise<Dataset> {
  const csv = findLocCsv(files);
  try {
    const csvText = csv ? new TextDecoder().decode(await csv.read()) : undefined;
    return labelDataset(files, csvText);
  } catch (error) {
    if (error instanceof DatasetError || error instanceof LocCsvError) {
      throw new DataError(`${where}: ${error.message}`);
    }
    throw error;
  }
}

/** Which images are held out: the layout's split if every image has one and both sides exist, else seeded. */
function chooseSplit(
  dataset: Dataset,
  labels: readonly number[],
  seed: number,
  heldOut: number,
): {
  test: boolean[];
  split: LabelledFolder['split'];
} {
  const sides = dataset.images.map((image) => layoutSplit(image.path, dataset.layout));
  if (sides.every((s) => s !== undefined) && sides.includes('train') && sides.includes('test')) {
    return { test: sides.map((s) => s === 'test'), split: 'layout' };
  }
  const test = new Array<boolean>(labels.length).fill(false);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
  for (const [label, members] of byClass) {
    // At least one image of each class with two or more is held out, so every class is measured.
    const count = members.length < 2 ? 0 : Math.max(1, Math.round(members.length * heldOut));
    const chosen = shuffleInPlace([...members], new Random(mixSeed(seed, 3, label))).slice(0, count);
    for (const i of chosen) test[i] = true;
  }
  return { test, split: 'seeded' };
}

/** Reads, decodes and resizes the labelled images among `files` (see the file's comment). */
export async function readLabelledFolder(
  files: readonly FolderFile[],
  options: LabelledFolderOptions,
): Promise<LabelledFolder> {
  const { size, decode, name = 'labelled folder', seed = 1, heldOut = 0.1, signal, onProgress } = options;
  if (!Number.isInteger(size) || size < 8 || size > 512) {
    throw new RangeError(`the image size must be 8–512 pixels, got ${size}`);
  }
  if (!(heldOut >= 0 && heldOut < 1)) throw new RangeError(`the held-out share must be in [0, 1), got ${heldOut}`);
  const dataset = await labelFolder(files, name);
  const imagenetClasses = [...new Set(dataset.images.map((i) => i.label))].sort((a, b) => a - b);
  if (imagenetClasses.length > MAX_CLASSES) {
    throw new DataError(
      `${name} has ${imagenetClasses.length} classes; training takes at most ${MAX_CLASSES}: ` +
        'use a folder with fewer class subfolders',
    );
  }
  const classOf = new Map(imagenetClasses.map((imagenet, i) => [imagenet, i]));
  const labels = dataset.images.map((image) => classOf.get(image.label)!);
  const { test, split } = chooseSplit(dataset, labels, seed, heldOut);

  const byPath = new Map(files.map((f) => [f.path, f]));
  const pixels: (Uint8Array | undefined)[] = [];
  const skipped: LabelledFolder['skipped'] = [];
  const crop = { inputSize: size, cropPct: 1, interpolation: 'bicubic', mean: [0, 0, 0], std: [1, 1, 1] } as const;
  for (const [i, image] of dataset.images.entries()) {
    signal?.throwIfAborted();
    try {
      const decoded = await decode(await byPath.get(image.path)!.read(), image.path);
      pixels.push(cropForModel(decoded, crop).crop.data);
    } catch (error) {
      if (signal?.aborted) throw error;
      const reason =
        error instanceof ImageInputError
          ? error.message.replace(`${image.path}: `, '')
          : `could not be read (${error instanceof Error ? error.message : String(error)})`;
      skipped.push({ path: image.path, reason });
      pixels.push(undefined);
    }
    onProgress?.({ done: i + 1, total: dataset.images.length, skipped: skipped.length });
  }

  const splitOf = (held: boolean): ImageSplit => {
    const chosen = pixels.flatMap((p, i) => (p && test[i] === held ? [i] : []));
    const images = new Uint8Array(chosen.length * size * size * 3);
    chosen.forEach((i, k) => images.set(pixels[i]!, k * size * size * 3));
    return { images, labels: Uint8Array.from(chosen, (i) => labels[i]), count: chosen.length };
  };
  const data: LabelledFolder = {
    name,
    classes: imagenetClasses.map(imagenetShortLabel),
    size,
    train: splitOf(false),
    test: splitOf(true),
    imagenetClasses,
    split,
    skipped,
    leftOut: dataset.leftOut,
    warnings: [...dataset.warnings],
  };
  if (data.train.count === 0) {
    throw new DataError(
      `${name}: none of its ${dataset.images.length} labelled image(s) could be used for training` +
        `${skipped.length ? ` (${skipped.length} could not be decoded)` : ''}: add images, one subfolder per class`,
    );
  }
  if (data.test.count === 0) {
    data.warnings.push(`${name}: no image is held out (too few per class): the test error cannot be measured`);
  }
  return data;
}
