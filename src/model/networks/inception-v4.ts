/** Inception-v4 (paper Fig. 9). The released code (TF-slim, timm) has the paper's structure. */
import { indexedKeys, repeat } from '../builders.ts';
import { head } from '../blocks/head.ts';
import {
  inceptionA,
  inceptionB,
  inceptionC,
  inceptionV4Stem,
  reductionA,
  reductionBV4,
} from '../blocks/inception-v4.ts';
import type { NetworkDefinition, Variant } from '../types.ts';
import { inceptionPreprocessing } from './preprocessing.ts';

/** Table 1: Reduction-A filter counts of Inception-v4. */
export const INCEPTION_V4_REDUCTION_A = { k: 192, l: 224, m: 256, n: 384 } as const;

function inceptionV4(form: Variant): NetworkDefinition {
  const released = form === 'released';
  return {
    id: 'inception-v4',
    variant: form,
    title: 'Inception-v4',
    source: released
      ? 'timm inception_v4 (port of TF-slim nets/inception_v4.py), 1000 classes'
      : 'Szegedy et al. 2016, Figs. 3–9 and Table 1',
    input: [299, 299, 3],
    classes: 1000,
    stages: [
      inceptionV4Stem(form),
      repeat(4, inceptionA(form), released ? indexedKeys('features', 6, 4) : undefined),
      reductionA(form, INCEPTION_V4_REDUCTION_A, 'features.10', 'Mixed_6a (ReductionA)'),
      repeat(7, inceptionB(form), released ? indexedKeys('features', 11, 7) : undefined),
      reductionBV4(form, 'features.18'),
      repeat(3, inceptionC(form), released ? indexedKeys('features', 19, 3) : undefined),
      head(form, 1000, 'last_linear'),
    ],
    ...(released
      ? {
          checkpoint: {
            repo: 'timm/inception_v4.tf_in1k',
            file: 'model.safetensors',
            sha256: 'a756a086851c8d5a8de135ec15c76b90ea56cb5aef450e3299107e659e725bb1',
            preprocessing: inceptionPreprocessing(0.875),
          },
        }
      : {}),
  };
}

export const inceptionV4Paper = inceptionV4('paper');
export const inceptionV4Released = inceptionV4('released');
