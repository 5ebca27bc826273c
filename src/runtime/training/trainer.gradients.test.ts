/**
 * The trainer's gradients against finite differences of its own loss (training mode, batch statistics):
 * for a few parameters, the derivative along the gradient's direction u = g/‖g‖, which is ‖g‖. Central
 * differences with a step of 3e-3 in parameter norm: measured within 0.8% of ‖g‖ (held to 1.5%, or 2e-4
 * absolute, the float32 loss's resolution over the step), where a missing term of batch norm's gradient or a
 * wrong filter gradient is off by tens of percent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { NetworkDefinition } from '../../model/types.ts';
import { tensorSourceFromMap, type TensorData } from '../weights/types.ts';
import { testBatch, trainingTestNetwork } from '../../testing/training-network.ts';
import { testConfig, trainingBackend } from '../../testing/training.ts';
import { recipeSource, tinyNetwork } from '../../testing/tiny-network.ts';
import { Trainer } from './trainer.ts';

const STEP = 3e-3;

interface GradientCase {
  network: NetworkDefinition;
  backend: 'cpu' | 'wasm';
  parameters: readonly string[];
}

/** The first conv (through every later layer), γ, β after an average pool, a residual projection, the classifier. */
const TINY = [
  'stem_a.conv.weight',
  'stem_a.bn.weight',
  'mixed.branch1.1.bn.bias',
  'repeat.0.conv2d.weight',
  'fc.weight',
];

const CASES = [
  { network: tinyNetwork, backend: 'cpu', parameters: TINY },
  { network: tinyNetwork, backend: 'wasm', parameters: TINY },
  {
    // A stride-2 "valid" conv, a 7×1 conv, a projection's bias, a BN γ inside Block35.
    network: trainingTestNetwork,
    backend: 'wasm',
    parameters: [
      'stem.conv1.conv.weight',
      'repeat.0.branch2.1.bn.weight',
      'mixed_6a.branch0.conv.weight',
      'repeat_1.0.branch1.2.conv.weight',
      'repeat_1.0.conv2d.bias',
      'classif.weight',
    ],
  },
] as const satisfies readonly GradientCase[];

describe.each(CASES)('gradients of the $network.title on $backend', ({ network, backend, parameters }) => {
  const config = testConfig({ batchSize: 4, labelSmoothing: 0.1 });
  const batch = testBatch(network, 4);
  let weights: Map<string, TensorData>;
  let gradients: Map<string, TensorData>;

  beforeAll(async () => {
    await trainingBackend(backend);
    // The recipe weights: batch norm's γ, β are not 1, 0, so every term of its gradient shows.
    const trainer = Trainer.create(network, config, recipeSource(network));
    weights = await trainer.exportWeights();
    gradients = (await trainer.gradients(batch.images, batch.labels)).gradients;
    trainer.dispose();
  });

  /** The loss with `name` moved by `delta`·u. */
  async function lossAlong(name: string, u: Float32Array, delta: number): Promise<number> {
    const moved = new Map(weights);
    const w = weights.get(name)!;
    moved.set(name, { shape: w.shape, data: w.data.map((v, i) => v + delta * u[i]) });
    const trainer = Trainer.create(network, config, tensorSourceFromMap(moved));
    const { loss } = await trainer.gradients(batch.images, batch.labels);
    trainer.dispose();
    return loss;
  }

  it.each(parameters)('%s: the loss changes along the gradient at the rate ‖g‖', async (name) => {
    const g = gradients.get(name)!.data;
    const norm = Math.sqrt(g.reduce((a, v) => a + v * v, 0));
    expect(norm).toBeGreaterThan(1e-3);
    const u = g.map((v) => v / norm);
    const slope = ((await lossAlong(name, u, STEP)) - (await lossAlong(name, u, -STEP))) / (2 * STEP);
    expect(Math.abs(slope - norm)).toBeLessThan(0.015 * norm + 2e-4);
  });
});
