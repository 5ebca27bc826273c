import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Padding } from '../../model/types.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { uniform } from '../weights/recipe.ts';
import { trainingBackend } from '../../testing/training.ts';
import { adjointFilter, conv2dInputGradient } from './conv2d-backprop-input.ts';

const values = (size: number, seed: number) => Float32Array.from({ length: size }, (_, i) => 2 * uniform(seed, i) - 1);

interface Case {
  size: string;
  stride: number;
  padding: Padding;
  input: [number, number];
}

/** Every kernel of the networks, both paddings, strides 1 and 2, even and odd grids (asymmetric "same" padding). */
const CASES: Case[] = ['1x1', '3x3', '1x7', '7x1', '5x5', '1x3'].flatMap((size) =>
  [1, 2].flatMap((stride) =>
    (['same', 'valid'] as const).flatMap((padding) =>
      [
        [9, 8],
        [8, 11],
      ].map((input) => ({ size, stride, padding, input: input as [number, number] })),
    ),
  ),
);

const name = (c: Case) => `${c.size} s${c.stride} ${c.padding} ${c.input.join('×')}`;
const references = new Map<string, { dy: Float32Array; dyShape: number[]; filter: Float32Array; dx: Float32Array }>();

/** The CPU backend's Conv2DBackpropInput (tfjs's own gradient of tf.conv2d): the reference. */
beforeAll(async () => {
  await trainingBackend('cpu');
  for (const c of CASES) {
    const [kh, kw] = c.size.split('x').map(Number);
    const x = tf.tensor4d(values(2 * c.input[0] * c.input[1] * 3, 1), [2, ...c.input, 3]);
    const filter = tf.tensor4d(values(kh * kw * 15, 2), [kh, kw, 3, 5]);
    const y = tf.conv2d(x, filter, c.stride, c.padding);
    const dy = tf.tensor4d(values(y.size, 3), y.shape);
    const objective = (a: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, filter, c.stride, c.padding), dy));
    const dx = tf.grad(objective)(x);
    references.set(name(c), {
      dy: (await dy.data()) as Float32Array,
      dyShape: dy.shape,
      filter: (await filter.data()) as Float32Array,
      dx: (await dx.data()) as Float32Array,
    });
    tf.dispose([x, filter, y, dy, dx]);
  }
});

describe.each(['cpu', 'wasm'] as const)('the input gradient as a convolution on %s', (backend) => {
  beforeAll(async () => {
    await trainingBackend(backend);
  });

  it.each(CASES)("$size stride $stride $padding on $input: equals the CPU's Conv2DBackpropInput", async (c) => {
    const r = references.get(name(c))!;
    const [kh, kw] = c.size.split('x').map(Number);
    const filter = tf.tensor4d(r.filter, [kh, kw, 3, 5]);
    const dy = tf.tensor4d(r.dy, r.dyShape as [number, number, number, number]);
    const dx = conv2dInputGradient(dy, filter, c.input, c.stride, c.padding);
    expect(dx.shape).toEqual([2, ...c.input, 3]);
    expect(Math.max(...r.dx.map(Math.abs))).toBeGreaterThan(0.5);
    // Float32 sums of up to 5·5·5 products in another order: measured ≤ 3.8e-6.
    expect(maxAbsDifference(await dx.data(), r.dx)).toBeLessThan(1e-5);
    tf.dispose([filter, dy, dx]);
  });

  it('flips the filter in space and swaps its channels, exactly', async () => {
    const filter = tf.tensor4d(values(2 * 3 * 4 * 5, 4), [2, 3, 4, 5]);
    const adjoint = adjointFilter(filter);
    const expected = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]);
    expect(adjoint.shape).toEqual([2, 3, 5, 4]);
    expect(maxAbsDifference(await adjoint.data(), await expected.data())).toBe(0);
    tf.dispose([filter, adjoint, expected]);
  });
});
