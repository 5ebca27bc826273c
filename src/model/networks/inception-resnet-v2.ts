/**
 * Inception-ResNet-v2. The paper form (Fig. 15 with Figs. 3, 7, 16–19) does not add up: Reduction-A
 * outputs 1152 channels but Fig. 17 projects to 1154, and Reduction-B then gives 2146 but Fig. 19
 * projects to 2048. The released form (TF-slim, Keras, timm) is the one with weights.
 */
import { conv, indexedKeys, repeat } from '../builders.ts';
import { head } from '../blocks/head.ts';
import {
  inceptionResNetA,
  inceptionResNetB,
  inceptionResNetC,
  inceptionResNetReductionB,
  inceptionResNetV2ReleasedStem,
  mixed5b,
  PAPER_RESIDUAL_SCALE,
} from '../blocks/inception-resnet.ts';
import { inceptionV4Stem, reductionA } from '../blocks/inception-v4.ts';
import type { NetworkDefinition } from '../types.ts';
import { inceptionPreprocessing } from './preprocessing.ts';

/** Table 1: Reduction-A filter counts of Inception-ResNet-v2. */
export const INCEPTION_RESNET_V2_REDUCTION_A = { k: 256, l: 256, m: 384, n: 384 } as const;

const A_SIZES = { deep: [32, 48, 64] } as const;
const B_SIZES = { single: 192, factorized: [128, 160, 192] } as const;
const C_SIZES = { factorized: [192, 224, 256] } as const;
const REDUCTION_B_SIZES = { narrow: 288, deep: [288, 320] } as const;

export const inceptionResNetV2Paper: NetworkDefinition = {
  id: 'inception-resnet-v2',
  variant: 'paper',
  title: 'Inception-ResNet-v2',
  source: 'Szegedy et al. 2016, Figs. 3, 7, 15–19 and Table 1',
  input: [299, 299, 3],
  classes: 1000,
  stages: [
    inceptionV4Stem('paper'),
    repeat(5, inceptionResNetA('paper', { ...A_SIZES, projection: 384 }, PAPER_RESIDUAL_SCALE, 16)),
    reductionA('paper', INCEPTION_RESNET_V2_REDUCTION_A),
    repeat(10, inceptionResNetB('paper', { ...B_SIZES, projection: 1154 }, PAPER_RESIDUAL_SCALE, 17)),
    inceptionResNetReductionB('paper', REDUCTION_B_SIZES, 18),
    repeat(5, inceptionResNetC('paper', { ...C_SIZES, projection: 2048 }, PAPER_RESIDUAL_SCALE, { figure: 19 })),
    head('paper', 1000, 'classif'),
  ],
};

export const inceptionResNetV2Released: NetworkDefinition = {
  id: 'inception-resnet-v2',
  variant: 'released',
  title: 'Inception-ResNet-v2',
  source: 'timm inception_resnet_v2 (port of TF-slim nets/inception_resnet_v2.py), 1000 classes',
  input: [299, 299, 3],
  classes: 1000,
  stages: [
    inceptionResNetV2ReleasedStem(),
    mixed5b(),
    repeat(10, inceptionResNetA('released', { ...A_SIZES, projection: 320 }, 0.17), indexedKeys('repeat', 0, 10)),
    reductionA('released', INCEPTION_RESNET_V2_REDUCTION_A, 'mixed_6a'),
    repeat(20, inceptionResNetB('released', { ...B_SIZES, projection: 1088 }, 0.1), indexedKeys('repeat_1', 0, 20)),
    inceptionResNetReductionB('released', REDUCTION_B_SIZES, 18, 'mixed_7a'),
    repeat(9, inceptionResNetC('released', { ...C_SIZES, projection: 2080 }, 0.2), indexedKeys('repeat_2', 0, 9)),
    inceptionResNetC('released', { ...C_SIZES, projection: 2080 }, 1, {
      activation: 'linear',
      id: 'inception-resnet-c-final',
      key: 'block8',
      note: 'The last Block8: residual scale 1.0 and no ReLU after the addition.',
    }),
    conv('1x1', 1536, { key: 'conv2d_7b', name: 'Conv2d_7b_1x1' }),
    head('released', 1000, 'classif'),
  ],
  checkpoint: {
    repo: 'timm/inception_resnet_v2.tf_in1k',
    file: 'model.safetensors',
    sha256: 'dbea26b13a5fc8351919fed6a94222c0577ce324b2765fd081a798f837ca9d72',
    preprocessing: inceptionPreprocessing(0.8975),
  },
};
