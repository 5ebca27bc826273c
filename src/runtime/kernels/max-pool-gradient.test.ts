import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MaxPool, Padding } from '../../model/types.ts';
import { maxPoolDifferentiable, maxPoolFromSlices } from '../executor/differentiable-ops.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { uniform } from '../weights/recipe.ts';
import { trainingBackend } from '../../testing/training.ts';
import { fixWasmMaxPoolGrad, maxPoolSource } from './max-pool-gradient.ts';

const values = (size: number, seed: number) => Float32Array.from({ length: size }, (_, i) => 2 * uniform(seed, i) - 1);

const CASES: MaxPool[] = (['valid', 'same'] as Padding[]).flatMap((padding) =>
  [1, 2].flatMap((stride) =>
    [
      [3, 3],
      [2, 2],
      [1, 3],
    ].map((kernel) => ({ kind: 'maxpool', kernel: kernel as [number, number], stride, padding }) as MaxPool),
  ),
);
const X_SHAPE: [number, number, number, number] = [2, 9, 8, 3];
const name = (c: MaxPool) => `${c.kernel.join('x')} s${c.stride} ${c.padding}`;

/** ∂/∂x of Σ dy ⊙ pool(x) for the pooling `pool`. */
function gradient(pool: (x: tf.Tensor4D) => tf.Tensor4D, x: tf.Tensor4D, dy: tf.Tensor): tf.Tensor {
  return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(pool(v as tf.Tensor4D), dy)))(x);
}

/**
 * A 5×5 input with ties: the 3×3 stride-2 windows at (0, 1) and (1, 1) each hold several cells equal to
 * their maximum (1), and a window of zeros only with "same" padding.
 */
const TIES = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/** The CPU backend's MaxPoolGrad (tfjs's own gradient of tf.maxPool): the reference. */
const references = new Map<string, { dy: Float32Array; dyShape: number[]; dx: Float32Array }>();
let tiedReference: Record<Padding, Float32Array>;

beforeAll(async () => {
  await trainingBackend('cpu');
  const x = tf.tensor4d(
    values(
      X_SHAPE.reduce((a, b) => a * b),
      1,
    ),
    X_SHAPE,
  );
  for (const c of CASES) {
    const y = tf.maxPool(x, [...c.kernel], c.stride, c.padding);
    const dy = tf.tensor(values(y.size, 2), y.shape);
    const dx = gradient((v) => tf.maxPool(v, [...c.kernel], c.stride, c.padding), x, dy);
    references.set(name(c), {
      dy: (await dy.data()) as Float32Array,
      dyShape: dy.shape,
      dx: (await dx.data()) as Float32Array,
    });
    tf.dispose([y, dy, dx]);
  }
  const tied = tf.tensor4d(TIES, [1, 5, 5, 1]);
  const tiedGradient = (padding: Padding) => {
    const size = padding === 'valid' ? 2 : 3;
    const dy = tf.reshape(tf.range(1, size * size + 1), [1, size, size, 1]);
    return gradient((v) => tf.maxPool(v, 3, 2, padding), tied, dy).dataSync() as Float32Array;
  };
  tiedReference = { valid: tiedGradient('valid'), same: tiedGradient('same') };
  x.dispose();
  tied.dispose();
});

describe('the max pools of differentiable runs (training, Grad-CAM, feature visualisation)', () => {
  it("take the CPU's MaxPoolGrad, and WASM's only once fixed; other backends pool with slices", async () => {
    expect(maxPoolSource('cpu')).toBe('kernel');
    expect(maxPoolSource('webgpu')).toBe('ops');
    await trainingBackend('wasm');
    // Before the fix WASM's own kernel gave a tied window's gradient to its last cell, not its first.
    const tied = tf.tensor4d(TIES, [1, 5, 5, 1]);
    const wrong = gradient((v) => tf.maxPool(v, 3, 2, 'valid'), tied, tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]));
    expect(maxAbsDifference(await wrong.data(), tiedReference.valid)).toBeGreaterThan(1);
    // And wherever a window spans more than one channel's values, ties or not (3×3 stride 1 "same").
    const r = references.get(name({ kind: 'maxpool', kernel: [3, 3], stride: 1, padding: 'same' }))!;
    const x = tf.tensor4d(
      values(
        X_SHAPE.reduce((a, b) => a * b),
        1,
      ),
      X_SHAPE,
    );
    const own = gradient((v) => tf.maxPool(v, 3, 1, 'same'), x, tf.tensor(r.dy, r.dyShape));
    expect(maxAbsDifference(await own.data(), r.dx)).toBeGreaterThan(1e-2);
    tf.dispose([tied, wrong, x, own]);
    expect(maxPoolSource('wasm')).toBe('ops');
    fixWasmMaxPoolGrad();
    fixWasmMaxPoolGrad();
    expect(maxPoolSource('wasm')).toBe('kernel');
    // PyTorch's choice at ties, which the CPU's kernel makes: the first tied cell of each window, row by row.
    expect(Array.from(tiedReference.valid)).toEqual([
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      2,
      4,
      0,
      0,
      4,
      ...new Array(11).fill(0),
    ]);
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    // No explicit fix: the differentiable max pool replaces WASM's MaxPoolGrad itself.
    beforeAll(async () => {
      await trainingBackend(backend);
    });

    it('runs the backend’s MaxPool and MaxPoolGrad, not slices and maxima', async () => {
      const x = tf.tensor4d(values(2 * 9 * 8 * 3, 1), X_SHAPE);
      const layer = CASES[0];
      const { kernelNames } = await tf.profile(() => gradient((v) => maxPoolDifferentiable(v, layer), x, tf.scalar(1)));
      expect(kernelNames).toContain('MaxPool');
      expect(kernelNames).toContain('MaxPoolGrad');
      expect(kernelNames).not.toContain('Maximum');
      expect(maxPoolSource(backend)).toBe('kernel');
      x.dispose();
    });

    it.each(CASES)("$kernel stride $stride $padding: the gradient equals the CPU's MaxPoolGrad", async (c) => {
      const r = references.get(name(c))!;
      const x = tf.tensor4d(
        values(
          X_SHAPE.reduce((a, b) => a * b),
          1,
        ),
        X_SHAPE,
      );
      const dy = tf.tensor(r.dy, r.dyShape);
      const before = tf.memory().numTensors;
      const dx = gradient((v) => maxPoolDifferentiable(v, c), x, dy);
      expect(tf.memory().numTensors).toBe(before + 1);
      expect(Math.max(...r.dx.map(Math.abs))).toBeGreaterThan(0.5);
      // The same dy values summed, up to 4 windows a cell in another order.
      expect(maxAbsDifference(await dx.data(), r.dx)).toBeLessThan(1e-6);
      // The forward values are the slices-and-maxima pool's, exactly.
      const pooled = maxPoolDifferentiable(x, c);
      const sliced = maxPoolFromSlices(x, c);
      expect(pooled.shape).toEqual(sliced.shape);
      expect(maxAbsDifference(await pooled.data(), await sliced.data())).toBe(0);
      tf.dispose([x, dy, dx, pooled, sliced]);
    });

    it.each(['valid', 'same'] as const)('gives a tied window’s gradient to its first cell (%s)', async (padding) => {
      const tied = tf.tensor4d(TIES, [1, 5, 5, 1]);
      const size = padding === 'valid' ? 2 : 3;
      const dy = tf.reshape(tf.range(1, size * size + 1), [1, size, size, 1]);
      const layer: MaxPool = { kind: 'maxpool', kernel: [3, 3], stride: 2, padding };
      const dx = gradient((v) => maxPoolDifferentiable(v, layer), tied, dy);
      expect(Array.from(await dx.data())).toEqual(Array.from(tiedReference[padding]));
      tf.dispose([tied, dy, dx]);
    });
  });
});
