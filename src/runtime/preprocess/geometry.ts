/**
 * The geometry of timm's eval transform (`transforms_imagenet_eval`, crop_mode "center") with
 * torchvision's `Resize(int)` and `CenterCrop`, reproduced operation for operation so the integers match.
 */
import type { Preprocessing } from '../../model/types.ts';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface PreprocessPlan {
  /** The source image size (after EXIF orientation). */
  readonly source: Size;
  /** `floor(inputSize / cropPct)`: the length the shorter side is resized to. */
  readonly scaleSize: number;
  /** The full resized image: shorter side `scaleSize`, longer side scaled and truncated. */
  readonly resized: Size;
  /** Top-left corner of the `inputSize`² crop inside the resized image. */
  readonly cropLeft: number;
  readonly cropTop: number;
  readonly cropSize: number;
}

/** timm: `scale_size = math.floor(img_size / crop_pct)` (341 at 0.875, 333 at 0.8975 for 299). */
export function scaleSize(inputSize: number, cropPct: number): number {
  if (!Number.isInteger(inputSize) || inputSize <= 0)
    throw new RangeError(`input size must be a positive integer, got ${inputSize}`);
  if (!(cropPct > 0 && cropPct <= 1)) throw new RangeError(`crop_pct must be in (0, 1], got ${cropPct}`);
  return Math.floor(inputSize / cropPct);
}

/**
 * torchvision `Resize(size)` with an int: the shorter side becomes `size`, the longer
 * `int(size * long / short)` (float64 division, truncated), so the aspect ratio is kept to within a pixel.
 */
export function resizeShorterSide(source: Size, size: number): Size {
  const { width, height } = source;
  const [short, long] = width <= height ? [width, height] : [height, width];
  const newLong = Math.trunc((size * long) / short);
  return width <= height ? { width: size, height: newLong } : { width: newLong, height: size };
}

/** Python 3's `round()`: halves go to the even neighbour (77.5 → 78, 72.5 → 72). */
export function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** torchvision `CenterCrop`: offset `int(round((length - crop) / 2.0))`. */
export function centerCropOffset(length: number, crop: number): number {
  if (length < crop) throw new RangeError(`cannot center-crop ${crop} pixels out of ${length}`);
  return roundHalfToEven((length - crop) / 2);
}

/** Where a `source`-sized image is resized to and cropped from, for a checkpoint's preprocessing. */
export function planPreprocess(
  source: Size,
  preprocessing: Pick<Preprocessing, 'inputSize' | 'cropPct'>,
): PreprocessPlan {
  const scale = scaleSize(preprocessing.inputSize, preprocessing.cropPct);
  const resized = resizeShorterSide(source, scale);
  const cropSize = preprocessing.inputSize;
  return {
    source: { width: source.width, height: source.height },
    scaleSize: scale,
    resized,
    cropLeft: centerCropOffset(resized.width, cropSize),
    cropTop: centerCropOffset(resized.height, cropSize),
    cropSize,
  };
}
