import type { Preprocessing } from '../types.ts';

/** timm pretrained_cfg of the tf_in1k checkpoints: Inception normalisation to [-1, 1]. */
export function inceptionPreprocessing(cropPct: number): Preprocessing {
  return { inputSize: 299, cropPct, interpolation: 'bicubic', mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] };
}
