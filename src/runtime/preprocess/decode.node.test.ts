import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inceptionPreprocessing } from '../../model/networks/preprocessing.ts';
import { decodeImageBytes, decodeImageFile, loadImageForModel } from './decode.node.ts';
import { ImageInputError } from './errors.ts';
import { rgbImage } from './image.ts';
import {
  expected,
  fixturePath,
  imageDifference,
  pngHeader,
  readFixture,
  sha256,
} from '../../testing/preprocess-fixtures.ts';

// Lossy formats may decode slightly differently from one decoder version to another (IDCT and chroma
// upsampling variants). Measured: sharp 0.34.5 (libvips 8.17.3) against PIL 9.4 (libjpeg-turbo 2.1.5,
// libwebp 1.2.4) is identical (max 0) on every fixture. Allowed: 1 per channel, mean 0.01.
const LOSSY_MAX = 1;
const LOSSY_MEAN = 0.01;

async function failure(run: () => Promise<unknown>): Promise<{ problem: string; message: string }> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImageInputError);
    return { problem: (error as ImageInputError).problem, message: (error as Error).message };
  }
  throw new Error('expected a failure');
}

describe('decoding in Node (sharp) matches PIL', () => {
  for (const d of expected.decode) {
    it(`${d.file}: ${d.note}`, async () => {
      const decoded = await decodeImageFile(fixturePath(d.file));
      const reference = await decodeImageFile(fixturePath(d.reference)); // PIL's decode, stored losslessly
      expect([decoded.width, decoded.height]).toEqual(d.size);
      const diff = imageDifference(decoded, reference);
      if (d.file.includes('lossless')) expect(diff.max).toBe(0);
      expect(diff.max).toBeLessThanOrEqual(LOSSY_MAX);
      expect(diff.mean).toBeLessThanOrEqual(LOSSY_MEAN);
    });
  }

  it('turns EXIF-oriented JPEGs upright like ImageOps.exif_transpose (and the check would see a wrong turn)', async () => {
    const upright = await decodeImageFile(fixturePath('photo-444.jpg'));
    for (const orientation of [3, 6, 8]) {
      const turned = await decodeImageFile(fixturePath(`orientation-${orientation}.jpg`));
      expect([turned.width, turned.height]).toEqual([240, 160]);
      expect(imageDifference(turned, upright).mean).toBeLessThan(1);
    }
    // The picture is far from symmetric: upside down it differs a lot, so a wrong turn can't pass.
    const upsideDown = rgbImage(upright.width, upright.height, new Uint8Array(upright.data.length));
    for (let i = 0, n = upright.width * upright.height; i < n; i++)
      upsideDown.data.set(upright.data.subarray(i * 3, i * 3 + 3), (n - 1 - i) * 3);
    expect(imageDifference(upsideDown, upright).mean).toBeGreaterThan(20);
  });
});

describe('decoding in Node like PIL and Chromium, beyond plain RGB JPEGs', () => {
  it('converts an Adobe CMYK JPEG to RGB as PIL (and Chromium) do, not through a CMYK profile', async () => {
    const decoded = await decodeImageFile(fixturePath('cmyk.jpg'));
    const reference = await decodeImageFile(fixturePath('cmyk.jpg.pil.png'));
    expect([decoded.width, decoded.height]).toEqual([240, 160]);
    const diff = imageDifference(decoded, reference);
    expect(diff.max).toBeLessThanOrEqual(LOSSY_MAX);
    expect(diff.mean).toBeLessThanOrEqual(LOSSY_MEAN);
  });

  it('refuses a JPEG with corrupt bytes in the middle, which PIL and Chromium refuse', async () => {
    const path = fixturePath('corrupt-middle.jpg');
    const { problem, message } = await failure(() => decodeImageFile(path));
    expect(problem).toBe('corrupt');
    expect(message).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the JPEG data is truncated or corrupt and could not be decoded \\(.*Corrupt JPEG data`,
      ),
    );
  });

  it('says HEIC is not supported (it is no damaged file), and still decodes an AVIF whose major brand is mif1', async () => {
    // An ISO-BMFF file type box as iPhones write it: major brand "heic", compatible "mif1", "heic".
    const heic = Uint8Array.from([
      0,
      0,
      0,
      24,
      ...ascii('ftypheic'),
      0,
      0,
      0,
      0,
      ...ascii('mif1heic'),
      0,
      0,
      0,
      8,
      ...ascii('meta'),
    ]);
    expect(await failure(() => decodeImageBytes(heic, 'IMG_0001.HEIC'))).toEqual({
      problem: 'unsupported-format',
      message:
        'IMG_0001.HEIC: HEIF/HEIC images are not supported; convert it to JPEG or PNG first, or use a JPEG, PNG, WebP, GIF, BMP or AVIF file',
    });
    const avif = await sharp(readFixture('tiny-37x23.png')).avif({ lossless: true }).toBuffer();
    const relabelled = Uint8Array.from(avif);
    relabelled.set(ascii('mif1'), 8); // major brand mif1; "avif" stays among the compatible brands
    expect([...(await decodeImageBytes(relabelled, 'x.avif')).data.subarray(0, 3)]).toHaveLength(3);
  });
});

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

describe('loadImageForModel', () => {
  it('gives the reference tensor for a file', async () => {
    const c = expected.pipeline.find((p) => p.file === 'landscape-640x427.png')!;
    const input = await loadImageForModel(fixturePath(c.file), inceptionPreprocessing(0.8975));
    expect(sha256(input.tensor)).toBe(c.models['inception-resnet-v2'].tensorSha256);
  });
});

describe('bad image files get a message naming the file', () => {
  it('a text file', async () => {
    const path = fixturePath('not-an-image.txt');
    expect(await failure(() => decodeImageFile(path))).toEqual({
      problem: 'not-an-image',
      message: `${path}: not an image (it contains text); use a JPEG, PNG, WebP, GIF, BMP or AVIF file`,
    });
  });

  it('truncated JPEG and PNG files', async () => {
    for (const [file, format] of [
      ['truncated.jpg', 'JPEG'],
      ['truncated.png', 'PNG'],
    ]) {
      const path = fixturePath(file);
      const { problem, message } = await failure(() => decodeImageFile(path));
      expect(problem).toBe('corrupt');
      expect(message.startsWith(`${path}: the ${format} data is truncated or corrupt and could not be decoded (`)).toBe(
        true,
      );
    }
  });

  it('words a damaged file the same way while other images decode beside it (libvips shares one error buffer)', async () => {
    const damaged = readFixture('truncated.jpg');
    const good = readFixture('photo-420.jpg');
    const alone = (await failure(() => decodeImageBytes(damaged, 'damaged.jpg'))).message;
    expect(alone).toContain('VipsJpeg: premature end of JPEG image');
    const beside: string[] = [];
    for (let round = 0; round < 40; round++) {
      const [message] = await Promise.all([
        failure(() => decodeImageBytes(damaged, 'damaged.jpg')).then((f) => f.message),
        ...[1, 2, 3].map(() => decodeImageBytes(good, 'good.jpg')),
      ]);
      beside.push(message);
    }
    expect(new Set(beside)).toEqual(new Set([alone]));
  });

  it('an image over the pixel limit, refused from its header', async () => {
    expect(await failure(() => decodeImageBytes(pngHeader(20000, 15000), 'panorama.png'))).toEqual({
      problem: 'too-large',
      message:
        'panorama.png: the image is 20000×15000 (300.0 megapixels), more than the 67.1 megapixels this app accepts; scale it down first',
    });
  });

  it('empty, missing and unreadable paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preprocess-'));
    try {
      writeFileSync(join(dir, 'empty.jpg'), '');
      expect(await failure(() => decodeImageFile(join(dir, 'empty.jpg')))).toEqual({
        problem: 'empty',
        message: `${join(dir, 'empty.jpg')}: the file is empty (0 bytes)`,
      });
      expect(await failure(() => decodeImageFile(join(dir, 'missing.jpg')))).toEqual({
        problem: 'unreadable',
        message: `${join(dir, 'missing.jpg')}: no such file`,
      });
      expect(await failure(() => decodeImageFile(dir))).toEqual({
        problem: 'unreadable',
        message: `${dir}: it is a directory`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps working after a failure', async () => {
    await failure(() => decodeImageBytes(readFixture('truncated.png'), 'truncated.png'));
    const image = await decodeImageBytes(readFixture('tiny-37x23.png'), 'tiny-37x23.png');
    expect([image.width, image.height]).toEqual([37, 23]);
  });
});
