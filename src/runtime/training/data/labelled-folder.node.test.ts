import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from './labelled-images.ts';
import { readLabelledFolderAt } from './labelled-folder.node.ts';

const TENCH = 'n01440764';
const GOLDFISH = 'n01443537';

/** A 300×100 image of three 100-pixel bands, red | green | blue. */
async function bands(format: 'png' | 'jpeg'): Promise<Buffer> {
  const raw = Buffer.alloc(300 * 100 * 3);
  for (let y = 0; y < 100; y++) for (let x = 0; x < 300; x++) raw[(y * 300 + x) * 3 + Math.floor(x / 100)] = 255;
  const image = sharp(raw, { raw: { width: 300, height: 100, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 95 }).toBuffer();
}

describe('readLabelledFolderAt (sharp)', () => {
  let dir = '';
  let root = '';
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'train-folder-'));
    dir = join(root, 'photos');
    mkdirSync(join(dir, TENCH), { recursive: true });
    mkdirSync(join(dir, GOLDFISH));
    for (let i = 0; i < 10; i++) writeFileSync(join(dir, TENCH, `band_${i}.png`), await bands('png'));
    const background = { r: 200, g: 120, b: 40 };
    const portrait = await sharp({ create: { width: 50, height: 80, channels: 3, background } })
      .png()
      .toBuffer();
    for (let i = 0; i < 10; i++) writeFileSync(join(dir, GOLDFISH, `solid_${i}.png`), portrait);
    writeFileSync(join(dir, GOLDFISH, 'cut.jpg'), (await bands('jpeg')).subarray(0, 400));
  });

  it('decodes with sharp, takes the centre square and resizes it to the small input', async () => {
    const data = await readLabelledFolderAt(dir, { size: 32, seed: 2 });
    expect(data.name).toBe('photos');
    expect(data.classes).toEqual(['tench', 'goldfish']);
    // 10 + 11 labelled, one of which cannot be decoded; one of each class held out (chosen before decoding).
    expect(data.train.count + data.test.count).toBe(20);
    expect(data.test.labels.filter((l) => l === 0)).toHaveLength(1);
    const reason = expect.stringMatching(/^the JPEG data is truncated or corrupt/) as unknown;
    expect(data.skipped).toEqual([{ path: `${GOLDFISH}/cut.jpg`, reason }]);
    const all = [data.train, data.test];
    const tench = all.flatMap((s) =>
      Array.from({ length: s.count }, (_, i) => i)
        .filter((i) => s.labels[i] === 0)
        .map((i) => s.images.subarray(i * 3072, (i + 1) * 3072)),
    );
    expect(tench).toHaveLength(10);
    for (const image of tench) {
      const pixel = (x: number, y: number) => [...image.subarray((y * 32 + x) * 3, (y * 32 + x) * 3 + 3)];
      // The centre third (green) fills the crop; the bicubic filter brings a little red into the left
      // edge and blue into the right one, proof that the crop is the centre of the resized image.
      for (let x = 4; x < 28; x++) for (const y of [0, 15, 31]) expect(pixel(x, y)).toEqual([0, 255, 0]);
      expect(pixel(0, 15)[0]).toBeGreaterThan(0);
      expect(pixel(31, 15)[2]).toBeGreaterThan(0);
      expect(pixel(0, 15)[2]).toBe(0);
    }
    const goldfish = all.flatMap((s) =>
      Array.from({ length: s.count }, (_, i) => i)
        .filter((i) => s.labels[i] === 1)
        .map((i) => s.images.subarray(i * 3072, (i + 1) * 3072)),
    );
    expect(goldfish).toHaveLength(10);
    for (const image of goldfish) {
      for (let p = 0; p < 1024; p += 37) expect([...image.subarray(p * 3, p * 3 + 3)]).toEqual([200, 120, 40]);
    }
  });

  it('says what to give for a missing folder or a file', async () => {
    const error = await readLabelledFolderAt('/nonexistent/photos', { size: 32 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(
      /^\/nonexistent\/photos: no such file; give a folder of images, one subfolder per class/,
    );
    const notFolder = await readLabelledFolderAt(join(dir, GOLDFISH, 'solid_0.png'), { size: 32 }).catch(
      (e: unknown) => e,
    );
    expect((notFolder as Error).message).toMatch(/solid_0\.png is a file, not a folder/);
  });
});
