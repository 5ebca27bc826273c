import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { avgPool as avgPoolLayer, conv, linearConv, maxPool as maxPoolLayer } from '../../model/builders.ts';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { uniform } from '../weights/recipe.ts';
import { avgPool, concatChannels, convolve, maxPool, residualAdd } from './ops.ts';
import { maxAbsDifference, referenceAvgPool, referenceConv2d, type Grid } from './reference-ops.ts';

function grid(shape: [number, number, number], seed: number): Grid & { data: Float32Array } {
  const size = shape[0] * shape[1] * shape[2];
  return { shape, data: Float32Array.from({ length: size }, (_, i) => 2 * uniform(seed, i) - 1) };
}

function toTensor(g: Grid): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from(g.data), [1, ...g.shape]);
}

async function values(t: tf.Tensor): Promise<Float32Array> {
  const data = (await t.data()) as Float32Array;
  t.dispose();
  return data;
}

describe.each(['cpu', 'wasm'] as const)('layer ops on %s', (backend) => {
  beforeAll(async () => {
    await activateNodeBackend(backend);
  });

  it('average pool (3×3, stride 1, same) excludes padded cells from the mean', async () => {
    const x = grid([5, 6, 3], 11);
    const expected = referenceAvgPool(x, [3, 3], 1, 'same');
    const including = referenceAvgPool(x, [3, 3], 1, 'same', true);
    const got = await values(tf.tidy(() => avgPool(toTensor(x), avgPoolLayer('3x3'))));
    expect(maxAbsDifference(got, expected.data)).toBeLessThan(1e-6);
    // The test can tell the two semantics apart: they differ on the border by far more than the tolerance.
    expect(maxAbsDifference(got, including.data)).toBeGreaterThan(0.05);
    // A corner averages 4 cells: check one by hand.
    const corner = (x.data[0] + x.data[3] + x.data[18] + x.data[21]) / 4;
    expect(got[0]).toBeCloseTo(corner, 6);
  });

  it('max pool (3×3, stride 2, valid) picks the window maximum', async () => {
    const x = grid([7, 9, 2], 12);
    const got = await values(tf.tidy(() => maxPool(toTensor(x), maxPoolLayer('3x3'))));
    expect(got.length).toBe(3 * 4 * 2);
    let expected = -Infinity;
    for (let y = 2; y < 5; y++)
      for (let xx = 4; xx < 7; xx++) expected = Math.max(expected, x.data[(y * 9 + xx) * 2 + 1]);
    expect(got[(1 * 4 + 2) * 2 + 1]).toBe(expected);
  });

  it.each([
    ['1x7', 1, 'same'],
    ['7x1', 1, 'same'],
    ['3x3', 2, 'valid'],
    ['5x5', 1, 'same'],
  ] as const)('fused conv %s stride %i %s + bias + ReLU equals the direct sum', async (size, stride, padding) => {
    const layer = conv(size, 4, { stride, padding });
    const x = grid([9, 8, 3], 13);
    const kernel = layer.kernel;
    const filter = grid([kernel[0], kernel[1], 3 * 4] as [number, number, number], 14);
    const filterShape = [kernel[0], kernel[1], 3, 4] as const;
    const bias = [0.1, -0.2, 0.3, -0.05];
    const expected = referenceConv2d(x, { shape: filterShape, data: filter.data }, bias, stride, padding, true);
    const got = await values(
      tf.tidy(() =>
        convolve(toTensor(x), layer, {
          filter: tf.tensor4d(filter.data, [...filterShape]),
          bias: tf.tensor1d(bias),
        }),
      ),
    );
    expect(got.length).toBe(expected.data.length);
    expect(maxAbsDifference(got, expected.data)).toBeLessThan(1e-5);
    expect(Math.min(...got)).toBe(0);
  });

  it('a "Linear" projection keeps negative values', async () => {
    const x = grid([2, 2, 2], 15);
    const got = await values(
      tf.tidy(() =>
        convolve(toTensor(x), linearConv(1), {
          filter: tf.tensor4d([1, 0], [1, 1, 2, 1]),
          bias: tf.tensor1d([0]),
        }),
      ),
    );
    expect([...got]).toEqual([x.data[0], x.data[2], x.data[4], x.data[6]]);
  });

  it('residual addition scales the branch, then applies the activation', async () => {
    const x = [1, -2, 0.5, 3];
    const r = [10, 5, -20, 1];
    const run = (scale: number, activation: 'relu' | 'linear') =>
      values(tf.tidy(() => residualAdd(tf.tensor1d(x), tf.tensor1d(r), scale, activation)));
    const scaled = await run(0.17, 'relu');
    expect([...scaled].map((v) => Number(v.toFixed(5)))).toEqual([2.7, 0, 0, 3.17]);
    const linear = await run(1, 'linear');
    expect([...linear]).toEqual([11, 3, -19.5, 4]);
  });

  it('concatenates along channels in branch order', async () => {
    const got = await values(
      tf.tidy(() => concatChannels([tf.tensor4d([1, 2], [1, 1, 1, 2]), tf.tensor4d([3], [1, 1, 1, 1])])),
    );
    expect([...got]).toEqual([1, 2, 3]);
  });
});
