import { describe, expect, it } from 'vitest';
import { ImageInputError, MAX_IMAGE_PIXELS } from './errors.ts';
import { inspectImage, looksLikeText, sniffImage } from './image-header.ts';
import { expected, pngHeader, readFixture } from '../../testing/preprocess-fixtures.ts';

/** A baseline JPEG start: SOI, an APP0 segment, then SOF0 claiming `width`×`height`. */
function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x11,
    8,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  return Uint8Array.from([0xff, 0xd8, ...app0, 0xff, 0xff, ...sof0]);
}

function webpVp8xHeader(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(30);
  b.write('RIFF', 0);
  b.writeUInt32LE(22, 4);
  b.write('WEBPVP8X', 8);
  b.writeUInt32LE(10, 16);
  b.writeUIntLE(width - 1, 24, 3);
  b.writeUIntLE(height - 1, 27, 3);
  return new Uint8Array(b);
}

describe('sniffImage', () => {
  it('reads format and size of every fixture image', () => {
    const files = [...expected.pipeline.map((c) => ({ file: c.file, size: c.size })), ...expected.decode];
    for (const { file } of files) {
      const header = sniffImage(readFixture(file));
      const format = file.endsWith('.png') ? 'png' : file.endsWith('.webp') ? 'webp' : 'jpeg';
      expect({ file, format: header?.format }).toEqual({ file, format });
    }
    for (const c of expected.pipeline)
      expect(sniffImage(readFixture(c.file))).toEqual({ format: 'png', width: c.size[0], height: c.size[1] });
    // Stored sizes: the JPEGs with orientation 6 and 8 store the 240×160 picture turned on its side.
    expect(sniffImage(readFixture('photo-420.jpg'))).toEqual({ format: 'jpeg', width: 240, height: 160 });
    expect(sniffImage(readFixture('orientation-6.jpg'))).toEqual({ format: 'jpeg', width: 160, height: 240 });
    expect(sniffImage(readFixture('photo-lossy.webp'))).toEqual({ format: 'webp', width: 240, height: 160 });
    expect(sniffImage(readFixture('photo-lossless.webp'))).toEqual({ format: 'webp', width: 240, height: 160 });
  });

  it('reads crafted JPEG (with fill bytes), WebP VP8X, GIF and BMP headers', () => {
    expect(sniffImage(jpegHeader(30000, 20000))).toEqual({ format: 'jpeg', width: 30000, height: 20000 });
    expect(sniffImage(webpVp8xHeader(16000, 9000))).toEqual({ format: 'webp', width: 16000, height: 9000 });
    expect(sniffImage(Uint8Array.from([...Buffer.from('GIF89a'), 0x10, 0x27, 0x20, 0x4e]))).toEqual({
      format: 'gif',
      width: 10000,
      height: 20000,
    });
    const bmp = Buffer.alloc(26);
    bmp.write('BM', 0);
    bmp.writeInt32LE(640, 18);
    bmp.writeInt32LE(-480, 22); // top-down rows
    expect(sniffImage(new Uint8Array(bmp))).toEqual({ format: 'bmp', width: 640, height: 480 });
  });

  it('recognises no format in text or random bytes', () => {
    expect(sniffImage(readFixture('not-an-image.txt'))).toBeUndefined();
    expect(sniffImage(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d]))).toBeUndefined(); // %PDF-
    expect(looksLikeText(readFixture('not-an-image.txt'))).toBe(true);
    expect(looksLikeText(new TextEncoder().encode('Étiquette: 猫 🐈\n'))).toBe(true);
    expect(looksLikeText(Uint8Array.from([0x00, 0x01, 0x02, 0x41]))).toBe(false);
  });
});

describe('inspectImage', () => {
  const problem = (bytes: Uint8Array) => {
    try {
      inspectImage(bytes, 'holiday.jpg');
    } catch (error) {
      expect(error).toBeInstanceOf(ImageInputError);
      return { problem: (error as ImageInputError).problem, message: (error as Error).message };
    }
    return undefined;
  };

  it('names the file and the problem', () => {
    expect(problem(new Uint8Array(0))).toEqual({
      problem: 'empty',
      message: 'holiday.jpg: the file is empty (0 bytes)',
    });
    expect(problem(readFixture('not-an-image.txt'))).toEqual({
      problem: 'not-an-image',
      message: 'holiday.jpg: not an image (it contains text); use a JPEG, PNG, WebP, GIF, BMP or AVIF file',
    });
    expect(problem(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]))?.message).toMatch(
      /not an image \(its contents match no image format\)/,
    );
  });

  it('refuses images over the pixel limit from their header, before any decoding', () => {
    expect(MAX_IMAGE_PIXELS).toBe(8192 * 8192);
    expect(problem(pngHeader(8192, 8192))).toBeUndefined();
    expect(problem(pngHeader(8193, 8192))).toEqual({
      problem: 'too-large',
      message:
        'holiday.jpg: the image is 8193×8192 (67.1 megapixels), more than the 67.1 megapixels this app accepts; scale it down first',
    });
    expect(problem(jpegHeader(30000, 20000))?.message).toMatch(/30000×20000 \(600\.0 megapixels\)/);
    expect(problem(webpVp8xHeader(16000, 9000))?.problem).toBe('too-large');
  });
});
