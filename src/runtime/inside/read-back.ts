/**
 * Downloads many small tensors with one read: on GPU backends every read waits for the queue, so a
 * request's reductions are concatenated first. Disposes the tensors it is given.
 */
import * as tf from '@tensorflow/tfjs-core';

export async function readBack(tensors: readonly tf.Tensor[]): Promise<Float32Array[]> {
  if (tensors.length === 0) return [];
  const sizes = tensors.map((t) => t.size);
  const all = tf.tidy(() => tf.concat(tensors.map((t) => tf.reshape(tf.cast(t, 'float32'), [-1]))));
  tf.dispose([...tensors]);
  try {
    const data = (await all.data()) as Float32Array;
    let offset = 0;
    return sizes.map((n) => data.subarray(offset, (offset += n)));
  } finally {
    all.dispose();
  }
}
