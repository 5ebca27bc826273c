/**
 * Multi-crop prediction, shared by the inference worker and the CLI: each crop of an image (crops.ts) is
 * normalised and run through a network, and the crops' class probabilities are averaged; the ensemble
 * averages the networks' averages. Crops are made one at a time, so memory does not grow with their
 * number. Nothing here knows TensorFlow.js: the forward pass is a function passed in.
 */
import type { Preprocessing } from '../../model/types.ts';
import type { RgbImage } from '../preprocess/image.ts';
import { normalizeToTensor } from '../preprocess/normalize.ts';
import { cropImages } from './crop-pixels.ts';
import { planCrops, type CropCount } from './crops.ts';

export interface CropPrediction {
  /** The crops' class probabilities, averaged (in float64). */
  probabilities: Float32Array;
  /** The first crop's probabilities alone: today's centre crop, so a 12-crop run yields the 1-crop one too. */
  centre: Float32Array;
  /** Forward passes run (= crops). */
  passes: number;
}

export interface PredictCropsOptions {
  /** Stops between forward passes (the promise rejects with the signal's reason, an AbortError). */
  signal?: AbortSignal;
  /** After each forward pass. */
  onPass?: (done: number, total: number) => void;
  /** The first crop's pixels (today's centre crop), e.g. to show the user. */
  onFirstCrop?: (crop: RgbImage) => void;
}

/** Probabilities for one NHWC float32 input (softmax of the logits). */
export type ForwardPass = (input: Float32Array) => Promise<Float32Array>;

/** Runs `forward` on each of the image's `crops` crops for a checkpoint's preprocessing and averages. */
export async function predictCrops(
  image: RgbImage,
  preprocessing: Preprocessing,
  crops: CropCount,
  forward: ForwardPass,
  options: PredictCropsOptions = {},
): Promise<CropPrediction> {
  const plans = planCrops(image, crops, preprocessing);
  let total = new Float64Array(0);
  let centre: Float32Array | undefined;
  let passes = 0;
  for (const crop of cropImages(image, plans, preprocessing.inputSize)) {
    options.signal?.throwIfAborted();
    if (passes === 0) options.onFirstCrop?.(crop);
    const probabilities = await forward(normalizeToTensor(crop, preprocessing.mean, preprocessing.std));
    if (passes === 0) {
      centre = probabilities;
      total = new Float64Array(probabilities.length);
    } else if (probabilities.length !== total.length) {
      throw new RangeError(
        `crop ${passes + 1} gave ${probabilities.length} probabilities, the first gave ${total.length}`,
      );
    }
    for (let i = 0; i < probabilities.length; i++) total[i] += probabilities[i];
    passes++;
    options.onPass?.(passes, plans.length);
  }
  return { probabilities: Float32Array.from(total, (v) => v / passes), centre: centre!, passes };
}

/** The element-wise mean of probability vectors of equal length (the ensemble), in float64. */
export function meanProbabilities(vectors: readonly Float32Array[]): Float32Array {
  if (vectors.length === 0) throw new RangeError('nothing to average');
  const length = vectors[0].length;
  const total = new Float64Array(length);
  for (const v of vectors) {
    if (v.length !== length)
      throw new RangeError(`cannot average probability vectors of ${length} and ${v.length} classes`);
    for (let i = 0; i < length; i++) total[i] += v[i];
  }
  return Float32Array.from(total, (v) => v / vectors.length);
}
