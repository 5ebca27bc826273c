import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { uniform } from '../weights/recipe.ts';
import { trainingBackend } from '../../testing/training.ts';
import { batchNormTraining } from './batch-norm.ts';

const SHAPE = [2, 3, 4, 3] as const;
const C = 3;
const size = SHAPE.reduce((a, b) => a * b, 1);
const Z = Float64Array.from({ length: size }, (_, i) => 3 * uniform(1, i) - 1 + (i % C));
const GAMMA = [0.7, 1.3, -0.4];
const BETA = [0.1, -0.2, 0.3];
const W = Float64Array.from({ length: size }, (_, i) => 2 * uniform(2, i) - 1);
const EPS = 1e-3;

/** Σ w ⊙ BN(z) (ReLU after it if `relu`) in float64, written from the definition (not from the gradient formula). */
function objective(z: ArrayLike<number>, gamma: number[], beta: number[], relu = false): number {
  const n = z.length / C;
  let total = 0;
  for (let c = 0; c < C; c++) {
    let mean = 0;
    for (let i = c; i < z.length; i += C) mean += z[i] / n;
    let variance = 0;
    for (let i = c; i < z.length; i += C) variance += (z[i] - mean) ** 2 / n;
    for (let i = c; i < z.length; i += C) {
      const y = (gamma[c] * (z[i] - mean)) / Math.sqrt(variance + EPS) + beta[c];
      total += W[i] * (relu ? Math.max(0, y) : y);
    }
  }
  return total;
}

/** Central differences of the float64 objective: the gradient by definition. */
function numericGradient(which: 'z' | 'gamma' | 'beta', relu = false): number[] {
  const base = { z: Array.from(Z), gamma: [...GAMMA], beta: [...BETA] };
  const h = 1e-6;
  return base[which].map((_, i) => {
    const at = (d: number) => {
      const v = { z: [...base.z], gamma: [...base.gamma], beta: [...base.beta] };
      v[which][i] += d;
      return objective(v.z, v.gamma, v.beta, relu);
    };
    return (at(h) - at(-h)) / (2 * h);
  });
}

describe.each(['cpu', 'wasm'] as const)('batch norm in training mode on %s', (backend) => {
  beforeAll(async () => {
    await trainingBackend(backend);
  });

  it('normalises with the batch statistics, returns them, and has the gradient of its definition', async () => {
    const z = tf.tensor4d(Float32Array.from(Z), [...SHAPE]);
    const gamma = tf.tensor1d(GAMMA);
    const beta = tf.tensor1d(BETA);
    const w = tf.tensor4d(Float32Array.from(W), [...SHAPE]);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.tidy(() => {
      const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const r = batchNormTraining(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, EPS);
        tf.dispose([r.mean, r.variance]);
        return tf.sum(tf.mul(r.y, w)) as tf.Scalar;
      };
      return tf.valueAndGrads(f)([z, gamma, beta]);
    });
    expect(tf.memory().numTensors).toBe(before + 4);
    expect((await value.data())[0]).toBeCloseTo(objective(Z, GAMMA, BETA), 4);
    // Float32 against float64 central differences (h = 1e-6, error ~1e-9): measured ≤ 5.3e-7.
    expect(maxAbsDifference(await grads[0].data(), numericGradient('z'))).toBeLessThan(1e-6);
    expect(maxAbsDifference(await grads[1].data(), numericGradient('gamma'))).toBeLessThan(1e-6);
    expect(maxAbsDifference(await grads[2].data(), numericGradient('beta'))).toBeLessThan(1e-6);
    expect(Math.max(...(await grads[0].data()).map(Math.abs))).toBeGreaterThan(0.1);

    const { y, mean, variance } = batchNormTraining(z, gamma, beta, EPS);
    const channel = (c: number) => Array.from(Z).filter((_, i) => i % C === c);
    const m = Array.from({ length: C }, (_, c) => channel(c).reduce((a, b) => a + b, 0) / (size / C));
    const v = m.map((mc, c) => channel(c).reduce((a, b) => a + (b - mc) ** 2, 0) / (size / C));
    expect(maxAbsDifference(await mean.data(), m)).toBeLessThan(1e-6);
    expect(maxAbsDifference(await variance.data(), v)).toBeLessThan(1e-6);
    const expected = Array.from(
      Z,
      (zi, i) => (GAMMA[i % C] * (zi - m[i % C])) / Math.sqrt(v[i % C] + EPS) + BETA[i % C],
    );
    expect(maxAbsDifference(await y.data(), expected)).toBeLessThan(2e-6);
    tf.dispose([z, gamma, beta, w, value, ...grads, y, mean, variance]);
  });

  it('with the ReLU fused in, is ReLU of the same values with the gradient of that definition', async () => {
    const z = tf.tensor4d(Float32Array.from(Z), [...SHAPE]);
    const gamma = tf.tensor1d(GAMMA);
    const beta = tf.tensor1d(BETA);
    const w = tf.tensor4d(Float32Array.from(W), [...SHAPE]);
    const { value, grads, zeros } = tf.tidy(() => {
      const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const r = batchNormTraining(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, EPS, true);
        tf.dispose([r.mean, r.variance]);
        return tf.sum(tf.mul(r.y, w)) as tf.Scalar;
      };
      const r = batchNormTraining(z, gamma, beta, EPS, true);
      return { ...tf.valueAndGrads(f)([z, gamma, beta]), zeros: tf.sum(tf.cast(tf.equal(r.y, 0), 'float32')) };
    });
    // Some units are cut off (their gradient paths closed), not all.
    const cut = (await zeros.data())[0];
    expect(cut).toBeGreaterThan(5);
    expect(cut).toBeLessThan(size - 5);
    expect((await value.data())[0]).toBeCloseTo(objective(Z, GAMMA, BETA, true), 4);
    expect(maxAbsDifference(await grads[0].data(), numericGradient('z', true))).toBeLessThan(1e-6);
    expect(maxAbsDifference(await grads[1].data(), numericGradient('gamma', true))).toBeLessThan(1e-6);
    expect(maxAbsDifference(await grads[2].data(), numericGradient('beta', true))).toBeLessThan(1e-6);
    tf.dispose([z, gamma, beta, w, value, ...grads, zeros]);
  });
});
