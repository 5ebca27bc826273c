/**
 * The whole eval transform on decoded pixels, shared by the browser and the CLI:
 * resize the shorter side (Pillow bicubic) → center crop → ToTensor + Normalize.
 */
import type { Preprocessing } from '../../model/types.ts';
import { planPreprocess, type PreprocessPlan } from './geometry.ts';
import type { RgbImage } from './image.ts';
import { normalizeToTensor } from './normalize.ts';
import { resizeBicubic } from './resample.ts';

export interface ModelInput {
  /** NHWC float32 [1, inputSize, inputSize, 3], normalised for the checkpoint. */
  readonly tensor: Float32Array;
  readonly shape: readonly [1, number, number, 3];
  /** The crop as the network sees it, before normalisation (for showing the user). */
  readonly crop: RgbImage;
  readonly plan: PreprocessPlan;
}

/** The `inputSize`² uint8 RGB crop of `image`, exactly as PIL + torchvision produce it. */
export function cropForModel(image: RgbImage, preprocessing: Preprocessing): { crop: RgbImage; plan: PreprocessPlan } {
  if (preprocessing.interpolation !== 'bicubic') {
    throw new RangeError(
      `unsupported interpolation "${String(preprocessing.interpolation)}" (only bicubic is implemented)`,
    );
  }
  const plan = planPreprocess(image, preprocessing);
  const crop = resizeBicubic(image, plan.resized.width, plan.resized.height, {
    left: plan.cropLeft,
    top: plan.cropTop,
    width: plan.cropSize,
    height: plan.cropSize,
  });
  return { crop, plan };
}

/** Decoded RGB pixels → the network's input tensor (and the crop preview). */
export function preprocessPixels(image: RgbImage, preprocessing: Preprocessing): ModelInput {
  const { crop, plan } = cropForModel(image, preprocessing);
  const size = plan.cropSize;
  return {
    tensor: normalizeToTensor(crop, preprocessing.mean, preprocessing.std),
    shape: [1, size, size, 3],
    crop,
    plan,
  };
}
