/**
 * Test support: a 32×32 network in the shape of Inception-ResNet-v2-S (the released network's blocks at a
 * small width, repeats [1, 2, 1], a stride-1 stem), written with the builders because `src/model/small/`
 * is not on main yet. Keys are timm's (conv2d_1a, repeat.0.branch1.1, mixed_6a, block8, classif), so
 * `checkpointTensors` names its tensors as a timm-built twin would. About 34,000 parameters: small enough
 * for the training fixture (fixtures/training/) and for a float64 PyTorch reference in a second.
 */
import { head } from '../model/blocks/head.ts';
import { concat, conv, indexedKeys, linearConv, maxPool, repeat, residual, seq } from '../model/builders.ts';
import type { NetworkDefinition, Node, Residual } from '../model/types.ts';

/** Channels of the grids the residual blocks add to: 32×32 after the stem, 15×15 after the reduction. */
const STEM_CHANNELS = 16;
const REDUCED_CHANNELS = 48;

const k = (key: string) => ({ key });

/** x → act(x + scale · Linear1×1(concat(branches))), as the released Block35/17/8. */
function block(
  branches: readonly Node[],
  projection: number,
  scale: number,
  id: string,
  extra: Partial<Residual> = {},
): Residual {
  return residual(seq([concat(branches), linearConv(projection, k('conv2d'))]), {
    scale,
    activation: extra.activation ?? 'relu',
    ...(extra.key ? { key: extra.key } : {}),
    block: { id, note: extra.block?.note ?? `A small ${id} (scale ${scale}).` },
  });
}

/** Inception-ResNet-A (Block35) at a quarter of the released width: 1×1, 1×1→3×3, 1×1→3×3→3×3. */
function blockA(): Residual {
  return block(
    [
      conv('1x1', 8, k('branch0')),
      seq([conv('1x1', 8, k('0')), conv('3x3', 8, k('1'))], k('branch1')),
      seq([conv('1x1', 8, k('0')), conv('3x3', 12, k('1')), conv('3x3', 16, k('2'))], k('branch2')),
    ],
    STEM_CHANNELS,
    0.17,
    'inception-resnet-a',
  );
}

/** Inception-ResNet-B (Block17): 1×1, and 1×1 → 1×7 → 7×1. */
function blockB(): Residual {
  return block(
    [
      conv('1x1', 16, k('branch0')),
      seq([conv('1x1', 12, k('0')), conv('1x7', 14, k('1')), conv('7x1', 16, k('2'))], k('branch1')),
    ],
    REDUCED_CHANNELS,
    0.1,
    'inception-resnet-b',
  );
}

/** Inception-ResNet-C (Block8): 1×1, and 1×1 → 1×3 → 3×1; the last one linear with scale 1. */
function blockC(scale: number, extra: Partial<Residual> = {}): Residual {
  return block(
    [
      conv('1x1', 16, k('branch0')),
      seq([conv('1x1', 12, k('0')), conv('1x3', 14, k('1')), conv('3x1', 16, k('2'))], k('branch1')),
    ],
    REDUCED_CHANNELS,
    scale,
    extra.block?.id ?? 'inception-resnet-c',
    extra,
  );
}

export const smallInceptionResNet: NetworkDefinition = {
  id: 'inception-resnet-v2',
  variant: 'released',
  title: 'Small Inception-ResNet (training fixture)',
  source: 'src/testing/small-inception-resnet.ts: released Inception-ResNet-v2 blocks at a small width, 32×32',
  input: [32, 32, 3],
  classes: 10,
  stages: [
    seq([conv('3x3', 8, { key: 'conv2d_1a' }), conv('3x3', STEM_CHANNELS, { key: 'conv2d_2b' })], {
      name: 'Stem',
      block: { id: 'stem', note: 'A stride-1 stem for 32×32 inputs.' },
    }),
    repeat(1, blockA(), indexedKeys('repeat', 0, 1)),
    concat(
      [
        conv('3x3', 16, { stride: 2, padding: 'valid', key: 'branch0' }),
        seq(
          [conv('1x1', 8, k('0')), conv('3x3', 8, k('1')), conv('3x3', 16, { stride: 2, padding: 'valid', key: '2' })],
          k('branch1'),
        ),
        maxPool('3x3', k('branch2')),
      ],
      { name: 'Reduction-A', key: 'mixed_6a', block: { id: 'reduction-a', releasedName: 'Mixed_6a' } },
    ),
    repeat(2, blockB(), indexedKeys('repeat_1', 0, 2)),
    repeat(1, blockC(0.2), indexedKeys('repeat_2', 0, 1)),
    blockC(1, {
      activation: 'linear',
      key: 'block8',
      block: {
        id: 'inception-resnet-c-final',
        note: 'The last Block8: residual scale 1.0 and no ReLU after the addition.',
      },
    }),
    conv('1x1', 64, { key: 'conv2d_7b', name: 'Conv2d_7b_1x1' }),
    head('released', 10, 'classif'),
  ],
};
