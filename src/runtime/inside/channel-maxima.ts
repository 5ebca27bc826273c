/**
 * A node output's maximum per channel and where it is (row-major y·w + x), reduced where the tensor is:
 * 2c values come back however large the output (for channel examples). Ties take the first cell.
 */
import * as tf from '@tensorflow/tfjs-core';
import { onHost, type ReduceWhere, type Reduction } from './reductions.ts';
import type { ChannelMaxima } from './top-examples.ts';

export function channelMaximaReduction(
  shape: readonly number[],
  where: ReduceWhere = 'auto',
): Reduction<ChannelMaxima> {
  if (shape.length !== 3) throw new RangeError(`channel maxima need an h×w×c output, not [${shape.join(', ')}]`);
  const [h, w, c] = shape;
  return {
    size: 2 * c,
    tap: (y) => {
      if (onHost(where)) return tf.tensor1d(hostMaxima(y.dataSync() as Float32Array, h * w, c));
      const cells = tf.reshape(y, [h * w, c]);
      return tf.concat([tf.max(cells, 0), tf.cast(tf.argMax(cells, 0), 'float32')]);
    },
    read: (values) => ({ max: values.slice(0, c), position: Int32Array.from(values.subarray(c), Math.round) }),
  };
}

function hostMaxima(data: Float32Array, cells: number, c: number): Float32Array {
  const out = new Float32Array(2 * c).fill(-Infinity);
  for (let k = 0; k < c; k++) out[c + k] = 0;
  for (let i = 0; i < cells; i++) {
    for (let k = 0; k < c; k++) {
      const v = data[i * c + k];
      if (v > out[k]) {
        out[k] = v;
        out[c + k] = i;
      }
    }
  }
  return out;
}
