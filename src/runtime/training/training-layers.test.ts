import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import type { Conv, Dense, Dropout } from '../../model/types.ts';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { uniform } from '../weights/recipe.ts';
import { recipeSource, tinyNetwork } from '../../testing/tiny-network.ts';
import { TrainableParameters } from './parameters.ts';
import { NetworkTrainingLayers } from './training-layers.ts';

const analysis = analyzeNetwork(tinyNetwork);
const node = <T>(address: string) => analysis.byAddress.get(address)!.node as T;
const random = (shape: number[], seed: number) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => 2 * uniform(seed, i) - 1),
    shape,
  );

/** Per channel of z [N, H, W, C]: mean, biased and unbiased variance, in float64. */
function statistics(z: Float32Array, channels: number) {
  const n = z.length / channels;
  const mean = Array.from({ length: channels }, (_, c) => {
    let s = 0;
    for (let i = c; i < z.length; i += channels) s += z[i];
    return s / n;
  });
  const biased = mean.map((m, c) => {
    let s = 0;
    for (let i = c; i < z.length; i += channels) s += (z[i] - m) ** 2;
    return s / n;
  });
  return { mean, biased, unbiased: biased.map((v) => (v * n) / (n - 1)) };
}

describe.each(['cpu', 'wasm'] as const)('training layers on %s', (backend) => {
  let parameters: TrainableParameters;
  let x: tf.Tensor4D;
  let z: Float32Array;
  const stem = node<Conv>('stem/0');
  beforeAll(async () => {
    await activateNodeBackend(backend);
    // The recipe's γ, β and running statistics are not 1, 0, 0, 1: each term of the formulas shows.
    parameters = TrainableParameters.create(analysis, 1, recipeSource(tinyNetwork));
    x = random([2, 17, 17, 3], 5) as tf.Tensor4D;
    const p = parameters.layer('stem/0');
    z = (await tf.conv2d(x, p.weight as tf.Tensor as tf.Tensor4D, stem.stride, stem.padding).data()) as Float32Array;
  });
  afterAll(() => {
    parameters.dispose();
    x.dispose();
  });

  const read = async (v?: tf.Variable) => Array.from(await v!.data());

  it("batch norm in training: batch statistics normalise; the averages take 0.1 of the batch's", async () => {
    const p = parameters.layer('stem/0');
    const [gamma, beta, mean0, var0] = await Promise.all([p.gamma, p.beta, p.runningMean, p.runningVar].map(read));
    const s = statistics(z, 8);
    const layers = new NetworkTrainingLayers(parameters, { normalise: 'batch', updateStatistics: true });
    const y = layers.conv(x, stem, 'stem/0');
    const expected = Array.from(z, (v, i) => {
      const c = i % 8;
      return Math.max(0, (gamma[c] * (v - s.mean[c])) / Math.sqrt(s.biased[c] + 1e-3) + beta[c]);
    });
    // Float32 against float64 at outputs up to 3.6: measured ≤ 5.6e-7.
    expect(maxAbsDifference(await y.data(), expected)).toBeLessThan(2e-6);
    // At least one channel is far from normalised by the running statistics: the batch's were used.
    expect(Math.max(...s.mean.map((m, c) => Math.abs(m - mean0[c])))).toBeGreaterThan(0.1);
    // The averages change when the step commits them (after its loss proved finite), not before.
    expect(await read(p.runningMean)).toEqual(mean0);
    layers.commitStatistics();
    const mean1 = mean0.map((m, c) => 0.9 * m + 0.1 * s.mean[c]);
    const var1 = var0.map((v, c) => 0.9 * v + 0.1 * s.unbiased[c]);
    expect(maxAbsDifference(await read(p.runningMean), mean1)).toBeLessThan(1e-6);
    expect(maxAbsDifference(await read(p.runningVar), var1)).toBeLessThan(1e-5);
    // Without updating, the averages stay.
    const kept = [await read(p.runningMean), await read(p.runningVar)];
    const frozen = new NetworkTrainingLayers(parameters, { normalise: 'batch', updateStatistics: false });
    const again = frozen.conv(x, stem, 'stem/0');
    expect(maxAbsDifference(await again.data(), await y.data())).toBe(0);
    frozen.commitStatistics();
    expect([await read(p.runningMean), await read(p.runningVar)]).toEqual(kept);
    // Discarded (a step with a NaN loss), they stay too, and nothing is left behind.
    const before = tf.memory().numTensors;
    const discarded = new NetworkTrainingLayers(parameters, { normalise: 'batch', updateStatistics: true });
    discarded.conv(x, stem, 'stem/0').dispose();
    discarded.discardStatistics();
    expect([await read(p.runningMean), await read(p.runningVar)]).toEqual(kept);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([y, again]);
  });

  it('batch norm in evaluation: the moving averages normalise', async () => {
    const p = parameters.layer('stem/0');
    const [gamma, beta, mean, variance] = await Promise.all([p.gamma, p.beta, p.runningMean, p.runningVar].map(read));
    const layers = new NetworkTrainingLayers(parameters, { normalise: 'running', updateStatistics: true });
    const y = layers.conv(x, stem, 'stem/0');
    layers.commitStatistics();
    const expected = Array.from(z, (v, i) => {
      const c = i % 8;
      return Math.max(0, (gamma[c] * (v - mean[c])) / Math.sqrt(variance[c] + 1e-3) + beta[c]);
    });
    expect(maxAbsDifference(await y.data(), expected)).toBeLessThan(2e-6);
    expect(await read(p.runningMean)).toEqual(mean);
    y.dispose();
  });

  it('a projection adds its bias and keeps its linear activation; the classifier is x·W + b', async () => {
    const layers = new NetworkTrainingLayers(parameters, { normalise: 'batch', updateStatistics: false });
    const projection = parameters.layer('block/0/0/1');
    const input = random([2, 8, 8, 8], 6) as tf.Tensor4D;
    const y = layers.conv(input, node<Conv>('block/0/0/1'), 'block/0/0/1');
    const plain = tf.add(tf.conv2d(input, projection.weight as tf.Tensor as tf.Tensor4D, 1, 'same'), projection.bias!);
    expect(maxAbsDifference(await y.data(), await plain.data())).toBe(0);
    expect(Math.min(...(await y.data()))).toBeLessThan(0);
    const fc = parameters.layer('head/2');
    const v = random([3, 16], 7) as tf.Tensor2D;
    const logits = layers.dense(v, node<Dense>('head/2'), 'head/2');
    const [vs, ws, bs] = [await v.data(), await fc.weight.data(), await fc.bias!.data()];
    const expected = Array.from({ length: 30 }, (_, k) => {
      const [n, o] = [Math.floor(k / 10), k % 10];
      return bs[o] + Array.from({ length: 16 }, (_, i) => vs[n * 16 + i] * ws[i * 10 + o]).reduce((a, b) => a + b, 0);
    });
    expect(maxAbsDifference(await logits.data(), expected)).toBeLessThan(1e-5);
    tf.dispose([input, y, plain, v, logits]);
  });

  it('dropout: inactive without a seed; with one, keeps 80% scaled by 1/0.8, the same mask for a seed', async () => {
    const layer = node<Dropout>('head/1');
    const v = tf.add(tf.abs(random([64, 256], 8)), 0.1);
    const off = new NetworkTrainingLayers(parameters, { normalise: 'batch', updateStatistics: false });
    expect(off.dropout(v, layer, 'head/1')).toBe(v);
    const masked = (seed: number) =>
      new NetworkTrainingLayers(parameters, { normalise: 'batch', updateStatistics: false, dropoutSeed: seed }).dropout(
        v,
        layer,
        'head/1',
      );
    const [a, b, c] = [masked(3), masked(3), masked(4)];
    const [va, vb, vc, vv] = await Promise.all([a, b, c, v].map((t) => t.data()));
    expect(va).toEqual(vb);
    expect(maxAbsDifference(va, vc)).toBeGreaterThan(0);
    const zeros = va.filter((e) => e === 0).length / va.length;
    // 16,384 draws: the standard error of the dropped fraction is 0.003.
    expect(Math.abs(zeros - 0.2)).toBeLessThan(0.015);
    const kept = Array.from(va).filter((e) => e !== 0);
    expect(
      maxAbsDifference(
        kept,
        Array.from(vv)
          .filter((_, i) => va[i] !== 0)
          .map((e) => e / 0.8),
      ),
    ).toBeLessThan(1e-6);
    tf.dispose([v, a, b, c]);
  });
});
