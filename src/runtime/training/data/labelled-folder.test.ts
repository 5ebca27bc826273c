import { describe, expect, it } from 'vitest';
import { IMAGENET_SYNSETS } from '../../evaluation/synsets.ts';
import { ImageInputError } from '../../preprocess/errors.ts';
import { rgbImage } from '../../preprocess/image.ts';
import { DataError } from './labelled-images.ts';
import { readLabelledFolder, type DecodeImage, type FolderFile } from './labelled-folder.ts';

const TENCH = 'n01440764'; // ImageNet class 0
const GOLDFISH = 'n01443537'; // class 1
const TABBY = 'n02123045'; // class 281

/** A file whose bytes name a grey level; "bad" files fail to decode. */
const file = (path: string, grey = 100): FolderFile => ({ path, read: async () => Uint8Array.of(grey) });

/** Stands in for sharp / the browser: a 40×30 image of the grey level the bytes name. */
const decode: DecodeImage = async (bytes, path) => {
  if (path.includes('bad'))
    throw new ImageInputError(path, 'corrupt', {
      code: 'image.corrupt',
      params: { file: path, format: 'JPEG', detail: 'bad' },
    });
  return rgbImage(40, 30, new Uint8Array(40 * 30 * 3).fill(bytes[0]));
};

const classFolder = (wnid: string, count: number, prefix = 'set/') =>
  Array.from({ length: count }, (_, i) => file(`${prefix}${wnid}/img_${String(i).padStart(3, '0')}.JPEG`, 10 + i));

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return (error as Error).message;
}

describe('readLabelledFolder', () => {
  it('names the classes by ImageNet order, holds out a seeded 10 % of each class, and resizes', async () => {
    const files = [
      ...classFolder(TABBY, 20),
      ...classFolder(TENCH, 30),
      ...classFolder(GOLDFISH, 1),
      file('set/notes.txt'),
    ];
    const data = await readLabelledFolder(files, { size: 8, decode, name: 'my photos' });
    expect(data.name).toBe('my photos');
    expect(data.classes).toEqual(['tench', 'goldfish', 'tabby']);
    expect(data.imagenetClasses).toEqual([0, 1, 281]);
    expect(data.split).toBe('seeded');
    expect(data.size).toBe(8);
    const count = (labels: Uint8Array, k: number) => labels.filter((l) => l === k).length;
    expect([0, 1, 2].map((k) => count(data.test.labels, k))).toEqual([3, 0, 2]);
    expect([0, 1, 2].map((k) => count(data.train.labels, k))).toEqual([27, 1, 18]);
    expect(data.train.images.byteLength).toBe(46 * 8 * 8 * 3);
    // Every pixel of each small image is the grey level of its file (a uniform image stays uniform).
    const greys = new Set<number>();
    for (let i = 0; i < data.test.count; i++) {
      const image = data.test.images.subarray(i * 192, (i + 1) * 192);
      expect(image.every((v) => v === image[0])).toBe(true);
      greys.add(image[0]);
    }
    expect(greys.size).toBe(5);
    expect(data.warnings).toEqual([]);
  });

  it('holds out the same images for the same seed, others for another', async () => {
    const files = classFolder(TENCH, 40);
    const heldOut = async (seed: number) => {
      const data = await readLabelledFolder(files, { size: 8, decode, seed });
      return [...data.test.images.filter((_, i) => i % 192 === 0)].sort((a, b) => a - b);
    };
    expect(await heldOut(3)).toHaveLength(4);
    expect(await heldOut(3)).toEqual(await heldOut(3));
    expect(await heldOut(4)).not.toEqual(await heldOut(3));
  });

  it("uses the layout's own split when the images sit under train/ and val/", async () => {
    const files = [
      ...classFolder(TENCH, 6, 'data/train/'),
      ...classFolder(TENCH, 2, 'data/val/'),
      ...classFolder(TABBY, 5, 'data/train/'),
      ...classFolder(TABBY, 3, 'data/val/'),
    ];
    const data = await readLabelledFolder(files, { size: 8, decode });
    expect(data.split).toBe('layout');
    // In the evaluation layout's order (by file name): sorted here to count.
    expect([...data.train.labels].sort()).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect([...data.test.labels].sort()).toEqual([0, 0, 1, 1, 1]);
  });

  it('skips and lists an image that cannot be decoded, and what could not be labelled', async () => {
    const files = [...classFolder(TENCH, 10), file(`set/${TENCH}/bad.JPEG`), file('set/cats/a.jpg')];
    const progress: number[] = [];
    const data = await readLabelledFolder(files, { size: 8, decode, onProgress: (p) => progress.push(p.skipped) });
    expect(data.train.count + data.test.count).toBe(10);
    expect(data.skipped).toEqual([
      { path: `set/${TENCH}/bad.JPEG`, reason: 'the JPEG data is truncated or corrupt and could not be decoded (bad)' },
    ]);
    const reason = 'not in a folder named by WordNet ID (like n01440764/): "cats"';
    expect(data.leftOut).toEqual([{ reason, paths: ['set/cats/a.jpg'] }]);
    expect(progress).toHaveLength(11);
    expect(progress.at(-1)).toBe(1);
  });

  it('says what to do when nothing can be labelled or used, or there are too many classes', async () => {
    expect(await failure(readLabelledFolder([file('set/cats/a.jpg')], { size: 8, decode, name: 'pets' }))).toMatch(
      /^pets: none of the 1 image\(s\) could be labelled .*lay the folder out one subfolder per class named /,
    );
    expect(await failure(readLabelledFolder([file(`set/${TENCH}/bad.jpg`)], { size: 8, decode, name: 'pets' }))).toBe(
      'pets: none of its 1 labelled image(s) could be used for training (1 could not be decoded): ' +
        'add images, one subfolder per class',
    );
    const many = IMAGENET_SYNSETS.slice(0, 257).map((wnid) => file(`set/${wnid}/a.png`));
    expect(await failure(readLabelledFolder(many, { size: 8, decode, name: 'big' }))).toBe(
      'big has 257 classes; training takes at most 256: use a folder with fewer class subfolders',
    );
  });

  it('warns when no image is held out', async () => {
    const files = [...classFolder(TENCH, 1), ...classFolder(TABBY, 1)];
    const data = await readLabelledFolder(files, { size: 8, decode, name: 'tiny' });
    expect(data.test.count).toBe(0);
    expect(data.warnings).toEqual([
      'tiny: no image is held out (too few per class): the test error cannot be measured',
    ]);
  });
});
