import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { inceptionResNetV2Paper } from '../../model/networks/inception-resnet-v2.ts';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { tensorSourceFromMap, type TensorData, type TensorSource } from '../weights/types.ts';
import { buildExecutor, ExecutorInputError, type NetworkExecutor } from './network.ts';
import { maxAbsDifference, referenceConv2d } from './reference-ops.ts';
import { recipeSource, tinyInput, tinyNetwork } from '../../testing/tiny-network.ts';

const source = recipeSource(tinyNetwork);

function build(network = tinyNetwork, weights: TensorSource = source, until?: string): NetworkExecutor {
  const built = buildExecutor(network, weights, until ? { until } : {});
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'));
  return built.executor;
}

async function read(t: tf.Tensor): Promise<Float32Array> {
  return (await t.data()) as Float32Array;
}

/** Runs and downloads everything, disposing all tensors. */
async function runOnce(
  executor: NetworkExecutor,
  input: Float32Array,
  size: number,
  capture: string[] = [],
  batch = 1,
) {
  const x = tf.tensor4d(input, [batch, size, size, 3]);
  const { output, activations } = executor.run(x, { capture });
  const result = { output: await read(output), shape: output.shape, activations: new Map<string, Float32Array>() };
  for (const [address, t] of activations) result.activations.set(address, await read(t));
  tf.dispose([x, output, ...activations.values()]);
  return result;
}

function tensor(name: string): TensorData {
  const t = source.get(name);
  if (!t) throw new Error(`test weights lack ${name}`);
  return t;
}

describe.each(['cpu', 'wasm'] as const)('NetworkExecutor on %s', (backend) => {
  let executor: NetworkExecutor;
  const input = tinyInput();
  beforeAll(async () => {
    await activateNodeBackend(backend);
    executor = build();
  });
  afterAll(() => executor.dispose());

  it('computes a batch-norm conv as conv → batch norm (eps 1e-3) → ReLU', async () => {
    const { activations } = await runOnce(executor, input, 17, ['stem/0']);
    const w = tensor('stem_a.conv.weight');
    const [o, i, kh, kw] = w.shape;
    const hwio = new Float32Array(w.data.length);
    for (let a = 0; a < o; a++)
      for (let b = 0; b < i; b++)
        for (let y = 0; y < kh; y++)
          for (let x = 0; x < kw; x++) {
            hwio[((y * kw + x) * i + b) * o + a] = w.data[((a * i + b) * kh + y) * kw + x];
          }
    const conv = referenceConv2d(
      { shape: [17, 17, 3], data: input },
      { shape: [kh, kw, i, o], data: hwio },
      new Float64Array(o),
      2,
      'valid',
      false,
    );
    const [gamma, beta, mean, variance] = ['weight', 'bias', 'running_mean', 'running_var'].map(
      (p) => tensor(`stem_a.bn.${p}`).data,
    );
    const expected = conv.data.map((v, k) => {
      const c = k % o;
      return Math.max(0, ((v - mean[c]) / Math.sqrt(variance[c] + 1e-3)) * gamma[c] + beta[c]);
    });
    expect(maxAbsDifference(activations.get('stem/0')!, expected)).toBeLessThan(1e-5);
  });

  it('concatenates branch outputs along channels in branch order', async () => {
    const { activations } = await runOnce(executor, input, 17, ['mixed/0', 'mixed/1', 'mixed/2', 'mixed']);
    const parts = [
      ['mixed/0', 6],
      ['mixed/1', 2],
      ['mixed/2', 8],
    ] as const;
    const mixed = activations.get('mixed')!;
    expect(mixed.length).toBe(8 * 8 * 16);
    for (let cell = 0; cell < 64; cell++) {
      let c = 0;
      for (const [address, width] of parts) {
        const part = activations.get(address)!;
        for (let k = 0; k < width; k++) expect(mixed[cell * 16 + c++]).toBe(part[cell * width + k]);
      }
    }
  });

  it('adds scaled residuals: relu(x + 0.3·r), and x + 1·r without ReLU in the last block', async () => {
    const { activations } = await runOnce(executor, input, 17, [
      'mixed',
      'block/0/0',
      'block/0',
      'block/1',
      'block-final/0',
      'block-final',
    ]);
    const check = (x: Float32Array, r: Float32Array, y: Float32Array, scale: number, relu: boolean) => {
      const expected = x.map((v, k) => (relu ? Math.max(0, v + scale * r[k]) : v + scale * r[k]));
      expect(maxAbsDifference(y, expected)).toBeLessThan(1e-5);
    };
    check(activations.get('mixed')!, activations.get('block/0/0')!, activations.get('block/0')!, 0.3, true);
    const final = activations.get('block-final')!;
    check(activations.get('block/1')!, activations.get('block-final/0')!, final, 1, false);
    expect(Math.min(...final)).toBeLessThan(0);
  });

  it('pools globally and applies the classifier as x·Wᵀ + b (PyTorch Linear)', async () => {
    const { output, shape, activations } = await runOnce(executor, input, 17, ['block-final', 'head/0']);
    expect(shape).toEqual([1, 10]);
    const features = activations.get('block-final')!;
    const pooled = Array.from({ length: 16 }, (_, c) => {
      let s = 0;
      for (let cell = 0; cell < 64; cell++) s += features[cell * 16 + c];
      return s / 64;
    });
    expect(maxAbsDifference(activations.get('head/0')!, pooled)).toBeLessThan(1e-5);
    const w = tensor('fc.weight').data;
    const b = tensor('fc.bias').data;
    const logits = Array.from(
      { length: 10 },
      (_, k) => b[k] + pooled.reduce((acc, v, c) => acc + v * w[k * 16 + c], 0),
    );
    expect(maxAbsDifference(output, logits)).toBeLessThan(1e-5);
  });

  it('runs any input size the network accepts, and batches', async () => {
    const small = await runOnce(executor, tinyInput(11), 11);
    expect(small.shape).toEqual([1, 10]);
    const single = await runOnce(executor, input, 17);
    const batch = new Float32Array(2 * input.length);
    batch.set(tinyInput().reverse(), 0);
    batch.set(input, input.length);
    const pair = await runOnce(executor, batch, 17, [], 2);
    expect(pair.shape).toEqual([2, 10]);
    expect(maxAbsDifference(pair.output.subarray(10), single.output)).toBeLessThan(1e-5);
    expect(maxAbsDifference(small.output, single.output)).toBeGreaterThan(1e-4);
  });

  it('rejects inputs it cannot take with a clear message', () => {
    const run = (shape: number[]) => () =>
      tf.tidy(() => {
        executor.run(tf.zeros(shape) as unknown as tf.Tensor4D);
      });
    expect(run([1, 17, 17, 1])).toThrow(ExecutorInputError);
    expect(run([1, 17, 17, 1])).toThrow('the input has 1 channels; Tiny test network takes 3');
    expect(run([17, 17, 3])).toThrow('must be a batch of images [N, H, W, 3], got shape [17, 17, 3]');
    expect(run([1, 2, 2, 3])).toThrow(/cannot take a 2×2 input/);
    expect(() =>
      tf.tidy(() => {
        executor.run(tf.zeros([1, 17, 17, 3]), { capture: ['nowhere/9'] });
      }),
    ).toThrow('cannot capture "nowhere/9": no node has this address');
  });

  it('leaks no tensors: the count after 50 runs equals the count after 1', async () => {
    const x = tf.tensor4d(input, [1, 17, 17, 3]);
    const once = () => {
      const { output, activations } = executor.run(x, { capture: ['mixed', 'block', 'block/1'] });
      tf.dispose([output, ...activations.values()]);
    };
    once();
    const after1 = tf.memory().numTensors;
    for (let i = 0; i < 49; i++) once();
    expect(tf.memory().numTensors).toBe(after1);
    x.dispose();
  });

  it("returns a node's output when built until it, uploading only the weights before it", async () => {
    const partial = build(tinyNetwork, source, 'block/0');
    try {
      const full = await runOnce(executor, input, 17, ['block/0']);
      const part = await runOnce(partial, input, 17, ['mixed']);
      expect(part.shape).toEqual([1, 8, 8, 16]);
      expect(maxAbsDifference(part.output, full.activations.get('block/0')!)).toBe(0);
      expect(part.activations.get('mixed')!.length).toBe(8 * 8 * 16);
      expect(partial.weightBytes).toBeLessThan(executor.weightBytes);
      for (const address of ['block/1', 'block', 'head/2']) {
        // Later nodes, and the repeat holding the stop node, are never computed.
        expect(() =>
          tf.tidy(() => {
            partial.run(tf.zeros([1, 17, 17, 3]), { capture: [address] });
          }),
        ).toThrow(`cannot capture "${address}": this executor stops at "block/0"`);
      }
    } finally {
      partial.dispose();
    }
  });
});

describe('buildExecutor problems', () => {
  beforeAll(async () => {
    await activateNodeBackend('cpu');
  });

  it('lists missing and misshapen tensors by name, and uploads nothing', () => {
    const map = new Map(source.names().map((n) => [n, source.get(n)!]));
    map.delete('repeat.1.branch1.1.conv.weight');
    map.set('fc.weight', { shape: [10, 15], data: new Float32Array(150) });
    const before = tf.memory().numTensors;
    const built = buildExecutor(tinyNetwork, tensorSourceFromMap(map));
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => p.message)).toEqual([
      'tensor repeat.1.branch1.1.conv.weight is missing from the weights',
      'tensor fc.weight has shape [10, 15] but the network expects [10, 16]',
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a tensor whose data does not fill its shape', () => {
    const map = new Map(source.names().map((n) => [n, source.get(n)!]));
    map.set('mixed.branch0.bn.running_var', { shape: [6], data: new Float32Array(5) });
    const built = buildExecutor(tinyNetwork, tensorSourceFromMap(map));
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.problems[0].message).toMatch(/mixed\.branch0.*holds 5 values/);
  });

  it("reports the paper variant's shape problems and its unfixed residual scale", () => {
    const built = buildExecutor(inceptionResNetV2Paper, tensorSourceFromMap(new Map()));
    expect(built.ok).toBe(false);
    if (built.ok) return;
    const messages = built.problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/1152 vs 1154/);
    expect(messages).toMatch(/residual scale .* is the paper's range 0.1–0.3/);
    expect(messages).toMatch(/no checkpoint key/);
  });

  it('reports an unknown stopping node', () => {
    const built = buildExecutor(tinyNetwork, source, { until: 'mixed/7' });
    expect(built.ok).toBe(false);
    if (!built.ok)
      expect(built.problems).toEqual([{ address: 'mixed/7', message: 'no node has the address "mixed/7"' }]);
  });

  it('frees every weight on dispose', () => {
    const before = tf.memory().numTensors;
    const executor = build();
    const layers = analyzeNetwork(tinyNetwork).stages.length;
    expect(tf.memory().numTensors).toBeGreaterThan(before + layers);
    executor.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
