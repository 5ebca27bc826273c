/**
 * The pixels of planned crops (crops.ts), cut exactly as PIL would: `image.resize((w, h), BICUBIC)`,
 * `.crop(box)`, `.resize((299, 299), BICUBIC)` for a square, `ImageOps.mirror` for a mirrored crop.
 * Crops are produced one at a time (a generator), so 144 of them never sit in memory together; the
 * resized image is computed once per scale and reused by the crops of that scale.
 */
import { rgbImage, type RgbImage } from '../preprocess/image.ts';
import { copyWindow, resizeBicubic } from '../preprocess/resample.ts';
import type { CropPlan } from './crops.ts';

/** The image flipped left to right (PIL's `ImageOps.mirror`). */
export function mirrorImage(image: RgbImage): RgbImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width * 3;
    for (let x = 0; x < width; x++) {
      const from = row + x * 3;
      const to = row + (width - 1 - x) * 3;
      out[to] = data[from];
      out[to + 1] = data[from + 1];
      out[to + 2] = data[from + 2];
    }
  }
  return rgbImage(width, height, out);
}

/** Each plan's `inputSize`² uint8 crop of `image`, in the plans' order. */
export function* cropImages(image: RgbImage, plans: readonly CropPlan[], inputSize: number): Generator<RgbImage> {
  if (plans.length === 1 && !plans[0].resize) {
    // One crop (today's path): resize only the crop's window, which gives the same bytes for less work.
    const [plan] = plans;
    const crop = resizeBicubic(image, plan.resized.width, plan.resized.height, {
      left: plan.box.left,
      top: plan.box.top,
      width: plan.box.size,
      height: plan.box.size,
    });
    yield plan.mirror ? mirrorImage(crop) : crop;
    return;
  }
  let resized: { scale: number; image: RgbImage } | undefined;
  for (const plan of plans) {
    if (resized?.scale !== plan.scale)
      resized = { scale: plan.scale, image: resizeBicubic(image, plan.resized.width, plan.resized.height) };
    const { left, top, size } = plan.box;
    let crop = copyWindow(resized.image, left, top, size, size);
    if (plan.resize) crop = resizeBicubic(crop, inputSize, inputSize);
    if (crop.width !== inputSize || crop.height !== inputSize) {
      throw new RangeError(`crop "${plan.label}" is ${crop.width}×${crop.height}, not ${inputSize}×${inputSize}`);
    }
    yield plan.mirror ? mirrorImage(crop) : crop;
  }
}
