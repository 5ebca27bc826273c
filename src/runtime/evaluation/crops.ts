/**
 * Which crops a prediction averages over: this project's reading of the paper's protocols. The paper
 * reports 1-, 12- and 144-crop error rates (Tables 2–5) and, for the crops, points to GoogLeNet (Szegedy
 * et al. 2015, "Going deeper with convolutions", §7) without defining them for 299×299 inputs. Here:
 *
 * - 1 crop: today's centre crop (timm's eval transform: shorter side to floor(299 / crop_pct), centre 299).
 * - 12 crops: of the image resized as for 1 crop, the four corner 299×299 crops, the centre one, and the
 *   whole centre square resized to 299; each also mirrored.
 * - 144 crops: GoogLeNet's dense protocol scaled from 224 to 299 (× 299/224): the shorter side resized to
 *   342, 384, 427 and 470 px (256, 288, 320, 352 in GoogLeNet); the left, centre and right squares (top,
 *   centre, bottom for portrait images); in each, the four corner 299 crops, the centre one and the square
 *   resized to 299; each also mirrored. 4 × 3 × 6 × 2 = 144.
 *
 * Resizing is Pillow's bicubic (as for 1 crop), centre offsets round half to even like torchvision's
 * CenterCrop. Pure geometry: the pixels are cut in `crop-pixels.ts`.
 */
import type { Preprocessing } from '../../model/types.ts';
import { centerCropOffset, resizeShorterSide, scaleSize, type Size } from '../preprocess/geometry.ts';

export type CropCount = 1 | 12 | 144;
export const CROP_COUNTS: readonly CropCount[] = [1, 12, 144];

/** Shorter sides of the 144-crop protocol: GoogLeNet's 256, 288, 320, 352 scaled by 299/224, rounded. */
export const DENSE_SCALES: readonly number[] = [342, 384, 427, 470];

export function isCropCount(value: unknown): value is CropCount {
  return value === 1 || value === 12 || value === 144;
}

/** A square region of the resized image. */
export interface CropBox {
  left: number;
  top: number;
  size: number;
}

/** One crop: resize the whole image, take `box`, resize it to the input size if it is larger, mirror. */
export interface CropPlan {
  /** The shorter side of the resized image. */
  scale: number;
  /** The whole image resized (shorter side `scale`, aspect ratio kept as torchvision's Resize does). */
  resized: Size;
  /** The region of the resized image the network sees (after resizing it when `resize`). */
  box: CropBox;
  /** The box is larger than the input and is resized to inputSize × inputSize (the "square resized"). */
  resize: boolean;
  /** Flipped left to right. */
  mirror: boolean;
  /** For people: "342 px, left square, top-left 299, mirrored". */
  label: string;
}

type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'centre';
const CORNERS: readonly Corner[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'centre'];

/** A region of the resized image: the whole of it (12 crops) or one of its squares (144 crops). */
interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A `size` crop at a corner (or the centre, rounded as torchvision's CenterCrop) of `region`. */
function cornerBox(region: Region, corner: Corner, size: number): CropBox {
  const left =
    corner === 'centre' ? centerCropOffset(region.width, size) : corner.endsWith('right') ? region.width - size : 0;
  const top =
    corner === 'centre'
      ? centerCropOffset(region.height, size)
      : corner.startsWith('bottom')
        ? region.height - size
        : 0;
  return { left: region.left + left, top: region.top + top, size };
}

/**
 * Six crops: the four corner and the centre `inputSize` crops of `region`, and `square` resized to
 * `inputSize`; each followed by its mirror image.
 */
function sixCrops(
  region: Region,
  square: CropBox,
  inputSize: number,
  scale: number,
  resized: Size,
  prefix: string,
  centreFirst: boolean,
): CropPlan[] {
  const corners = centreFirst ? (['centre', ...CORNERS.slice(0, 4)] as Corner[]) : CORNERS;
  const unmirrored: Omit<CropPlan, 'mirror' | 'label'>[] = [];
  const labels: string[] = [];
  for (const corner of corners) {
    unmirrored.push({ scale, resized, box: cornerBox(region, corner, inputSize), resize: false });
    labels.push(`${prefix}${corner} ${inputSize}`);
  }
  unmirrored.push({ scale, resized, box: square, resize: square.size !== inputSize });
  labels.push(`${prefix}${centreFirst ? 'centre square' : 'whole square'} resized to ${inputSize}`);
  return unmirrored.flatMap((plan, i) => [
    { ...plan, mirror: false, label: labels[i] },
    { ...plan, mirror: true, label: `${labels[i]}, mirrored` },
  ]);
}

/**
 * The crops of a `source`-sized image (EXIF orientation applied) for a checkpoint's preprocessing. The
 * first crop is always today's centre crop (so a 12-crop prediction also yields the 1-crop one).
 */
export function planCrops(
  source: Size,
  count: CropCount,
  preprocessing: Pick<Preprocessing, 'inputSize' | 'cropPct'>,
): CropPlan[] {
  const inputSize = preprocessing.inputSize;
  if (count === 1 || count === 12) {
    const scale = scaleSize(inputSize, preprocessing.cropPct);
    const resized = resizeShorterSide(source, scale);
    const whole = { left: 0, top: 0, ...resized };
    const side = Math.min(resized.width, resized.height);
    const square = {
      left: centerCropOffset(resized.width, side),
      top: centerCropOffset(resized.height, side),
      size: side,
    };
    const crops = sixCrops(whole, square, inputSize, scale, resized, `${scale} px, `, true);
    return count === 1 ? [{ ...crops[0], label: `${scale} px, centre ${inputSize}` }] : crops;
  }
  if (count !== 144) throw new RangeError(`crops must be 1, 12 or 144, got ${String(count)}`);
  const plans: CropPlan[] = [];
  for (const scale of DENSE_SCALES) {
    const resized = resizeShorterSide(source, scale);
    const landscape = resized.width >= resized.height;
    const side = Math.min(resized.width, resized.height);
    const long = Math.max(resized.width, resized.height);
    const offsets: Array<[string, number]> = landscape
      ? [
          ['left', 0],
          ['centre', centerCropOffset(long, side)],
          ['right', long - side],
        ]
      : [
          ['top', 0],
          ['centre', centerCropOffset(long, side)],
          ['bottom', long - side],
        ];
    for (const [name, offset] of offsets) {
      const square = landscape ? { left: offset, top: 0, size: side } : { left: 0, top: offset, size: side };
      const region = { left: square.left, top: square.top, width: side, height: side };
      plans.push(...sixCrops(region, square, inputSize, scale, resized, `${scale} px, ${name} square, `, false));
    }
  }
  return plans;
}
