import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { avgPool as avgPoolLayer, conv } from '../../model/builders.ts';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { uniform } from '../weights/recipe.ts';
import { avgPoolDifferentiable, convolveUnfused, fullyConnectedUnfused, samePadding } from './differentiable-ops.ts';
import { avgPool, convolve, fullyConnected } from './ops.ts';
import { maxAbsDifference } from './reference-ops.ts';

const random = (shape: number[], seed: number) =>
  tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => 2 * uniform(seed, i) - 1), shape);

/** ∂/∂x of Σ w ⊙ pool(x) for a mean over in-bounds cells, by definition: each output spreads w/count over its window. */
function expectedPoolGradient(h: number, width: number, k: number, stride: number, w: Float32Array): Float64Array {
  const rows = samePadding(h, k, stride);
  const cols = samePadding(width, k, stride);
  const dx = new Float64Array(h * width);
  const ow = cols.inside.length;
  rows.inside.forEach((rCount, i) => cols.inside.forEach((cCount, j) => {
    for (let y = i * stride - rows.before; y < i * stride - rows.before + k; y++) {
      for (let x = j * stride - cols.before; x < j * stride - cols.before + k; x++) {
        if (y >= 0 && y < h && x >= 0 && x < width) dx[y * width + x] += w[i * ow + j] / (rCount * cCount);
      }
    }
  }));
  return dx;
}

describe.each(['cpu', 'wasm'] as const)('differentiable ops on %s', (backend) => {
  beforeAll(async () => {
    await activateNodeBackend(backend);
  });

  it.each([{ k: 3, stride: 1 }, { k: 3, stride: 2 }, { k: 5, stride: 2 }])('average pool $k×$k s$stride: same values as the forward op, and the right gradient', async ({ k, stride }) => {
    const layer = avgPoolLayer(`${k}x${k}`, { stride });
    const x = random([1, 7, 6, 1], 3) as tf.Tensor4D;
    const plain = avgPool(x, layer);
    const smooth = avgPoolDifferentiable(x, layer);
    expect(smooth.shape).toEqual(plain.shape);
    expect(maxAbsDifference(await smooth.data(), await plain.data())).toBeLessThan(1e-6);
    const w = random(plain.shape, 5);
    const wData = (await w.data()) as Float32Array;
    const expected = expectedPoolGradient(7, 6, k, stride, wData);
    const ours = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(avgPoolDifferentiable(t as tf.Tensor4D, layer), w)))(x);
    expect(maxAbsDifference(await ours.data(), expected)).toBeLessThan(1e-6);
    // Why this exists: tfjs's own AvgPoolGrad divides border windows by k², not by the cells inside.
    const theirs = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(t as tf.Tensor4D, k, stride, 'same'), w)))(x);
    expect(maxAbsDifference(await theirs.data(), expected)).toBeGreaterThan(1e-3);
    tf.dispose([x, plain, smooth, w, ours, theirs]);
  });

  it('convolution and classifier: the fused ops\' values, and input gradients without filter gradients', async () => {
    const layer = conv('3x3', 4, { stride: 2 });
    const weights = { filter: random([3, 3, 2, 4], 7) as tf.Tensor4D, bias: random([4], 8) as tf.Tensor1D };
    const x = random([1, 9, 8, 2], 9) as tf.Tensor4D;
    expect(maxAbsDifference(await convolveUnfused(x, layer, weights).data(), await convolve(x, layer, weights).data())).toBeLessThan(1e-5);
    const fc = { kernel: random([6, 3], 10) as tf.Tensor2D, bias: random([3], 11) as tf.Tensor1D };
    const v = random([2, 6], 12) as tf.Tensor2D;
    expect(maxAbsDifference(await fullyConnectedUnfused(v, fc).data(), await fullyConnected(v, fc).data())).toBeLessThan(1e-5);
    // WASM registers no Conv2DBackpropFilter: the unfused op's input gradient must not need it.
    const g = tf.grad((t: tf.Tensor) => tf.sum(convolveUnfused(t as tf.Tensor4D, layer, weights)))(x);
    expect(g.shape).toEqual([1, 9, 8, 2]);
    expect(Math.max(...(await tf.abs(g).data()))).toBeGreaterThan(0);
  });
});
