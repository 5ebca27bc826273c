/**
 * Preprocessing in Chromium (production build, harness page): the browser's decode + the shared
 * pipeline give PIL + torchvision's bytes for the PNG fixtures, EXIF orientation is honoured, and bad
 * files get messages naming them — on the main thread and in a module Web Worker.
 */
import { expect, test } from '@playwright/test';
import { expected, pngHeader, readFixture } from '../src/testing/preprocess-fixtures.ts';
import { openHarness } from '../src/testing/pages/harness-page.ts';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fixture64 = (name: string) => b64(readFixture(name));
const CROP_PCTS = Object.values(expected.models);
const MODEL_NAMES = Object.keys(expected.models);

// Chromium's JPEG and WebP decoders (libjpeg-turbo, libwebp) against PIL 9.4's. Measured on Chromium
// 156: identical (max 0) on every fixture. Allowed, as in Node, for IDCT/upsampling variants between
// decoder versions: 1 per channel, mean 0.01.
const LOSSY_MAX = 1;
const LOSSY_MEAN = 0.01;

test.describe('preprocessing in the browser', () => {
  test.beforeEach(async ({ page }) => {
    await openHarness(page);
  });

  test('PNG fixtures decode and preprocess bit-exactly as PIL + torchvision', async ({ page }) => {
    for (const c of expected.pipeline) {
      const result = (await page.evaluate(
        async ([data, name, cropPcts]) =>
          (await window.harness.load('preprocess')).preprocessFile(data as never, name as never, cropPcts as never),
        [fixture64(c.file), c.file, CROP_PCTS] as const,
      )) as {
        size: number[];
        rgbSha256: string;
        pixelSource: string;
        hadTransparency: boolean;
        models: {
          resized: number[];
          crop: number[];
          cropSha256: string;
          tensorSha256: string;
          cropSum: number;
          first8: number[];
        }[];
      };
      expect({ file: c.file, size: result.size, rgb: result.rgbSha256 }).toEqual({
        file: c.file,
        size: c.size,
        rgb: c.rgbSha256,
      });
      // The one image with transparency keeps the colour under alpha 0 (as convert('RGB') does) only
      // because it is read through WebGL; a 2D canvas would have returned black there.
      expect({ file: c.file, source: result.pixelSource, alpha: result.hadTransparency }).toEqual({
        file: c.file,
        source: c.mode === 'RGBA' ? 'webgl' : 'canvas-2d',
        alpha: c.mode === 'RGBA',
      });
      result.models.forEach((m, i) => {
        const e = c.models[MODEL_NAMES[i]];
        expect({
          file: c.file,
          model: MODEL_NAMES[i],
          resized: m.resized,
          crop: m.crop,
          cropSum: m.cropSum,
          first8: m.first8,
        }).toEqual({
          file: c.file,
          model: MODEL_NAMES[i],
          resized: e.resized,
          crop: e.crop,
          cropSum: e.cropSum,
          first8: e.tensorFirst8,
        });
        expect({ file: c.file, crop: m.cropSha256, tensor: m.tensorSha256 }).toEqual({
          file: c.file,
          crop: e.cropSha256,
          tensor: e.tensorSha256,
        });
      });
    }
  });

  test('JPEG and WebP decode like PIL, and EXIF orientation is honoured like ImageOps.exif_transpose', async ({
    page,
  }) => {
    for (const d of expected.decode) {
      const diff = (await page.evaluate(
        async ([file, name, reference]) =>
          (await window.harness.load('preprocess')).compareDecode(file as never, name as never, reference as never),
        [fixture64(d.file), d.file, fixture64(d.reference)] as const,
      )) as { size: number[]; sameSize: boolean; max: number; mean: number };
      expect({ file: d.file, size: diff.size }).toEqual({ file: d.file, size: d.size });
      expect(diff.max, `${d.file}: largest difference from PIL`).toBeLessThanOrEqual(
        d.file.includes('lossless') ? 0 : LOSSY_MAX,
      );
      expect(diff.mean, `${d.file}: mean difference from PIL`).toBeLessThanOrEqual(LOSSY_MEAN);
    }
  });

  test('bad files get a message naming them, and the page keeps working', async ({ page }) => {
    const failure = (bytes: Uint8Array, name: string) =>
      page.evaluate(
        async ([data, file]) => (await window.harness.load('preprocess')).decodeFailure(data as never, file as never),
        [b64(bytes), name] as const,
      ) as Promise<{ isImageInputError: boolean; problem: string; message: string } | null>;

    expect(await failure(readFixture('not-an-image.txt'), 'notes.txt')).toEqual({
      isImageInputError: true,
      problem: 'not-an-image',
      message: 'notes.txt: not an image (it contains text); use a JPEG, PNG, WebP, GIF, BMP or AVIF file',
    });
    for (const [file, format] of [
      ['truncated.png', 'PNG'],
      ['truncated.jpg', 'JPEG'],
    ]) {
      const result = await failure(readFixture(file), file);
      expect({ file, problem: result?.problem }).toEqual({ file, problem: 'corrupt' });
      expect(result?.message).toContain(`${file}: the ${format} data is truncated or corrupt and could not be decoded`);
    }
    expect(await failure(pngHeader(20000, 15000), 'panorama.png')).toEqual({
      isImageInputError: true,
      problem: 'too-large',
      message:
        'panorama.png: the image is 20000×15000 (300.0 megapixels), more than the 67.1 megapixels this app accepts; scale it down first',
    });
    expect(await failure(new Uint8Array(0), 'empty.jpg')).toMatchObject({
      problem: 'empty',
      message: 'empty.jpg: the file is empty (0 bytes)',
    });
    expect(await failure(readFixture('tiny-37x23.png'), 'tiny.png')).toBeNull();
  });

  test('runs in a module Web Worker with the same result', async ({ page }) => {
    const c = expected.pipeline.find((p) => p.file === 'rgba-300x400.png')!;
    const result = await page.evaluate(
      async ([data, name, cropPct]) =>
        (await window.harness.load('preprocess')).preprocessInWorker(data as never, name as never, cropPct as never),
      [fixture64(c.file), c.file, expected.models['inception-v4']] as const,
    );
    expect(result).toEqual({
      ok: true,
      tensorSha256: c.models['inception-v4'].tensorSha256,
      cropSha256: c.models['inception-v4'].cropSha256,
      pixelSource: 'webgl',
    });
    const refused = await page.evaluate(
      async ([data, name]) =>
        (await window.harness.load('preprocess')).preprocessInWorker(data as never, name as never, 0.875 as never),
      [fixture64('not-an-image.txt'), 'notes.txt'] as const,
    );
    expect(refused).toMatchObject({
      ok: false,
      problem: 'not-an-image',
      message: expect.stringMatching(/^notes\.txt: not an image/),
    });
  });

  test('the crop preview bitmap holds exactly the pixels the network sees', async ({ page }) => {
    const c = expected.pipeline.find((p) => p.file === 'large-1600x1200.png')!;
    const preview = await page.evaluate(
      async ([data, name, cropPct]) =>
        (await window.harness.load('preprocess')).cropPreview(data as never, name as never, cropPct as never),
      [fixture64(c.file), c.file, expected.models['inception-resnet-v2']] as const,
    );
    expect(preview).toEqual({ size: [299, 299], sha256: c.models['inception-resnet-v2'].cropSha256 });
  });

  test('the ImageNet labels are bundled', async ({ page }) => {
    const labels = await page.evaluate(async () => (await window.harness.load('preprocess')).labels());
    expect(labels).toEqual({ count: 1000, first: 'tench, Tinca tinca', tabby: 'tabby, tabby cat' });
  });
});
