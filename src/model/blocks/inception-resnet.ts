/** The blocks of Inception-ResNet-v1 (Figs. 10–14) and -v2 (Figs. 16–19), and the released v2's extras. */
import { avgPool, concat, conv, linearConv, maxPool, residual, seq } from '../builders.ts';
import type { BlockInfo, Concat, Node, Residual, ResidualScale, Sequence, Variant } from '../types.ts';
import { branchOrder, keyIn } from './form.ts';

/** The paper scales residuals "by factors between 0.1 and 0.3" (§3.3) without fixing one per block. */
export const PAPER_RESIDUAL_SCALE: ResidualScale = { min: 0.1, max: 0.3 };

interface ResidualBlockOptions {
  form: Variant;
  /** Width of the "Linear" 1×1 projection, which must equal the block's input width. */
  projection: number;
  scale: ResidualScale;
  activation?: 'relu' | 'linear';
  block: BlockInfo;
  name: string;
  key?: string;
}

/** x → activation(x + scale · Linear1×1(concat(branches(x)))) */
function residualBlock(branches: readonly Node[], options: ResidualBlockOptions): Residual {
  const { form } = options;
  return residual(seq([concat(branches), linearConv(options.projection, keyIn(form, 'conv2d'))]), {
    scale: options.scale,
    activation: options.activation ?? 'relu',
    name: options.name,
    block: options.block,
    ...(options.key ? keyIn(form, options.key) : {}),
  });
}

/** Fig. 14: the stem of Inception-ResNet-v1, 299×299×3 → 35×35×256. */
export function inceptionResNetV1Stem(): Sequence {
  return seq(
    [
      conv('3x3', 32, { stride: 2, padding: 'valid' }),
      conv('3x3', 32, { padding: 'valid' }),
      conv('3x3', 64),
      maxPool('3x3'),
      conv('1x1', 80),
      conv('3x3', 192, { padding: 'valid' }),
      conv('3x3', 256, { stride: 2, padding: 'valid' }),
    ],
    { name: 'Stem', block: { id: 'stem', figure: 14 } },
  );
}

/** Sizes that distinguish Inception-ResNet-A in v1 (Fig. 10) and v2 (Fig. 16). */
export interface InceptionResNetASizes {
  /** Filters of the three convolutions of the longest branch (v1: 32, 32, 32; v2: 32, 48, 64). */
  deep: readonly [number, number, number];
  projection: number;
}

/** Figs. 10 and 16: Inception-ResNet-A, the 35×35 residual block (Block35 in the released code). */
export function inceptionResNetA(
  form: Variant,
  sizes: InceptionResNetASizes,
  scale: ResidualScale,
  figure?: number,
): Residual {
  const k = (segment: string) => keyIn(form, segment);
  const [d0, d1, d2] = sizes.deep;
  return residualBlock(
    [
      conv('1x1', 32, k('branch0')),
      seq([conv('1x1', 32, k('0')), conv('3x3', 32, k('1'))], k('branch1')),
      seq([conv('1x1', d0, k('0')), conv('3x3', d1, k('1')), conv('3x3', d2, k('2'))], k('branch2')),
    ],
    {
      form,
      projection: sizes.projection,
      scale,
      name: 'Inception-ResNet-A',
      block: { id: 'inception-resnet-a', ...(figure ? { figure } : {}), releasedName: 'Block35' },
    },
  );
}

export interface InceptionResNetBSizes {
  /** Filters of the 1×1 branch and of the 1×1 → 1×7 → 7×1 branch (v1: 128 / 128,128,128; v2: 192 / 128,160,192). */
  single: number;
  factorized: readonly [number, number, number];
  projection: number;
}

/** Figs. 11 and 17: Inception-ResNet-B, the 17×17 residual block (Block17). */
export function inceptionResNetB(
  form: Variant,
  sizes: InceptionResNetBSizes,
  scale: ResidualScale,
  figure?: number,
): Residual {
  const k = (segment: string) => keyIn(form, segment);
  const [f0, f1, f2] = sizes.factorized;
  return residualBlock(
    [
      conv('1x1', sizes.single, k('branch0')),
      seq([conv('1x1', f0, k('0')), conv('1x7', f1, k('1')), conv('7x1', f2, k('2'))], k('branch1')),
    ],
    {
      form,
      projection: sizes.projection,
      scale,
      name: 'Inception-ResNet-B',
      block: { id: 'inception-resnet-b', ...(figure ? { figure } : {}), releasedName: 'Block17' },
    },
  );
}

export interface InceptionResNetCSizes {
  /** Filters of the 1×1 → 1×3 → 3×1 branch (v1: 192,192,192; v2: 192,224,256). */
  factorized: readonly [number, number, number];
  projection: number;
}

/** Figs. 13 and 19: Inception-ResNet-C, the 8×8 residual block (Block8). */
export function inceptionResNetC(
  form: Variant,
  sizes: InceptionResNetCSizes,
  scale: ResidualScale,
  options: { figure?: number; activation?: 'relu' | 'linear'; id?: string; key?: string; note?: string } = {},
): Residual {
  const k = (segment: string) => keyIn(form, segment);
  const [f0, f1, f2] = sizes.factorized;
  return residualBlock(
    [
      conv('1x1', 192, k('branch0')),
      seq([conv('1x1', f0, k('0')), conv('1x3', f1, k('1')), conv('3x1', f2, k('2'))], k('branch1')),
    ],
    {
      form,
      projection: sizes.projection,
      scale,
      name: 'Inception-ResNet-C',
      ...(options.activation ? { activation: options.activation } : {}),
      ...(options.key ? { key: options.key } : {}),
      block: {
        id: options.id ?? 'inception-resnet-c',
        ...(options.figure ? { figure: options.figure } : {}),
        releasedName: 'Block8',
        ...(options.note ? { note: options.note } : {}),
      },
    },
  );
}

/** Reduction-B of Inception-ResNet-v1 (Fig. 12) and -v2 (Fig. 18): three conv branches and a max pool. */
export function inceptionResNetReductionB(
  form: Variant,
  sizes: { narrow: number; deep: readonly [number, number] },
  figure: number,
  key?: string,
): Concat {
  const k = (segment: string) => keyIn(form, segment);
  const v = { stride: 2, padding: 'valid' } as const;
  return concat(
    branchOrder(form, maxPool('3x3', k('branch3')), [
      seq([conv('1x1', 256, k('0')), conv('3x3', 384, { ...v, ...k('1') })], k('branch0')),
      seq([conv('1x1', 256, k('0')), conv('3x3', sizes.narrow, { ...v, ...k('1') })], k('branch1')),
      seq(
        [conv('1x1', 256, k('0')), conv('3x3', sizes.deep[0], k('1')), conv('3x3', sizes.deep[1], { ...v, ...k('2') })],
        k('branch2'),
      ),
    ]),
    {
      name: 'Reduction-B',
      ...(key ? keyIn(form, key) : {}),
      block: { id: 'reduction-b', figure, releasedName: 'Mixed_7a' },
    },
  );
}

/** The released Inception-ResNet-v2 stem (TF-slim): v1-like, 299×299×3 → 35×35×192, before Mixed_5b. */
export function inceptionResNetV2ReleasedStem(): Sequence {
  return seq(
    [
      conv('3x3', 32, { stride: 2, padding: 'valid', key: 'conv2d_1a', name: 'Conv2d_1a_3x3' }),
      conv('3x3', 32, { padding: 'valid', key: 'conv2d_2a', name: 'Conv2d_2a_3x3' }),
      conv('3x3', 64, { key: 'conv2d_2b', name: 'Conv2d_2b_3x3' }),
      maxPool('3x3', { key: 'maxpool_3a', name: 'MaxPool_3a_3x3' }),
      conv('1x1', 80, { padding: 'valid', key: 'conv2d_3b', name: 'Conv2d_3b_1x1' }),
      conv('3x3', 192, { padding: 'valid', key: 'conv2d_4a', name: 'Conv2d_4a_3x3' }),
      maxPool('3x3', { key: 'maxpool_5a', name: 'MaxPool_5a_3x3' }),
    ],
    {
      name: 'Stem',
      block: {
        id: 'stem',
        note: 'The released stem differs from Fig. 3: a v1-like stem (Fig. 14) ending at 35×35×192, followed by Mixed_5b.',
      },
    },
  );
}

/** Mixed_5b of the released Inception-ResNet-v2: an Inception-v3-style block, 35×35×192 → 35×35×320. */
export function mixed5b(): Concat {
  return concat(
    [
      conv('1x1', 96, { key: 'branch0' }),
      seq([conv('1x1', 48, { key: '0' }), conv('5x5', 64, { key: '1' })], { key: 'branch1' }),
      seq([conv('1x1', 64, { key: '0' }), conv('3x3', 96, { key: '1' }), conv('3x3', 96, { key: '2' })], {
        key: 'branch2',
      }),
      seq([avgPool('3x3', { key: '0' }), conv('1x1', 64, { key: '1' })], { key: 'branch3' }),
    ],
    {
      name: 'Mixed_5b',
      key: 'mixed_5b',
      block: {
        id: 'mixed-5b',
        releasedName: 'Mixed_5b',
        note: 'Not in the paper: an Inception-v3-style block that widens the released stem to 320 channels.',
      },
    },
  );
}
