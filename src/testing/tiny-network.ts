/**
 * Test support: a small network that uses every kind of node the executor knows (batch-norm convs,
 * asymmetric kernels, a "Linear" projection, both pools, concat, scaled residuals with and without ReLU,
 * a repeat, global pooling, dropout, dense), with recipe weights. Cheap enough to run hundreds of times.
 */
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { head } from '../model/blocks/head.ts';
import { avgPool, concat, conv, indexedKeys, linearConv, maxPool, repeat, residual, seq } from '../model/builders.ts';
import type { NetworkDefinition, Node } from '../model/types.ts';
import { recipeCheckpoint } from '../runtime/weights/recipe-checkpoint.ts';
import type { TensorSource } from '../runtime/weights/types.ts';

function residualBlock(scale: number, activation: 'relu' | 'linear', options: { key?: string; id: string }): Node {
  return residual(
    seq([
      concat([
        conv('1x1', 4, { key: 'branch0' }),
        seq([conv('1x1', 4, { key: '0' }), conv('1x3', 6, { key: '1' }), conv('3x1', 4, { key: '2' })], {
          key: 'branch1',
        }),
      ]),
      linearConv(16, { key: 'conv2d' }),
    ]),
    { scale, activation, block: { id: options.id }, ...(options.key ? { key: options.key } : {}) },
  );
}

export const tinyNetwork: NetworkDefinition = {
  id: 'inception-resnet-v2',
  variant: 'released',
  title: 'Tiny test network',
  source: 'executor tests',
  input: [17, 17, 3],
  classes: 10,
  stages: [
    seq([conv('3x3', 8, { stride: 2, padding: 'valid', key: 'stem_a' }), conv('3x3', 8, { key: 'stem_b' })], {
      name: 'Stem',
      block: { id: 'stem' },
    }),
    concat(
      [
        conv('1x1', 6, { key: 'branch0' }),
        seq([avgPool('3x3', { key: '0' }), conv('1x1', 2, { key: '1' })], { key: 'branch1' }),
        maxPool('3x3', { stride: 1, padding: 'same' }),
      ],
      { key: 'mixed', name: 'Mixed', block: { id: 'mixed' } },
    ),
    repeat(2, residualBlock(0.3, 'relu', { id: 'block' }), indexedKeys('repeat', 0, 2)),
    residualBlock(1, 'linear', { id: 'block-final', key: 'final' }),
    head('released', 10, 'fc'),
  ],
};

/** Recipe weights (fixtures/timm/recipe.md) for any keyed definition, each tensor generated when asked for. */
export function recipeSource(network: NetworkDefinition): Required<TensorSource> {
  return recipeCheckpoint(analyzeNetwork(network));
}

/** Deterministic input in [-1, 1), NHWC. */
export function tinyInput(size = 17, batch = 1): Float32Array {
  return Float32Array.from({ length: batch * size * size * 3 }, (_, i) => Math.sin(i * 0.37) * Math.cos(i * 0.11));
}
