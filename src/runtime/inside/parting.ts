/**
 * Where two photos part: per segment (a block along depth, the depth chart's points), the cosine
 * similarity of the two photos' outputs. Each photo's segment cache gives its segment outputs; the dot
 * product and both squared norms are reduced where the tensors are, so three numbers per block are read.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PartingPoint } from './parting-protocol.ts';
import type { ResidualScales } from './protocol.ts';
import { readBack } from './read-back.ts';
import type { SegmentCache } from './segment-cache.ts';

/**
 * Sum of all values, one axis at a time for a [1, h, w, c] grid (rows, then columns, then channels): a
 * float32 sum of a million values in one go loses digits that sums of a few hundred do not.
 */
function hierarchicalSum(t: tf.Tensor): tf.Tensor {
  return t.rank === 4 ? tf.sum(tf.sum(tf.sum(t, 2), 1)) : tf.sum(t);
}

/** [a·b, ‖a‖², ‖b‖²] of two tensors of one shape, on the backend. */
export function cosineParts(a: tf.Tensor, b: tf.Tensor): tf.Tensor1D {
  if (a.shape.join() !== b.shape.join()) {
    throw new Error(`internal: outputs of shapes [${a.shape}] and [${b.shape}] cannot be compared`);
  }
  return tf.tidy(
    () =>
      tf.stack([
        hierarchicalSum(tf.mul(a, b)),
        hierarchicalSum(tf.square(a)),
        hierarchicalSum(tf.square(b)),
      ]) as tf.Tensor1D,
  );
}

/** a·b / (‖a‖·‖b‖) from [a·b, ‖a‖², ‖b‖²], clamped to [−1, 1]; null when either norm is zero. */
export function cosineOf(parts: ArrayLike<number>): number | null {
  const [dot, aa, bb] = [parts[0], parts[1], parts[2]];
  if (!(aa > 0 && bb > 0)) return null;
  return Math.max(-1, Math.min(1, dot / Math.sqrt(aa * bb)));
}

/** Both caches at `scales` (re-running only what changed), then the cosine per segment. */
export async function partWays(
  first: SegmentCache,
  second: SegmentCache,
  scales: ResidualScales = {},
): Promise<PartingPoint[]> {
  await first.lookInside(scales);
  await second.lookInside(scales);
  const a = await first.segmentOutputs();
  const parts: tf.Tensor[] = [];
  try {
    const b = await second.segmentOutputs();
    try {
      a.forEach(({ output }, i) => parts.push(cosineParts(output, b[i].output)));
    } finally {
      tf.dispose(b.map((s) => s.output));
    }
  } catch (error) {
    tf.dispose(parts);
    throw error;
  } finally {
    tf.dispose(a.map((s) => s.output));
  }
  const values = await readBack(parts);
  return a.map(({ segment }, i) => ({
    address: segment.address,
    label: segment.label,
    index: segment.index,
    cosine: cosineOf(values[i]),
  }));
}
