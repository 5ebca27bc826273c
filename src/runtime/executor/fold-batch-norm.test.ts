import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { uniform } from '../weights/recipe.ts';
import type { TensorData } from '../weights/types.ts';
import { convWithBias, denseKernel, foldBatchNorm, foldBatchNormOihw, KernelShapeError } from './fold-batch-norm.ts';

function random(shape: number[], seed: number, lo = -1, hi = 1): TensorData {
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float32Array.from({ length: size }, (_, i) => lo + (hi - lo) * uniform(seed, i)) };
}

/** Valid-padded conv of an HWC input with an OIHW weight, then batch norm, in float64: the definition. */
function convThenBatchNorm(
  x: TensorData,
  w: TensorData,
  bn: { gamma: TensorData; beta: TensorData; mean: TensorData; variance: TensorData },
  eps: number,
): { shape: number[]; data: Float64Array } {
  const [h, wd, cin] = x.shape;
  const [cout, , kh, kw] = w.shape;
  const oh = h - kh + 1;
  const ow = wd - kw + 1;
  const out = new Float64Array(oh * ow * cout);
  for (let y = 0; y < oh; y++) {
    for (let xx = 0; xx < ow; xx++) {
      for (let o = 0; o < cout; o++) {
        let acc = 0;
        for (let i = 0; i < cin; i++) {
          for (let dy = 0; dy < kh; dy++) {
            for (let dx = 0; dx < kw; dx++) {
              acc += x.data[((y + dy) * wd + xx + dx) * cin + i] * w.data[((o * cin + i) * kh + dy) * kw + dx];
            }
          }
        }
        const normalized = (acc - bn.mean.data[o]) / Math.sqrt(bn.variance.data[o] + eps);
        out[(y * ow + xx) * cout + o] = normalized * bn.gamma.data[o] + bn.beta.data[o];
      }
    }
  }
  return { shape: [oh, ow, cout], data: out };
}

beforeAll(async () => {
  await activateNodeBackend('cpu');
});

describe('foldBatchNorm', () => {
  // An asymmetric 2×3 kernel and unequal in/out widths catch any H/W or I/O mix-up in the transpose.
  const x = random([6, 7, 4], 1);
  const weight = random([5, 4, 2, 3], 2);
  const bn = {
    gamma: random([5], 3, 0.8, 1.2),
    beta: random([5], 4, -0.2, 0.2),
    mean: random([5], 5, -0.1, 0.1),
    variance: random([5], 6, 0.5, 1.5),
  };

  it('gives a conv + bias equal to conv followed by batch norm (eps 1e-3)', async () => {
    const expected = convThenBatchNorm(x, weight, bn, 1e-3);
    const folded = foldBatchNorm(weight, bn);
    expect(folded.filterShape).toEqual([2, 3, 4, 5]);
    const y = tf.tidy(() =>
      tf.fused.conv2d({
        x: tf.tensor4d(x.data, [1, 6, 7, 4]),
        filter: tf.tensor4d(folded.filter, [...folded.filterShape]),
        bias: tf.tensor1d(folded.bias),
        strides: 1,
        pad: 'valid',
      }),
    );
    expect(y.shape).toEqual([1, ...expected.shape]);
    const got = await y.data();
    y.dispose();
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected.data[i]));
    // float32 accumulation of 24 products of magnitude ≤ 1: errors of order 1e-6.
    expect(worst).toBeLessThan(1e-5);
  });

  it('uses the epsilon it is given (1e-5 would differ measurably)', () => {
    const a = foldBatchNorm(weight, bn, 1e-3);
    const b = foldBatchNorm(weight, bn, 1e-5);
    const s0 = bn.gamma.data[0] / Math.sqrt(bn.variance.data[0] + 1e-3);
    expect(a.filter[0]).toBeCloseTo(weight.data[0] * s0, 6);
    expect(Math.abs(a.filter[0] - b.filter[0])).toBeGreaterThan(1e-5 * Math.abs(weight.data[0]) * 0.1);
  });

  it('rejects vectors that do not match the output channels, naming the tensor', () => {
    expect(() => foldBatchNorm(weight, { ...bn, variance: random([4], 6) })).toThrow(KernelShapeError);
    expect(() => foldBatchNorm(weight, { ...bn, variance: random([4], 6) })).toThrow(
      'batch norm variance must have shape [5], got [4]',
    );
    expect(() => foldBatchNorm({ shape: [5, 4, 2], data: new Float32Array(40) }, bn)).toThrow(
      'conv weight must be [out, in, kh, kw]',
    );
    expect(() => foldBatchNorm({ shape: [5, 4, 2, 3], data: new Float32Array(7) }, bn)).toThrow('holds 7 values');
  });

  it('folds in OIHW the values foldBatchNorm folds in HWIO, into a given buffer when it is long enough', () => {
    const hwio = foldBatchNorm(weight, bn);
    const [out, inputs, kh, kw] = weight.shape;
    const fresh = foldBatchNormOihw(weight, bn);
    const buffer = new Float32Array(weight.data.length + 7).fill(9);
    const reused = foldBatchNormOihw(weight, bn, undefined, buffer);
    expect(reused.weight.buffer).toBe(buffer.buffer);
    expect(reused.weight.length).toBe(weight.data.length);
    expect(buffer[weight.data.length]).toBe(9);
    expect(foldBatchNormOihw(weight, bn, undefined, new Float32Array(3)).weight.length).toBe(weight.data.length);
    for (const folded of [fresh.weight, reused.weight]) {
      for (let k = 0; k < folded.length; k++) {
        const [o, i, y, xx] = [
          Math.floor(k / (inputs * kh * kw)),
          Math.floor(k / (kh * kw)) % inputs,
          Math.floor(k / kw) % kh,
          k % kw,
        ];
        expect(folded[k]).toBe(hwio.filter[((y * kw + xx) * inputs + i) * out + o]);
      }
    }
    expect(Array.from(reused.bias)).toEqual(Array.from(hwio.bias));
  });
});

describe('convWithBias', () => {
  it('transposes OIHW to HWIO and keeps the bias', () => {
    const weight = random([3, 2, 1, 1], 7);
    const bias = random([3], 8);
    const k = convWithBias(weight, bias);
    expect(k.filterShape).toEqual([1, 1, 2, 3]);
    for (let o = 0; o < 3; o++) {
      for (let i = 0; i < 2; i++) expect(k.filter[i * 3 + o]).toBe(weight.data[o * 2 + i]);
    }
    expect([...k.bias]).toEqual([...bias.data]);
  });
});

describe('denseKernel', () => {
  it('transposes [out, in] to [in, out] so that x·K + b is the PyTorch Linear', async () => {
    const weight = random([4, 3], 9);
    const bias = random([4], 10);
    const x = [0.5, -1, 2];
    const k = denseKernel(weight, bias);
    expect(k.kernelShape).toEqual([3, 4]);
    const y = tf.tidy(() =>
      tf.fused.matMul({ a: tf.tensor2d(x, [1, 3]), b: tf.tensor2d(k.kernel, [3, 4]), bias: tf.tensor1d(k.bias) }),
    );
    const got = await y.data();
    y.dispose();
    for (let o = 0; o < 4; o++) {
      const expected = bias.data[o] + x.reduce((acc, v, i) => acc + v * weight.data[o * 3 + i], 0);
      expect(got[o]).toBeCloseTo(expected, 5);
    }
  });

  it('rejects a bias of the wrong length', () => {
    expect(() => denseKernel(random([4, 3], 9), random([3], 10))).toThrow('linear bias must have shape [4], got [3]');
  });
});
