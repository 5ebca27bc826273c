/** 8-bit images as the preprocessing pipeline passes them around (no DOM, no Node APIs). */

/** Interleaved 8-bit RGB, row-major: `data[(y * width + x) * 3 + c]`. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export function rgbImage(
  width: number,
  height: number,
  data: Uint8Array = new Uint8Array(width * height * 3),
): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`image size must be positive integers, got ${width}×${height}`);
  }
  if (data.length !== width * height * 3) {
    throw new RangeError(`RGB data for ${width}×${height} needs ${width * height * 3} bytes, got ${data.length}`);
  }
  return { width, height, data };
}

/**
 * Interleaved RGBA (canvas `ImageData`, sharp with alpha) to RGB by dropping alpha, as PIL's
 * `convert('RGB')` does: the colour is kept as stored, not composited over a background.
 */
export function dropAlpha(width: number, height: number, rgba: Uint8Array | Uint8ClampedArray): RgbImage {
  const pixels = width * height;
  if (rgba.length !== pixels * 4) {
    throw new RangeError(`RGBA data for ${width}×${height} needs ${pixels * 4} bytes, got ${rgba.length}`);
  }
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0, j = 0; i < pixels * 4; i += 4, j += 3) {
    rgb[j] = rgba[i];
    rgb[j + 1] = rgba[i + 1];
    rgb[j + 2] = rgba[i + 2];
  }
  return rgbImage(width, height, rgb);
}
