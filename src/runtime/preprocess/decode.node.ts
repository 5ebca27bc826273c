/**
 * Decoding in Node (the CLI, tests) with sharp (libvips), and the Node entry point
 * `loadImageForModel(path, preprocessing)`.
 *
 * Pixels are taken as stored, like PIL and like the browser path (`colorSpaceConversion: 'none'`):
 * EXIF orientation applied, alpha dropped, embedded ICC profiles ignored, 8 bits per channel; CMYK
 * converted with PIL's formula. As strict as PIL and Chromium with damaged JPEGs; HEIC is refused by name.
 */
import sharp, { type SharpOptions } from 'sharp';
import type { Preprocessing } from '../../model/types.ts';
import { ImageInputError, MAX_IMAGE_PIXELS, SUPPORTED_FORMATS_TEXT } from './errors.ts';
import { FORMAT_NAMES, inspectImage } from './image-header.ts';
import { rgbImage, type RgbImage } from './image.ts';
import { preprocessPixels, type ModelInput } from './pipeline.ts';
import { fileErrorReason } from '../file-errors.node.ts';
import { readInputFile } from '../input-file.node.ts';
import { SharedOrAlone } from './shared-or-alone.ts';

const decoding = new SharedOrAlone();

/** Decodes image bytes to RGB; `source` names the file in error messages. */
export async function decodeImageBytes(bytes: Uint8Array, source: string): Promise<RgbImage> {
  const header = inspectImage(bytes, source);
  const format = FORMAT_NAMES[header.format];
  if (header.format === 'heif') {
    // Neither Chromium nor this decoder reads HEIC (its HEVC codec is not bundled): say so, not "corrupt".
    throw new ImageInputError(source, 'unsupported-format', {
      code: 'image.heif',
      params: { file: source, formats: SUPPORTED_FORMATS_TEXT },
    });
  }
  const options: SharpOptions = {
    // JPEG: fail on libjpeg's warnings too ("Corrupt JPEG data: …"), as PIL and Chromium refuse such
    // files (measured: the same fixtures are refused by all three). Other formats: refuse truncation.
    failOn: header.format === 'jpeg' ? 'warning' : 'truncated',
    limitInputPixels: MAX_IMAGE_PIXELS,
    ignoreIcc: true,
    autoOrient: true,
  };
  try {
    return await decoding.shared(() => decodeRgb(bytes, options));
  } catch {
    // libvips keeps one error buffer for the process: while other images decode, a failure may be worded
    // by chance ("Warning treated as error due to failOn setting" instead of "VipsJpeg: premature end of
    // JPEG image"). Decoded again alone, the same file always gets the same words (shards merge byte for byte).
  }
  try {
    return await decoding.alone(() => decodeRgb(bytes, options));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/exceeds pixel limit/i.test(reason)) {
      throw new ImageInputError(source, 'too-large', {
        code: 'image.too-many-pixels',
        params: { file: source, format, max: (MAX_IMAGE_PIXELS / 1e6).toFixed(1) },
      });
    }
    if (/unsupported image format|no decoding plugin|unsupported .*compression/i.test(reason)) {
      throw new ImageInputError(source, 'unsupported-format', {
        code: 'image.not-here',
        params: { file: source, format, formats: SUPPORTED_FORMATS_TEXT },
      });
    }
    throw new ImageInputError(source, 'corrupt', {
      code: 'image.corrupt',
      params: { file: source, format, detail: reason.trim() },
    });
  }
}

async function decodeRgb(bytes: Uint8Array, options: SharpOptions): Promise<RgbImage> {
  if ((await sharp(bytes, options).metadata()).space === 'cmyk') return await decodeCmyk(bytes, options);
  const { data, info } = await sharp(bytes, options)
    .removeAlpha()
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`decoder returned ${info.channels} channels`);
  return rgbImage(info.width, info.height, new Uint8Array(data.buffer, data.byteOffset, data.length));
}

/**
 * CMYK (Adobe JPEGs from print workflows) to RGB exactly as PIL's `convert('RGB')` does, which is also
 * what Chromium shows with colour conversion off (measured on fixtures/preprocess/cmyk.jpg: at most 1
 * apart): R = (255 − C)(255 − K)/255, rounded as PIL's MULDIV255, no profile. libvips would convert through
 * a CMYK ICC profile instead, which gives far darker colours (the pixel: 0,107,169 against
 * PIL's 17,146,235).
 */
async function decodeCmyk(bytes: Uint8Array, options: SharpOptions): Promise<RgbImage> {
  const { data, info } = await sharp(bytes, options)
    .pipelineColourspace('cmyk')
    .toColourspace('cmyk')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) throw new Error(`CMYK decoder returned ${info.channels} channels`);
  const rgb = new Uint8Array(info.width * info.height * 3);
  const muldiv255 = (a: number, b: number) => {
    const t = a * b + 128;
    return ((t >> 8) + t) >> 8;
  };
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    const inverseK = 255 - data[i + 3];
    rgb[j] = inverseK - muldiv255(data[i], inverseK);
    rgb[j + 1] = inverseK - muldiv255(data[i + 1], inverseK);
    rgb[j + 2] = inverseK - muldiv255(data[i + 2], inverseK);
  }
  return rgbImage(info.width, info.height, rgb);
}

/** Reads and decodes an image file; errors name the file. */
export async function decodeImageFile(path: string): Promise<RgbImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readInputFile(path);
  } catch (error) {
    throw new ImageInputError(path, 'unreadable', {
      code: 'image.unreadable',
      params: { file: path, detail: fileErrorReason(error) },
    });
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
