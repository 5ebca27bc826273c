/** Inception-ResNet-v1 (paper Fig. 15 with Figs. 10–14). No ImageNet checkpoint was released. */
import { repeat } from '../builders.ts';
import { head } from '../blocks/head.ts';
import {
  inceptionResNetA,
  inceptionResNetB,
  inceptionResNetC,
  inceptionResNetReductionB,
  inceptionResNetV1Stem,
  PAPER_RESIDUAL_SCALE,
} from '../blocks/inception-resnet.ts';
import { reductionA } from '../blocks/inception-v4.ts';
import type { NetworkDefinition } from '../types.ts';

export const inceptionResNetV1Paper: NetworkDefinition = {
  id: 'inception-resnet-v1',
  variant: 'paper',
  title: 'Inception-ResNet-v1',
  source: 'Szegedy et al. 2016, Figs. 7, 10–15 and Table 1',
  input: [299, 299, 3],
  classes: 1000,
  stages: [
    inceptionResNetV1Stem(),
    repeat(5, inceptionResNetA('paper', { deep: [32, 32, 32], projection: 256 }, PAPER_RESIDUAL_SCALE, 10)),
    reductionA('paper', { k: 192, l: 192, m: 256, n: 384 }),
    repeat(
      10,
      inceptionResNetB(
        'paper',
        { single: 128, factorized: [128, 128, 128], projection: 896 },
        PAPER_RESIDUAL_SCALE,
        11,
      ),
    ),
    inceptionResNetReductionB('paper', { narrow: 256, deep: [256, 256] }, 12),
    repeat(
      5,
      inceptionResNetC('paper', { factorized: [192, 192, 192], projection: 1792 }, PAPER_RESIDUAL_SCALE, {
        figure: 13,
      }),
    ),
    head('paper', 1000, 'classif'),
  ],
};
