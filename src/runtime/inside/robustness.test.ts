import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { Random } from '../training/data/random.ts';
import { ensureGradients } from './gradient-support.ts';
import { applyMove, drawMove, isIdentity, NO_ROBUSTNESS, standardRobustness } from './robustness.ts';

const SIZE = 64;
/** A smooth image (the moves' adjoint is exact only up to bilinear interpolation). */
const smooth = (phase: number) =>
  tf.tensor4d(
    Float32Array.from({ length: SIZE * SIZE * 3 }, (_, i) => {
      const x = Math.floor(i / 3) % SIZE;
      const y = Math.floor(i / 3 / SIZE);
      return Math.sin(0.11 * x + phase) * Math.cos(0.07 * y - phase) + 0.3 * Math.sin(0.05 * (x + y) + 2 * phase);
    }),
    [1, SIZE, SIZE, 3],
  );

beforeAll(async () => {
  await activateNodeBackend('wasm');
  await ensureGradients();
});

describe('the random moves', () => {
  it('are none without robustness, and repeat with the seed', () => {
    expect(isIdentity(drawMove(new Random(1), NO_ROBUSTNESS, SIZE, SIZE))).toBe(true);
    const a = drawMove(new Random(5), standardRobustness(SIZE), SIZE, SIZE);
    expect(drawMove(new Random(5), standardRobustness(SIZE), SIZE, SIZE)).toEqual(a);
    expect(isIdentity(a)).toBe(false);
  });

  it('have as gradient the adjoint of the resampling: ⟨T x, y⟩ ≈ ⟨x, Tᵀ y⟩, away from the border', async () => {
    const random = new Random(11);
    // A mask keeps the inner part of y, so that nothing is sampled from outside the image.
    const mask = tf.tensor4d(
      Float32Array.from({ length: SIZE * SIZE * 3 }, (_, i) => {
        const x = Math.floor(i / 3) % SIZE;
        const y = Math.floor(i / 3 / SIZE);
        return x > 14 && x < SIZE - 15 && y > 14 && y < SIZE - 15 ? 1 : 0;
      }),
      [1, SIZE, SIZE, 3],
    );
    for (let trial = 0; trial < 4; trial++) {
      const move = drawMove(random, standardRobustness(SIZE), SIZE, SIZE);
      const x = smooth(trial);
      const y = tf.mul(smooth(trial + 0.5), mask);
      // ⟨T x, y⟩ with the grey fill taken out (T is affine: T x = L x + fill).
      const grey = tf.fill([1, SIZE, SIZE, 3], 0);
      const left = tf.sum(tf.mul(tf.sub(applyMove(x as tf.Tensor4D, move), applyMove(grey as tf.Tensor4D, move)), y));
      const gradient = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(applyMove(t as tf.Tensor4D, move), y)))(x);
      const right = tf.sum(tf.mul(x, gradient));
      const [l, r] = [(await left.data())[0], (await right.data())[0]];
      expect(Math.abs(l - r)).toBeLessThan(0.03 * Math.abs(l) + 1);
      tf.dispose([x, y, grey, left, gradient, right]);
    }
    mask.dispose();
  });
});
