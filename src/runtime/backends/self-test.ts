/**
 * A start-up check of the backend just activated: a few tiny operations the networks depend on,
 * compared with float64 loops. A broken GPU shader can silently return zeros (seen with WebGPU on some
 * drivers), and a backend could count padding in its average pool; either would give confident wrong
 * answers, so such a backend is skipped with the reason instead. Costs a few milliseconds.
 */
import * as tf from '@tensorflow/tfjs-core';
import { maxAbsDifference, referenceAvgPool, referenceConv2d, type Grid } from '../executor/reference-ops.ts';

/** float32 GPUs agree to ~1e-6 here; float16-only WebGL (some phones) is ~1e-3 off and fails, on purpose. */
const TOLERANCE = 1e-4;

/** Deterministic values in [-1, 1) that no kernel produces by accident (no zeros, no symmetry). */
function pseudoRandom(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Undefined when the current backend computes correctly, else what went wrong. */
export async function selfTest(): Promise<string | undefined> {
  const x: Grid = { shape: [6, 7, 3], data: pseudoRandom(6 * 7 * 3, 1) };
  const filterShape = [3, 3, 3, 4] as const;
  const filter = pseudoRandom(3 * 3 * 3 * 4, 2);
  const bias = [0.05, -0.1, 0.2, 0];
  const expectedConv = referenceConv2d(x, { shape: filterShape, data: filter }, bias, 1, 'same', true);
  const expectedPool = referenceAvgPool(x, [3, 3], 1, 'same');
  const expectedMean = [0, 1, 2].map((c) => {
    let sum = 0;
    for (let i = c; i < x.data.length; i += 3) sum += x.data[i];
    return sum / 42;
  });

  const [conv, pool, mean] = tf.tidy(() => {
    const input = tf.tensor4d(Float32Array.from(x.data), [1, ...x.shape]);
    return [
      tf.fused.conv2d({
        x: input,
        filter: tf.tensor4d(filter, [...filterShape]),
        bias: tf.tensor1d(bias),
        pad: 'same',
        strides: 1,
        activation: 'relu',
      }),
      tf.avgPool(input, 3, 1, 'same'),
      tf.mean(input, [1, 2]),
    ];
  });
  try {
    const checks: Array<[string, ArrayLike<number>, ArrayLike<number>]> = [
      ['fused conv2d 3×3 + bias + ReLU', await conv.data(), expectedConv.data],
      ['average pool 3×3 "same" (padding excluded from the mean)', await pool.data(), expectedPool.data],
      ['mean over height and width', await mean.data(), expectedMean],
    ];
    for (const [what, got, expected] of checks) {
      const diff = maxAbsDifference(got, expected);
      if (!(diff <= TOLERANCE)) {
        const zeros = Array.prototype.every.call(got, (v: number) => v === 0);
        return `${what} is wrong (max difference ${diff.toPrecision(3)}${zeros ? ', all zeros' : ''})`;
      }
    }
    return undefined;
  } finally {
    tf.dispose([conv, pool, mean]);
  }
}
