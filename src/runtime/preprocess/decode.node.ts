/**
 * Decoding in Node (the CLI, tests) with sharp (libvips), and the Node entry point
 * `loadImageForModel(path, preprocessing)`.
 *
 * Pixels are taken as stored, like PIL and like the browser path (`colorSpaceConversion: 'none'`):
 * EXIF orientation applied, alpha dropped, embedded ICC profiles ignored, 8 bits per channel.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Preprocessing } from '../../model/types.ts';
import { ImageInputError, MAX_IMAGE_PIXELS, SUPPORTED_FORMATS_TEXT } from './errors.ts';
import { FORMAT_NAMES, inspectImage } from './image-header.ts';
import { rgbImage, type RgbImage } from './image.ts';
import { preprocessPixels, type ModelInput } from './pipeline.ts';

/** Decodes image bytes to RGB; `source` names the file in error messages. */
export async function decodeImageBytes(bytes: Uint8Array, source: string): Promise<RgbImage> {
  const header = inspectImage(bytes, source);
  const format = FORMAT_NAMES[header.format];
  try {
    const { data, info } = await sharp(bytes, {
      // Refuse truncated files as PIL does, but accept the harmless warnings camera JPEGs often raise.
      failOn: 'truncated',
      limitInputPixels: MAX_IMAGE_PIXELS,
      ignoreIcc: true,
      autoOrient: true,
    })
      .removeAlpha()
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoder returned ${info.channels} channels`);
    return rgbImage(info.width, info.height, new Uint8Array(data.buffer, data.byteOffset, data.length));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/exceeds pixel limit/i.test(reason)) {
      throw new ImageInputError(source, 'too-large', `the ${format} image has more than the ${(MAX_IMAGE_PIXELS / 1e6).toFixed(1)} megapixels this app accepts; scale it down first`);
    }
    if (/unsupported image format/i.test(reason)) {
      throw new ImageInputError(source, 'unsupported-format', `${format} images can't be decoded here; use a ${SUPPORTED_FORMATS_TEXT} file`);
    }
    throw new ImageInputError(source, 'corrupt', `the ${format} data is truncated or corrupt and could not be decoded (${reason.trim()})`);
  }
}

/** Reads and decodes an image file; errors name the file. */
export async function decodeImageFile(path: string): Promise<RgbImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not an image file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new ImageInputError(path, 'unreadable', why);
  }
  return decodeImageBytes(bytes, path);
}

/**
 * An image file → the network's input for a checkpoint's preprocessing: NHWC float32
 * [1, inputSize, inputSize, 3], plus the uint8 crop and the geometry used.
 */
export async function loadImageForModel(path: string, preprocessing: Preprocessing): Promise<ModelInput> {
  return preprocessPixels(await decodeImageFile(path), preprocessing);
}
