/**
 * Recognises an image file by its first bytes and reads its size from the header, so that text files get
 * a clear "not an image" and huge images are refused before anything is decoded (browsers have no
 * "check the size first" option on `createImageBitmap`).
 */
import { ImageInputError, MAX_IMAGE_PIXELS, SUPPORTED_FORMATS_TEXT, tooLarge } from './errors.ts';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'bmp' | 'avif' | 'heif' | 'tiff';

export interface ImageHeader {
  readonly format: ImageFormat;
  /** Size as stored (before EXIF orientation); absent when the header doesn't say where we look. */
  readonly width?: number;
  readonly height?: number;
}

export const FORMAT_NAMES: Record<ImageFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  gif: 'GIF',
  bmp: 'BMP',
  avif: 'AVIF',
  heif: 'HEIF',
  tiff: 'TIFF',
};

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));
const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const i32le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);

function sized(format: ImageFormat, width: number, height: number): ImageHeader {
  return width > 0 && height > 0 ? { format, width, height } : { format };
}

/** JPEG: walk the marker segments to the first start-of-frame (SOF0..SOF15 except DHT, JPG, DAC). */
function jpegSize(b: Uint8Array): ImageHeader {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return { format: 'jpeg' };
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2; // standalone markers carry no length
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return sized('jpeg', u16be(b, i + 7), u16be(b, i + 5));
    }
    if (marker === 0xda || marker === 0xd9) return { format: 'jpeg' }; // scan data before any frame header
    i += 2 + u16be(b, i + 2);
  }
  return { format: 'jpeg' };
}

function webpSize(b: Uint8Array): ImageHeader {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return sized('webp', u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    const bits = (b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)) >>> 0;
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X' && b.length >= 30) return sized('webp', u24le(b, 24) + 1, u24le(b, 27) + 1);
  return { format: 'webp' };
}

/**
 * AVIF/HEIF: the largest `ispe` (image spatial extents) property in the first 64 KiB (grid images hold the full size).
 */
function isobmffSize(b: Uint8Array, format: ImageFormat): ImageHeader {
  let width = 0;
  let height = 0;
  const end = Math.min(b.length, 65536) - 16;
  for (let i = 4; i < end; i++) {
    if (b[i] === 0x69 && b[i + 1] === 0x73 && b[i + 2] === 0x70 && b[i + 3] === 0x65) {
      const w = u32be(b, i + 8);
      const h = u32be(b, i + 12);
      if (w * h > width * height) [width, height] = [w, h];
    }
  }
  return sized(format, width, height);
}

/** The format and (where the header says) the size of an image file; undefined when not recognised. */
export function sniffImage(b: Uint8Array): ImageHeader | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpegSize(b);
  if (b.length >= 8 && u32be(b, 0) === 0x89504e47 && u32be(b, 4) === 0x0d0a1a0a) {
    return b.length >= 24 && ascii(b, 12, 4) === 'IHDR' ? sized('png', u32be(b, 16), u32be(b, 20)) : { format: 'png' };
  }
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webpSize(b);
  if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a'))
    return sized('gif', u16le(b, 6), u16le(b, 8));
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM') return sized('bmp', Math.abs(i32le(b, 18)), Math.abs(i32le(b, 22)));
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
    // The major brand, then (after the minor version) the compatible brands, to the end of the ftyp box.
    const boxEnd = Math.min(b.length, Math.max(16, u32be(b, 0)));
    const brands = [ascii(b, 8, 4)];
    for (let i = 16; i + 4 <= boxEnd; i += 4) brands.push(ascii(b, i, 4));
    // An AVIF may carry the generic major brand "mif1" with "avif" among its compatible brands.
    if (brands.includes('avif') || brands.includes('avis')) return isobmffSize(b, 'avif');
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brands[0])) return isobmffSize(b, 'heif');
  }
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return { format: 'tiff' };
  return undefined;
}

/** True when the start of the file decodes as UTF-8 text without control characters (other than whitespace). */
export function looksLikeText(b: Uint8Array): boolean {
  const head = b.subarray(0, 512);
  for (const byte of head) if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) return false;
  try {
    // A multi-byte character may be cut at the end of the window: decode a little less.
    new TextDecoder('utf-8', { fatal: true }).decode(head.length === 512 ? head.subarray(0, 508) : head);
    return true;
  } catch {
    return false;
  }
}

/** A clear error for files that are no image, empty, or too large; otherwise what the header says. */
export function inspectImage(bytes: Uint8Array, source: string): ImageHeader {
  if (bytes.length === 0) throw new ImageInputError(source, 'empty', { code: 'image.empty', params: { file: source } });
  const header = sniffImage(bytes);
  if (!header) {
    throw new ImageInputError(source, 'not-an-image', {
      code: 'image.not-an-image',
      params: { file: source, text: looksLikeText(bytes), formats: SUPPORTED_FORMATS_TEXT },
    });
  }
  if (header.width !== undefined && header.height !== undefined) checkPixelCount(source, header.width, header.height);
  return header;
}

export function checkPixelCount(source: string, width: number, height: number): void {
  if (width * height > MAX_IMAGE_PIXELS) throw tooLarge(source, width, height);
}
