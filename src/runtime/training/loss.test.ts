import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { ensureGradients } from '../inside/gradient-support.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { checkLabels, crossEntropy, top1Errors } from './loss.ts';

const LOGITS = [
  [2, -1, 0.5, 0],
  [0.1, 0.2, 3, -2],
  [-1, -1, -1, 4],
];
const LABELS = [0, 3, 3];

/** −mean_n Σ_k target_k·log softmax_k, in float64. */
function expected(ls: number): { loss: number; gradient: number[][] } {
  const K = 4;
  const N = LOGITS.length;
  let loss = 0;
  const gradient = LOGITS.map((row, n) => {
    const max = Math.max(...row);
    const sum = row.reduce((a, v) => a + Math.exp(v - max), 0);
    const p = row.map((v) => Math.exp(v - max) / sum);
    const target = row.map((_, k) => (1 - ls) * (k === LABELS[n] ? 1 : 0) + ls / K);
    loss -= target.reduce((a, t, k) => a + t * Math.log(p[k]), 0) / N;
    return p.map((pk, k) => (pk - target[k]) / N);
  });
  return { loss, gradient };
}

describe.each(['cpu', 'wasm'] as const)('the loss on %s', (backend) => {
  beforeAll(async () => {
    await activateNodeBackend(backend);
    await ensureGradients();
  });

  it.each([0, 0.1])('mean softmax cross-entropy with label smoothing %s, and its gradient', async (ls) => {
    const logits = tf.tensor2d(LOGITS);
    const labels = tf.tensor1d(LABELS, 'int32');
    const loss = (l: tf.Tensor) => crossEntropy(l as tf.Tensor2D, labels, ls);
    const { value, grad: grads } = tf.valueAndGrad(loss)(logits);
    const want = expected(ls);
    expect((await value.data())[0]).toBeCloseTo(want.loss, 6);
    expect(maxAbsDifference(await grads.data(), want.gradient.flat())).toBeLessThan(1e-6);
    tf.dispose([logits, labels, value, grads]);
  });

  it('counts the top-1 errors', async () => {
    const errors = top1Errors(tf.tensor2d(LOGITS), tf.tensor1d(LABELS, 'int32'));
    expect((await errors.data())[0]).toBe(1);
    errors.dispose();
  });

  it('names a label outside the classes', () => {
    expect(checkLabels(Int32Array.from([0, 9, 3]), 10)).toBeUndefined();
    expect(checkLabels(Int32Array.from([0, 10, 3]), 10)).toBe('label 1 is 10; labels must be class indices in [0, 10)');
    expect(checkLabels(Int32Array.from([-1]), 10)).toMatch(/label 0 is -1/);
  });
});
