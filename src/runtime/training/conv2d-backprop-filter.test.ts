import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Padding } from '../../model/types.ts';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { ensureGradients } from '../inside/gradient-support.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { uniform } from '../weights/recipe.ts';
import {
  conv2dFilterGradient,
  conv2dFilterGradientFromOps,
  filterGradientSource,
  type FilterShape,
} from './conv2d-backprop-filter.ts';
import { conv2dTrainable } from './trainable-conv.ts';

const values = (size: number, seed: number) => Float32Array.from({ length: size }, (_, i) => 2 * uniform(seed, i) - 1);
/** 3 input channels and 5 output; a 1×1 layer also 5 → 3 (its product is taken the other way round). */
const CASES: Case[] = ['1x1', '3x3', '1x7', '7x1', '1x1 5→3'].flatMap((size) =>
  [1, 2].flatMap((stride) => (['same', 'valid'] as const).map((padding) => ({ size, stride, padding }))),
);

interface Case {
  size: string;
  stride: number;
  padding: Padding;
}

function filterShape({ size }: Case): FilterShape {
  const [kh, kw] = size.split(' ')[0].split('x').map(Number);
  return size.endsWith('5→3') ? [kh, kw, 5, 3] : [kh, kw, 3, 5];
}

const xShape = (c: Case): [number, number, number, number] => [2, 9, 8, filterShape(c)[2]];

/** The case's x, dy and filter values, and the CPU kernel's filter and input gradients (the reference). */
interface Reference {
  x: Float32Array;
  dy: Float32Array;
  dyShape: number[];
  filter: Float32Array;
  dW: Float32Array;
  dx: Float32Array;
}

const references = new Map<string, Reference>();
const name = (c: Case) => `${c.size} s${c.stride} ${c.padding}`;

beforeAll(async () => {
  await activateNodeBackend('cpu');
  await ensureGradients();
  for (const c of CASES) {
    const shape = filterShape(c);
    const x = tf.tensor4d(
      values(
        xShape(c).reduce((a, b) => a * b),
        1,
      ),
      xShape(c),
    );
    const filter = tf.tensor4d(
      values(
        shape.reduce((a, b) => a * b),
        2,
      ),
      [...shape],
    );
    const y = tf.conv2d(x, filter, c.stride, c.padding);
    const dy = tf.tensor4d(values(y.size, 3), y.shape);
    // tfjs's own gradient of Σ dy ⊙ conv2d(x, W): Conv2DBackpropFilter and Conv2DBackpropInput of the CPU.
    const { dx, dW } = tf.tidy(() => {
      const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.padding), dy)),
      )([x, filter]);
      return { dx: gx, dW: gw };
    });
    references.set(name(c), {
      x: (await x.data()) as Float32Array,
      dy: (await dy.data()) as Float32Array,
      dyShape: dy.shape,
      filter: (await filter.data()) as Float32Array,
      dW: (await dW.data()) as Float32Array,
      dx: (await dx.data()) as Float32Array,
    });
    tf.dispose([x, filter, y, dy, dx, dW]);
  }
});

describe.each(['cpu', 'wasm'] as const)('the filter gradient on %s', (backend) => {
  beforeAll(async () => {
    await activateNodeBackend(backend);
  });

  it("WASM registers no Conv2DBackpropFilter: its filter gradients come from ops, the CPU's from its kernel", () => {
    expect(filterGradientSource(backend)).toBe(backend === 'wasm' ? 'ops' : 'kernel');
  });

  it.each(CASES)("$size stride $stride $padding: the ops' dW equals the CPU kernel's", async (c) => {
    const r = references.get(name(c))!;
    const shape = filterShape(c);
    const x = tf.tensor4d(r.x, xShape(c));
    const dy = tf.tensor4d(r.dy, r.dyShape as [number, number, number, number]);
    const ours = conv2dFilterGradientFromOps(x, dy, shape, c.stride, c.padding);
    expect(ours.shape).toEqual([...shape]);
    const scale = Math.max(...r.dW.map(Math.abs));
    expect(scale).toBeGreaterThan(1);
    // Float32 sums of 2·9·8 = 144 products in another order: measured ≤ 1.5e-6 (dW up to 7).
    expect(maxAbsDifference(await ours.data(), r.dW)).toBeLessThan(1e-5);
    const dispatched = conv2dFilterGradient(x, dy, shape, c.stride, c.padding);
    expect(maxAbsDifference(await dispatched.data(), r.dW)).toBeLessThan(1e-5);
    tf.dispose([x, dy, ours, dispatched]);
  });

  it.each(CASES)(
    "$size stride $stride $padding: conv2dTrainable's dx and dW equal the CPU's tf.conv2d gradients",
    async (c) => {
      const r = references.get(name(c))!;
      const shape = filterShape(c);
      const x = tf.tensor4d(r.x, xShape(c));
      const filter = tf.tensor4d(r.filter, [...shape]);
      const dy = tf.tensor4d(r.dy, r.dyShape as [number, number, number, number]);
      const before = tf.memory().numTensors;
      const [dx, dW] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(conv2dTrainable(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.padding), dy)),
      )([x, filter]);
      expect(tf.memory().numTensors).toBe(before + 2);
      expect(maxAbsDifference(await dx.data(), r.dx)).toBeLessThan(1e-5);
      expect(maxAbsDifference(await dW.data(), r.dW)).toBeLessThan(1e-5);
      const forward = conv2dTrainable(x, filter, c.stride, c.padding);
      const plain = tf.conv2d(x, filter, c.stride, c.padding);
      expect(maxAbsDifference(await forward.data(), await plain.data())).toBe(0);
      tf.dispose([x, filter, dy, dx, dW, forward, plain]);
    },
  );

  it('says what is wrong with mismatched shapes', () => {
    const x = tf.zeros([1, 5, 5, 3]) as tf.Tensor4D;
    const dy = tf.zeros([1, 5, 5, 4]) as tf.Tensor4D;
    expect(() => conv2dFilterGradientFromOps(x, dy, [3, 3, 2, 4], 1, 'same')).toThrow(/x has 3 channels/);
    expect(() => conv2dFilterGradientFromOps(x, dy, [3, 3, 3, 4], 1, 'valid')).toThrow(/gives 3×3/);
    tf.dispose([x, dy]);
  });
});
