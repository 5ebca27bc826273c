import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointTensor } from '../../model/analysis/checkpoint.ts';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { checkTrainingConfig, learningRateAt, PAPER_OPTIMIZER, PAPER_SCHEDULE, type TrainingConfig } from './config.ts';
import { addWeightDecay, clipByGlobalNorm, globalNorm } from './gradient-transforms.ts';
import { Optimizer, slotName } from './optimizers.ts';
import type { Parameter } from './parameters.ts';

/** A conv weight [O=2, I=1, 1, 2] (memory HWIO [1, 2, 1, 2]) and a bias [2]. */
const TENSORS: CheckpointTensor[] = [
  { name: 'c.conv.weight', shape: [2, 1, 1, 2], kind: 'conv_weight', address: 'c' },
  { name: 'c.bias', shape: [2], kind: 'conv_bias', address: 'c' },
];
const START = [
  [0.5, -1, 2, 0.25],
  [0.1, -0.2],
];
const GRADIENTS = [
  [
    [0.3, -0.6, 1.2, 0],
    [2, -0.5],
  ],
  [
    [-0.1, 0.4, 0.2, 3],
    [0, 1],
  ],
  [
    [1, 1, -1, 0.5],
    [0.25, -4],
  ],
];

let created: Parameter[] = [];
function parameters(): Parameter[] {
  created = TENSORS.map((tensor, i) => ({
    tensor,
    variable: tf.variable(tf.tensor(START[i], i === 0 ? [1, 2, 1, 2] : [2]), true),
    trainable: true,
    decays: i === 0,
  }));
  return created;
}
afterEach(() => tf.dispose(created.map((p) => p.variable)));

/** The update rules in float64, element by element. */
function reference(kind: 'rmsprop' | 'sgd' | 'nesterov', lr: number): number[][] {
  const theta = START.map((t) => [...t]);
  const a = START.map((t) => t.map(() => 0));
  const b = START.map((t) => t.map(() => 0));
  for (const step of GRADIENTS) {
    step.forEach((g, p) =>
      g.forEach((gi, i) => {
        if (kind === 'rmsprop') {
          a[p][i] = 0.9 * a[p][i] + 0.1 * gi * gi;
          b[p][i] = 0.8 * b[p][i] + (lr * gi) / Math.sqrt(a[p][i] + 1);
          theta[p][i] -= b[p][i];
        } else {
          a[p][i] = 0.7 * a[p][i] + gi;
          theta[p][i] -= lr * (kind === 'nesterov' ? gi + 0.7 * a[p][i] : a[p][i]);
        }
      }),
    );
  }
  return theta;
}

describe.each(['cpu', 'wasm'] as const)('optimisers on %s', (backend) => {
  beforeAll(async () => {
    await activateNodeBackend(backend);
  });

  it.each(['rmsprop', 'sgd', 'nesterov'] as const)('%s: three steps as the update rule says', async (kind) => {
    const lr = 0.05;
    const optimizer = new Optimizer(
      kind === 'rmsprop'
        ? { kind: 'rmsprop', learningRate: lr, decay: 0.9, epsilon: 1, momentum: 0.8 }
        : { kind: 'sgd', learningRate: lr, momentum: 0.7, nesterov: kind === 'nesterov' },
      parameters(),
    );
    for (const step of GRADIENTS) {
      const g = step.map((values, i) => tf.tensor(values, created[i].variable.shape));
      optimizer.apply(g, lr);
      tf.dispose(g);
    }
    const want = reference(kind, lr);
    for (let i = 0; i < 2; i++) expect(maxAbsDifference(await created[i].variable.data(), want[i])).toBeLessThan(1e-6);
    // Not a no-op: the parameters moved.
    expect(maxAbsDifference(await created[0].variable.data(), START[0])).toBeGreaterThan(0.01);
    optimizer.dispose();
  });

  it('exports its state in PyTorch layout under "<tensor>#<slot>" and restores it', async () => {
    const optimizer = new Optimizer(PAPER_OPTIMIZER, parameters());
    const g = GRADIENTS[0].map((values, i) => tf.tensor(values, created[i].variable.shape));
    optimizer.apply(g, 0.045);
    const state = await optimizer.state();
    expect([...state.keys()]).toEqual([
      slotName('c.conv.weight', 'rms'),
      slotName('c.conv.weight', 'momentum'),
      'c.bias#rms',
      'c.bias#momentum',
    ]);
    // ms = 0.1·g², in OIHW: memory HWIO [1, 2, 1, 2] holds (h, w, i, o) = g[w·2 + o]; OIHW index o·2 + w.
    const ms = state.get('c.conv.weight#rms')!;
    expect(ms.shape).toEqual([2, 1, 1, 2]);
    const g0 = GRADIENTS[0][0];
    const squares = [g0[0], g0[2], g0[1], g0[3]].map((g) => 0.1 * g ** 2);
    expect(maxAbsDifference(ms.data, squares)).toBeLessThan(1e-7);
    const fresh = new Optimizer(PAPER_OPTIMIZER, created);
    fresh.restore(state);
    expect(await fresh.state()).toEqual(state);
    const broken = new Map(state);
    broken.delete('c.bias#rms');
    broken.set('c.bias#momentum', { shape: [3], data: new Float32Array(3) });
    expect(() => fresh.restore(broken)).toThrow(/c.bias#rms is missing\n- c.bias#momentum has shape \[3\]/);
    tf.dispose(g);
    optimizer.dispose();
    fresh.dispose();
  });

  it('clips by the global norm, and adds weight decay to the weights that decay', async () => {
    const g = [tf.tensor1d([3, 0]), tf.tensor1d([0, 4])];
    const norm = globalNorm(g);
    expect((await norm.data())[0]).toBeCloseTo(5, 6);
    const clipped = clipByGlobalNorm(g, norm, 2.5);
    expect(Array.from(await clipped[0].data())).toEqual([1.5, 0]);
    const unclipped = clipByGlobalNorm(g, norm, 10);
    expect(Array.from(await unclipped[1].data())).toEqual([0, 4]);
    const w = [tf.tensor1d([1, -2]), tf.tensor1d([5, 5])];
    const decayed = addWeightDecay(g, w, [true, false], 0.5);
    expect(Array.from(await decayed[0].data())).toEqual([3.5, -1]);
    expect(Array.from(await decayed[1].data())).toEqual([0, 4]);
    tf.dispose([...g, norm, ...clipped, ...unclipped, ...w, ...decayed]);
  });
});

describe('training settings', () => {
  const base: TrainingConfig = {
    optimizer: PAPER_OPTIMIZER,
    schedule: PAPER_SCHEDULE,
    batchSize: 32,
    epochs: 10,
    seed: 1,
    augment: true,
    dropout: true,
  };

  it("the paper's schedule: 0.045 · 0.94^⌊epoch/2⌋", () => {
    expect(learningRateAt(base, 0)).toBe(0.045);
    expect(learningRateAt(base, 1)).toBe(0.045);
    expect(learningRateAt(base, 2)).toBeCloseTo(0.045 * 0.94, 12);
    expect(learningRateAt(base, 7)).toBeCloseTo(0.045 * 0.94 ** 3, 12);
    expect(learningRateAt({ ...base, schedule: { kind: 'constant' } }, 7)).toBe(0.045);
  });

  it('names every bad setting', () => {
    expect(checkTrainingConfig(base)).toEqual([]);
    const bad = checkTrainingConfig({
      ...base,
      batchSize: 0,
      labelSmoothing: 1,
      clipNorm: -1,
      seed: 1.5,
      optimizer: { ...PAPER_OPTIMIZER, epsilon: 0 } as TrainingConfig['optimizer'],
      schedule: { kind: 'exponential', rate: 1.5, everyEpochs: 2 },
    });
    expect(bad).toEqual([
      'RMSProp ε must be > 0 (the paper: 1.0), got 0',
      "the schedule's rate must be in (0, 1] (the paper: 0.94), got 1.5",
      'clipNorm must be > 0, got -1',
      'labelSmoothing must be in [0, 1), got 1',
      'batchSize must be a whole number ≥ 1, got 0',
      'seed must be a whole number in [0, 2³²), got 1.5',
    ]);
    expect(
      checkTrainingConfig({ ...base, optimizer: { kind: 'adam' } as unknown as TrainingConfig['optimizer'] }),
    ).toEqual(['optimizer.kind must be "rmsprop" or "sgd", got "adam"']);
  });
});
