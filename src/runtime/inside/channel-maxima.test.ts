import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { channelMaximaReduction } from './channel-maxima.ts';
import { readBack } from './read-back.ts';
import type { ReduceWhere } from './reductions.ts';

beforeAll(async () => {
  await activateNodeBackend('cpu');
});

/** A post-ReLU-like output with repeated values (ties) and an all-zero channel. */
function output(h: number, w: number, c: number): Float32Array {
  return Float32Array.from({ length: h * w * c }, (_, i) =>
    i % c === 2 ? 0 : Math.max(0, Math.round(Math.sin(i * 0.917) * 6) / 2),
  );
}

describe('channelMaximaReduction', () => {
  it.each<ReduceWhere>(['host', 'device'])(
    "on the %s: each channel's maximum and its first cell, as a brute force finds them",
    async (where) => {
      const [h, w, c] = [5, 7, 6];
      const data = output(h, w, c);
      const reduction = channelMaximaReduction([h, w, c], where);
      const y = tf.tensor4d(data, [1, h, w, c]);
      const [values] = await readBack([tf.tidy(() => reduction.tap(y))]);
      y.dispose();
      expect(values.length).toBe(reduction.size);
      const got = reduction.read(values);
      for (let k = 0; k < c; k++) {
        const channel = Array.from({ length: h * w }, (_, i) => data[i * c + k]);
        const max = Math.max(...channel);
        expect(got.max[k]).toBe(max);
        expect(got.position[k]).toBe(channel.indexOf(max));
      }
      expect(got.max[2]).toBe(0);
      expect(got.position[2]).toBe(0);
    },
  );

  it('refuses a vector output', () => {
    expect(() => channelMaximaReduction([1536])).toThrow(/h×w×c/);
  });
});
