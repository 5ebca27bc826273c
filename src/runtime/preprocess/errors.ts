/** Why an image file can't be used, with a message that names the file and says what to do. */
import { englishFailure, type FailureDetail } from '../failure-words.ts';

export type ImageProblem =
  /** Zero bytes. */
  | 'empty'
  /** Not image data at all (text, a PDF, an unknown binary). */
  | 'not-an-image'
  /** An image format this decoder can't read (e.g. TIFF in a browser). */
  | 'unsupported-format'
  /** Recognised as an image but truncated or damaged. */
  | 'corrupt'
  /** More pixels than `MAX_IMAGE_PIXELS`. */
  | 'too-large'
  /** The file couldn't be read (missing, a directory, no permission). */
  | 'unreadable';

export class ImageInputError extends Error {
  override readonly name = 'ImageInputError';

  constructor(
    /** The file name (or another label the user recognises) of the input. */
    readonly source: string,
    readonly problem: ImageProblem,
    /** What is wrong, as data (its English is the message). */
    readonly detail: FailureDetail,
  ) {
    super(englishFailure(detail));
  }
}

/**
 * The largest image accepted, in pixels (8192 × 8192 ≈ 67 megapixels: beyond any phone's default
 * photo). Decoding needs 4 bytes a pixel in the browser, 3 in Node, plus the resize buffers; a larger
 * image would risk the tab running out of memory, and downscaling it first would no longer match the
 * reference preprocessing.
 */
export const MAX_IMAGE_PIXELS = 8192 * 8192;

export const SUPPORTED_FORMATS_TEXT = 'JPEG, PNG, WebP, GIF, BMP or AVIF';

export function tooLarge(source: string, width: number, height: number): ImageInputError {
  const mp = (n: number) => (n / 1e6).toFixed(1);
  return new ImageInputError(source, 'too-large', {
    code: 'image.too-large',
    params: {
      file: source,
      width,
      height,
      megapixels: mp(width * height),
      max: mp(MAX_IMAGE_PIXELS),
    },
  });
}
