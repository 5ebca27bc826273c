import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { uniform } from '../weights/recipe.ts';
import { trainingBackend } from '../../testing/training.ts';
import { biasTraining, channelAffine, channelMeans } from './channel-ops.ts';

const SHAPE = [3, 4, 5, 3] as const;
const C = 3;
const size = SHAPE.reduce((a, b) => a * b, 1);
const Z = Float32Array.from({ length: size }, (_, i) => 2 * uniform(5, i) - 1 + 0.3 * (i % C));
const W = Float32Array.from({ length: size }, (_, i) => 2 * uniform(6, i) - 1);
const SCALE = [0.5, -2, 1.5];
const SHIFT = [0.25, 0.1, -0.6];

describe.each(['cpu', 'wasm'] as const)('per-channel ops on %s', (backend) => {
  beforeAll(async () => {
    await trainingBackend(backend);
  });

  it('take the mean over N, H, W and map each channel by scale and shift, with and without ReLU', async () => {
    const z = tf.tensor4d(Z, [...SHAPE]);
    const means = channelMeans(z);
    const channel = (c: number) => Array.from(Z).filter((_, i) => i % C === c);
    const expected = [0, 1, 2].map((c) => channel(c).reduce((a, b) => a + b) / (size / C));
    expect(maxAbsDifference(await means.data(), expected)).toBeLessThan(1e-6);
    const scale = tf.tensor1d(SCALE);
    const shift = tf.tensor1d(SHIFT);
    const affine = Array.from(Z, (v, i) => v * SCALE[i % C] + SHIFT[i % C]);
    const linear = channelAffine(z, scale, shift, false);
    const relu = channelAffine(z, scale, shift, true);
    const unshifted = channelAffine(z, scale, undefined, false);
    expect(maxAbsDifference(await linear.data(), affine)).toBeLessThan(1e-6);
    expect(
      maxAbsDifference(
        await relu.data(),
        affine.map((v) => Math.max(0, v)),
      ),
    ).toBeLessThan(1e-6);
    expect(affine.some((v) => v < -0.1)).toBe(true);
    expect(
      maxAbsDifference(
        await unshifted.data(),
        Array.from(Z, (v, i) => v * SCALE[i % C]),
      ),
    ).toBeLessThan(1e-6);
    tf.dispose([z, means, scale, shift, linear, relu, unshifted]);
  });

  it.each([false, true])('adds a bias (ReLU after it: %s) with the gradient of tf.add and tf.relu', async (relu) => {
    const z = tf.tensor4d(Z, [...SHAPE]);
    const bias = tf.tensor1d(SHIFT);
    const w = tf.tensor4d(W, [...SHAPE]);
    const objective = (f: (a: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor) =>
      tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor4D, b as tf.Tensor1D), w)))([
        z,
        bias,
      ]);
    const ours = objective((a, b) => biasTraining(a, b, relu));
    const reference = objective((a, b) => (relu ? tf.relu(tf.add(a, b)) : tf.add(a, b)));
    expect((await ours.value.data())[0]).toBeCloseTo((await reference.value.data())[0], 5);
    expect(maxAbsDifference(await ours.grads[0].data(), await reference.grads[0].data())).toBe(0);
    expect(maxAbsDifference(await ours.grads[1].data(), await reference.grads[1].data())).toBeLessThan(1e-5);
    // The ReLU closes some gradient paths: the bias's gradient differs from the unmasked sum.
    if (relu) expect((await ours.grads[0].data()).filter((v) => v === 0).length).toBeGreaterThan(3);
    tf.dispose([z, bias, w, ours.value, ...ours.grads, reference.value, ...reference.grads]);
  });
});
