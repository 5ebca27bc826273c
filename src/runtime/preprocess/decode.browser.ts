/**
 * Decoding in the browser (main thread or Web Worker) and the browser entry point
 * `preprocessImage(file, preprocessing)`. Nothing leaves the page: the bytes go from the user's file
 * to `createImageBitmap` and a canvas in this tab.
 *
 * Pixels are taken as stored, like PIL: EXIF orientation applied (`imageOrientation: 'from-image'`),
 * no colour-profile conversion, alpha not premultiplied. A 2D canvas stores premultiplied alpha, so for
 * images that have transparent pixels the colour is read back through WebGL instead (unpremultiplied
 * upload), which keeps what PIL's `convert('RGB')` keeps; without WebGL the 2D values are used.
 */
import type { Preprocessing } from '../../model/types.ts';
import { ImageInputError, SUPPORTED_FORMATS_TEXT } from './errors.ts';
import { checkPixelCount, FORMAT_NAMES, inspectImage, type ImageFormat } from './image-header.ts';
import { dropAlpha, type RgbImage } from './image.ts';
import { preprocessPixels, type ModelInput } from './pipeline.ts';
import { readUnpremultipliedRgba } from './webgl-readback.ts';

/** Formats every current browser decodes: a failure means a damaged file. */
const UNIVERSAL_FORMATS: readonly ImageFormat[] = ['jpeg', 'png', 'webp', 'gif', 'bmp'];

export type ImageInput = Blob | ArrayBuffer | Uint8Array;

/** How an image was read: which path produced the colour of transparent pixels. */
export type PixelSource = 'canvas-2d' | 'webgl';

export interface DecodedImage {
  readonly image: RgbImage;
  readonly pixelSource: PixelSource;
  /** True when some pixels were not fully opaque (their alpha was dropped). */
  readonly hadTransparency: boolean;
}

async function bytesOf(input: ImageInput): Promise<Uint8Array> {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return new Uint8Array(await input.arrayBuffer());
}

/** `name` of a File, else the given fallback. */
function nameOf(input: ImageInput, fallback: string): string {
  return typeof File !== 'undefined' && input instanceof File && input.name ? input.name : fallback;
}

function createCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function readRgba2d(bitmap: ImageBitmap, source: string): Uint8ClampedArray {
  const { width, height } = bitmap;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true, colorSpace: 'srgb' }) as
    OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  if (!context) {
    throw new ImageInputError(source, 'too-large', {
      code: 'image.no-canvas',
      params: { file: source, width, height },
    });
  }
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, width, height, { colorSpace: 'srgb' }).data;
}

function hasTransparency(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return true;
  return false;
}

/**
 * Decodes an image file (JPEG, PNG, WebP, and whatever else the browser decodes) to RGB.
 * Errors are `ImageInputError`s naming the file: empty, not an image, too large, truncated/corrupt.
 */
export async function decodeImage(input: ImageInput, name = 'image'): Promise<DecodedImage> {
  const source = nameOf(input, name);
  let bytes: Uint8Array;
  try {
    bytes = await bytesOf(input);
  } catch (error) {
    // A picked or dropped file is read only now: it may have been moved or deleted since (NotFoundError).
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImageInputError(source, 'unreadable', { code: 'image.gone', params: { file: source, detail: reason } });
  }
  const header = inspectImage(bytes, source);
  const format = FORMAT_NAMES[header.format];

  let bitmap: ImageBitmap;
  try {
    const blob = input instanceof Blob ? input : new Blob([bytes as Uint8Array<ArrayBuffer>]);
    bitmap = await createImageBitmap(blob, {
      imageOrientation: 'from-image',
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (UNIVERSAL_FORMATS.includes(header.format)) {
      throw new ImageInputError(source, 'corrupt', {
        code: 'image.corrupt',
        params: { file: source, format, detail: reason },
      });
    }
    throw new ImageInputError(source, 'unsupported-format', {
      code: 'image.undecodable',
      params: { file: source, format, detail: reason, formats: SUPPORTED_FORMATS_TEXT },
    });
  }
  try {
    return decodeBitmap(bitmap, source);
  } finally {
    bitmap.close();
  }
}

/**
 * The RGB pixels of an `ImageBitmap` the caller created (ideally with `premultiplyAlpha: 'none'` and
 * `colorSpaceConversion: 'none'`, as `decodeImage` does). The bitmap is not closed.
 */
export function decodeBitmap(bitmap: ImageBitmap, source = 'image'): DecodedImage {
  checkPixelCount(source, bitmap.width, bitmap.height); // also covers formats whose header we don't read
  const rgba = readRgba2d(bitmap, source);
  if (!hasTransparency(rgba))
    return { image: dropAlpha(bitmap.width, bitmap.height, rgba), pixelSource: 'canvas-2d', hadTransparency: false };
  const exact = readUnpremultipliedRgba(bitmap, rgba);
  return {
    image: dropAlpha(bitmap.width, bitmap.height, exact ?? rgba),
    pixelSource: exact ? 'webgl' : 'canvas-2d',
    hadTransparency: true,
  };
}

/** An RGB image (e.g. the crop the network sees) as an opaque `ImageBitmap`, to draw or to transfer. */
export function rgbToImageBitmap(image: RgbImage): Promise<ImageBitmap> {
  const { width, height, data } = image;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < data.length; i += 3, j += 4) {
    rgba[j] = data[i];
    rgba[j + 1] = data[i + 1];
    rgba[j + 2] = data[i + 2];
    rgba[j + 3] = 255;
  }
  return createImageBitmap(new ImageData(rgba, width, height));
}

/**
 * A photo (a `File` from an input or drop, a `Blob`, or bytes) → the network's input for a checkpoint's
 * preprocessing: NHWC float32 [1, inputSize, inputSize, 3], plus the uint8 crop the network sees.
 * Works in a Web Worker. `name` labels errors when the input isn't a `File`.
 */
export async function preprocessImage(
  input: ImageInput,
  preprocessing: Preprocessing,
  name?: string,
): Promise<ModelInput & { decoded: Omit<DecodedImage, 'image'> }> {
  const decoded = await decodeImage(input, name);
  const { image, ...info } = decoded;
  return { ...preprocessPixels(image, preprocessing), decoded: info };
}
