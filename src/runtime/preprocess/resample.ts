/**
 * Antialiased bicubic resizing of 8-bit RGB, bit-exact with Pillow's `Image.resize(size, BICUBIC)`
 * (libImaging/Resample.c), which is what torchvision's `Resize` runs on PIL images and so what the
 * timm checkpoints were evaluated with.
 *
 * Hand-written because no JS library reproduces Pillow bit-exactly: canvas `drawImage` and
 * `createImageBitmap({ resizeQuality })` use browser-specific filters, sharp/libvips uses its own
 * kernels and reduce-then-resample strategy, and tfjs's `resizeBilinear` has no antialiasing. A
 * one-unit difference in a few pixels is enough to make logits differ from the reference.
 *
 * What has to match Pillow, step by step:
 * - separable passes, horizontal first (over just the rows the vertical pass reads), then vertical;
 *   a pass is skipped when that dimension keeps its size;
 * - the filter support is scaled by the downscale factor (antialiasing), never shrunk when upscaling;
 * - Keys' cubic with a = −0.5, evaluated in float64 in Pillow's operation order;
 * - window bounds rounded as `(int)(center ± support + 0.5)`, weights normalised by their float64 sum;
 * - weights converted to fixed point with 22 fraction bits (round half away from zero), accumulated
 *   in integers from a bias of 2^21, shifted right by 22 and clipped to 0..255 after each pass.
 */
import { rgbImage, type RgbImage } from './image.ts';

/** Fraction bits of the fixed-point weights: `32 - 8 - 2` in Resample.c. */
const PRECISION_BITS = 22;
const BICUBIC_SUPPORT = 2;

/** Keys' cubic convolution kernel with a = −0.5, written exactly as Resample.c evaluates it. */
export function bicubicKernel(x: number): number {
  const a = -0.5;
  if (x < 0) x = -x;
  if (x < 1) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

/** One pass's weights: output index `i` reads `count[i]` inputs from `first[i]` with `weights[i*taps ...]`. */
export interface PassCoefficients {
  readonly taps: number;
  readonly first: Int32Array;
  readonly count: Int32Array;
  /** Fixed-point (2^22 = 1.0) weights, `taps` per output index. */
  readonly weights: Int32Array;
}

/** Resample.c `precompute_coeffs` (box 0..inSize) followed by `normalize_coeffs_8bpc`. */
export function bicubicCoefficients(inSize: number, outSize: number): PassCoefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = BICUBIC_SUPPORT * filterScale;
  const taps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * taps);
  const row = new Float64Array(taps);
  const invScale = 1.0 / filterScale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    // C's (int) cast truncates toward zero; the clamps make the sign irrelevant.
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let sum = 0;
    for (let x = 0; x < xmax; x++) {
      const w = bicubicKernel((x + xmin - center + 0.5) * invScale);
      row[x] = w;
      sum += w;
    }
    for (let x = 0; x < xmax; x++) {
      const k = sum !== 0 ? row[x] / sum : row[x];
      const fixed = k * (1 << PRECISION_BITS);
      weights[xx * taps + x] = k < 0 ? Math.trunc(-0.5 + fixed) : Math.trunc(0.5 + fixed);
    }
    first[xx] = xmin;
    count[xx] = xmax;
  }
  return { taps, first, count, weights };
}

const ROUNDING_BIAS = 1 << (PRECISION_BITS - 1);

function clip8(accumulator: number): number {
  const v = accumulator >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** A rectangle of the resized image to compute (the center crop); the default is all of it. */
export interface Region {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Resizes `source` to `width`×`height` as Pillow's bicubic `resize` does and returns the pixels of
 * `region` of the result. Every output pixel depends only on its own window of weights, so computing
 * just the crop gives the same bytes as resizing everything and cropping afterwards, for less work.
 */
export function resizeBicubic(source: RgbImage, width: number, height: number, region?: Region): RgbImage {
  const r = region ?? { left: 0, top: 0, width, height };
  if (
    r.left < 0 ||
    r.top < 0 ||
    r.width <= 0 ||
    r.height <= 0 ||
    r.left + r.width > width ||
    r.top + r.height > height
  ) {
    throw new RangeError(
      `region ${r.width}×${r.height} at (${r.left}, ${r.top}) is outside the ${width}×${height} image`,
    );
  }
  const needHorizontal = width !== source.width;
  const needVertical = height !== source.height;
  const vertical = needVertical ? bicubicCoefficients(source.height, height) : undefined;

  // Source rows the vertical pass reads for the region's output rows.
  let rowStart = r.top;
  let rowEnd = r.top + r.height;
  if (vertical) {
    rowStart = vertical.first[r.top];
    rowEnd = vertical.first[r.top + r.height - 1] + vertical.count[r.top + r.height - 1];
  }

  // Horizontal pass (or the unchanged columns) over rows [rowStart, rowEnd): `r.width` columns wide.
  const rows = rowEnd - rowStart;
  const stage = needHorizontal
    ? resampleRows(source, rowStart, rows, bicubicCoefficients(source.width, width), r.left, r.width)
    : copyWindow(source, r.left, rowStart, r.width, rows);

  if (!vertical) return stage;
  return resampleColumns(stage, rowStart, vertical, r.top, r.height);
}

/** The `width`×`height` window of `source` at (`left`, `top`), copied (an exact crop). */
export function copyWindow(source: RgbImage, left: number, top: number, width: number, height: number): RgbImage {
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * source.width + left) * 3;
    out.set(source.data.subarray(from, from + width * 3), y * width * 3);
  }
  return rgbImage(width, height, out);
}

/** Resample.c `ImagingResampleHorizontal_8bpc` for output columns [colStart, colStart + cols). */
function resampleRows(
  source: RgbImage,
  rowStart: number,
  rows: number,
  c: PassCoefficients,
  colStart: number,
  cols: number,
): RgbImage {
  const src = source.data;
  const out = new Uint8Array(cols * rows * 3);
  const { taps, first, count, weights } = c;
  for (let y = 0; y < rows; y++) {
    const rowOffset = (rowStart + y) * source.width * 3;
    let o = y * cols * 3;
    for (let xx = colStart; xx < colStart + cols; xx++) {
      let s0 = ROUNDING_BIAS;
      let s1 = ROUNDING_BIAS;
      let s2 = ROUNDING_BIAS;
      const k0 = xx * taps;
      let p = rowOffset + first[xx] * 3;
      for (let x = 0, n = count[xx]; x < n; x++, p += 3) {
        const k = weights[k0 + x];
        s0 += src[p] * k;
        s1 += src[p + 1] * k;
        s2 += src[p + 2] * k;
      }
      out[o++] = clip8(s0);
      out[o++] = clip8(s1);
      out[o++] = clip8(s2);
    }
  }
  return rgbImage(cols, rows, out);
}

/**
 * Resample.c `ImagingResampleVertical_8bpc` for output rows [rowFrom, rowFrom + rows); `stage` holds the
 * source rows from `stageTop` on (Pillow shifts its bounds the same way).
 */
function resampleColumns(
  stage: RgbImage,
  stageTop: number,
  c: PassCoefficients,
  rowFrom: number,
  rows: number,
): RgbImage {
  const src = stage.data;
  const stride = stage.width * 3;
  const out = new Uint8Array(stride * rows);
  const { taps, first, count, weights } = c;
  for (let yy = rowFrom; yy < rowFrom + rows; yy++) {
    const k0 = yy * taps;
    const n = count[yy];
    const top = (first[yy] - stageTop) * stride;
    let o = (yy - rowFrom) * stride;
    for (let i = 0; i < stride; i += 3) {
      let s0 = ROUNDING_BIAS;
      let s1 = ROUNDING_BIAS;
      let s2 = ROUNDING_BIAS;
      let p = top + i;
      for (let y = 0; y < n; y++, p += stride) {
        const k = weights[k0 + y];
        s0 += src[p] * k;
        s1 += src[p + 1] * k;
        s2 += src[p + 2] * k;
      }
      out[o++] = clip8(s0);
      out[o++] = clip8(s1);
      out[o++] = clip8(s2);
    }
  }
  return rgbImage(stage.width, rows, out);
}
