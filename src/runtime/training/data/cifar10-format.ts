/**
 * The CIFAR-10 binary version (https://www.cs.toronto.edu/~kriz/cifar.html, "CIFAR-10 binary version
 * (suitable for C programs)"): `cifar-10-batches-bin/` holds data_batch_1.bin … data_batch_5.bin (the
 * training set), test_batch.bin (held out) and batches.meta.txt (the class names, one a line). A batch is
 * records of 3073 bytes: 1 label byte (0–9), then the 32×32 image as three planes, 1024 red bytes, 1024
 * green, 1024 blue, each row-major. The official batches have 10,000 records each; any whole number of
 * records is read (small test sets), and a count other than 10,000 is reported as a warning.
 */
import { DataError, type ImageSplit, type LabelledImages } from './labelled-images.ts';

export const CIFAR10_PAGE = 'https://www.cs.toronto.edu/~kriz/cifar.html';
export const CIFAR10_ARCHIVE_NAME = 'cifar-10-binary.tar.gz';
export const CIFAR10_FOLDER_NAME = 'cifar-10-batches-bin';
export const CIFAR10_SIZE = 32;
export const CIFAR10_IMAGE_BYTES = CIFAR10_SIZE * CIFAR10_SIZE * 3;
export const CIFAR10_RECORD_BYTES = 1 + CIFAR10_IMAGE_BYTES;
export const CIFAR10_RECORDS_PER_BATCH = 10_000;
export const CIFAR10_TRAIN_BATCHES = [1, 2, 3, 4, 5].map((n) => `data_batch_${n}.bin`);
export const CIFAR10_TEST_BATCH = 'test_batch.bin';
export const CIFAR10_META = 'batches.meta.txt';
export const CIFAR10_BATCHES: readonly string[] = [...CIFAR10_TRAIN_BATCHES, CIFAR10_TEST_BATCH];
/** What batches.meta.txt of the official archive lists. */
export const CIFAR10_CLASSES: readonly string[] = Object.freeze([
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
]);

/** The advice that ends every "wrong file" message. */
export const USE_BINARY_VERSION =
  `use the CIFAR-10 binary version, ${CIFAR10_ARCHIVE_NAME} (from ${CIFAR10_PAGE}), ` +
  `or its extracted ${CIFAR10_FOLDER_NAME}/ folder`;

/** The file name without its folders ("cifar-10-batches-bin/data_batch_1.bin" → "data_batch_1.bin"). */
export function baseNameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * One batch file → NHWC uint8 images and labels. `name` (as the user knows the file) leads every message.
 * Throws a DataError for a size that is not whole records (a truncated file) or a label above 9.
 */
export function decodeCifar10Batch(bytes: Uint8Array, name: string): ImageSplit {
  if (bytes.byteLength === 0) throw new DataError(`${name} is empty: extract ${CIFAR10_ARCHIVE_NAME} again`);
  const count = Math.floor(bytes.byteLength / CIFAR10_RECORD_BYTES);
  const rest = bytes.byteLength - count * CIFAR10_RECORD_BYTES;
  if (rest !== 0) {
    throw new DataError(
      `${name} is ${bytes.byteLength} bytes, not a whole number of ` +
        `${CIFAR10_RECORD_BYTES}-byte records (1 label byte + 3072 pixel bytes): record ${count + 1} stops after ` +
        `${rest} of its ${CIFAR10_RECORD_BYTES} bytes. ` +
        `The file is truncated (extract or download ${CIFAR10_ARCHIVE_NAME} again) or is not a CIFAR-10 binary batch; ` +
        USE_BINARY_VERSION,
    );
  }
  const labels = new Uint8Array(count);
  const images = new Uint8Array(count * CIFAR10_IMAGE_BYTES);
  const plane = CIFAR10_SIZE * CIFAR10_SIZE;
  for (let r = 0; r < count; r++) {
    const record = r * CIFAR10_RECORD_BYTES;
    const label = bytes[record];
    if (label > 9) {
      throw new DataError(
        `${name}: record ${r + 1} of ${count} has label ${label}, but CIFAR-10's labels are 0–9. ` +
          "This is not a CIFAR-10 binary batch (CIFAR-100's binary version has 3074-byte records); " +
          USE_BINARY_VERSION,
      );
    }
    labels[r] = label;
    // Planes R, G, B → interleaved RGB.
    const red = record + 1;
    const out = r * CIFAR10_IMAGE_BYTES;
    for (let p = 0; p < plane; p++) {
      const o = out + p * 3;
      images[o] = bytes[red + p];
      images[o + 1] = bytes[red + plane + p];
      images[o + 2] = bytes[red + 2 * plane + p];
    }
  }
  return { images, labels, count };
}

/** batches.meta.txt: the class names, one a line (blank lines ignored); CIFAR-10 has 10. */
export function parseBatchesMeta(text: string, name: string): string[] {
  const classes = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (classes.length !== 10) {
    throw new DataError(
      `${name} lists ${classes.length} class name(s), but CIFAR-10 has 10 (airplane … truck): ` +
        `this is not CIFAR-10's ${CIFAR10_META}; ${USE_BINARY_VERSION}`,
    );
  }
  return classes;
}

/**
 * When the file names say the data is another version of CIFAR (the Python or MATLAB version, or
 * CIFAR-100), the message saying so and what to use instead; otherwise undefined.
 */
export function otherCifarVersion(paths: readonly string[], where: string): string | undefined {
  const names = paths.map((p) => p.replace(/\\/g, '/'));
  const has = (pattern: RegExp) => names.some((n) => pattern.test(n));
  if (has(/(^|\/)cifar-10-batches-py(\/|$)/) || has(/(^|\/)data_batch_[1-5]$/)) {
    return (
      `${where} is the Python version of CIFAR-10 (cifar-10-python.tar.gz, pickled batches), which this app ` +
      `does not read: ${USE_BINARY_VERSION}`
    );
  }
  if (has(/(^|\/)cifar-10-batches-mat(\/|$)/) || has(/(^|\/)data_batch_[1-5]\.mat$/)) {
    return `${where} is the MATLAB version of CIFAR-10 (cifar-10-matlab.tar.gz): ${USE_BINARY_VERSION}`;
  }
  if (has(/(^|\/)cifar-100-(binary|python|matlab)(\/|$)/) || has(/(^|\/)(fine|coarse)_label_names\.txt$/)) {
    return `${where} is CIFAR-100, not CIFAR-10: ${USE_BINARY_VERSION}`;
  }
  return undefined;
}

/** The CIFAR-10 set with what was unusual about it (batches of other than 10,000 records, no batches.meta.txt). */
export interface Cifar10Data extends LabelledImages {
  warnings: string[];
}

/**
 * Collects the batch files as they come (from a folder, dropped files or an archive being read), decoding
 * each at once so that only one raw batch is held, then assembles the set.
 */
export class Cifar10Collector {
  private readonly batches = new Map<string, ImageSplit>();
  private classes: string[] | undefined;

  /** Whether `path` names a file the set needs (by its base name). */
  static wants(path: string): boolean {
    const name = baseNameOf(path);
    return CIFAR10_BATCHES.includes(name) || name === CIFAR10_META;
  }

  /** Adds a file the set needs; `label` names it in messages. Other files are ignored. */
  add(path: string, bytes: Uint8Array, label = path): void {
    const name = baseNameOf(path);
    if (name === CIFAR10_META) this.classes = parseBatchesMeta(new TextDecoder().decode(bytes), label);
    else if (CIFAR10_BATCHES.includes(name)) this.batches.set(name, decodeCifar10Batch(bytes, label));
  }

  /** The assembled set; throws a DataError naming the missing batches. `where` names the folder or archive. */
  finish(where: string): Cifar10Data {
    const missing = CIFAR10_BATCHES.filter((name) => !this.batches.has(name));
    if (missing.length === CIFAR10_BATCHES.length) {
      throw new DataError(
        `${where} holds none of CIFAR-10's batch files (${CIFAR10_TRAIN_BATCHES[0]} … ` +
          `${CIFAR10_TRAIN_BATCHES[4]}, ${CIFAR10_TEST_BATCH}): ${USE_BINARY_VERSION}`,
      );
    }
    if (missing.length > 0) {
      throw new DataError(
        `${where} lacks ${missing.join(', ')}: the CIFAR-10 binary version has ` +
          `${CIFAR10_TRAIN_BATCHES.join(', ')} (training) and ${CIFAR10_TEST_BATCH} (held out). ` +
          `Extract or download ${CIFAR10_ARCHIVE_NAME} again and give the whole ${CIFAR10_FOLDER_NAME}/ folder`,
      );
    }
    const warnings: string[] = [];
    for (const name of CIFAR10_BATCHES) {
      const { count } = this.batches.get(name)!;
      if (count !== CIFAR10_RECORDS_PER_BATCH) {
        warnings.push(`${name} has ${count} records (the official batches have ${CIFAR10_RECORDS_PER_BATCH})`);
      }
    }
    if (!this.classes) warnings.push(`no ${CIFAR10_META}: CIFAR-10's class names are used (airplane … truck)`);
    return {
      name: 'CIFAR-10',
      classes: this.classes ?? [...CIFAR10_CLASSES],
      size: CIFAR10_SIZE,
      train: concatSplits(CIFAR10_TRAIN_BATCHES.map((name) => this.batches.get(name)!)),
      test: this.batches.get(CIFAR10_TEST_BATCH)!,
      warnings,
    };
  }
}

function concatSplits(splits: readonly ImageSplit[]): ImageSplit {
  const count = splits.reduce((sum, s) => sum + s.count, 0);
  const images = new Uint8Array(count * CIFAR10_IMAGE_BYTES);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const split of splits) {
    images.set(split.images, at * CIFAR10_IMAGE_BYTES);
    labels.set(split.labels, at);
    at += split.count;
  }
  return { images, labels, count };
}
