import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { shareWasmIdentity } from './shared-identity.ts';

describe('shareWasmIdentity', () => {
  beforeAll(async () => {
    await activateNodeBackend('wasm');
    shareWasmIdentity();
    shareWasmIdentity();
  });

  it('makes a clone share its memory on WASM, freed when the last of them is disposed', () => {
    const backend = tf.engine().backend;
    const [buffers, ids] = [tf.memory().numDataBuffers, backend.numDataIds()];
    const t = tf.tensor([1, -2, 3.5, 4], [2, 2]);
    const clone = tf.clone(t);
    expect(tf.memory().numDataBuffers).toBe(buffers + 1);
    expect(backend.numDataIds()).toBe(ids + 1);
    t.dispose();
    expect(Array.from(clone.dataSync())).toEqual([1, -2, 3.5, 4]);
    expect(clone.shape).toEqual([2, 2]);
    clone.dispose();
    expect(tf.memory().numDataBuffers).toBe(buffers);
    expect(backend.numDataIds()).toBe(ids);
  });

  it('keeps a custom gradient’s saved tensor after its input is disposed', () => {
    const square = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
      save([x]);
      return { value: tf.square(x), gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(dy, tf.mul(saved, 2)) };
    });
    const x = tf.tensor([3, -1]);
    const grad = tf.grad((v: tf.Tensor) => square(v) as tf.Tensor)(x);
    x.dispose();
    expect(Array.from(grad.dataSync())).toEqual([6, -2]);
    grad.dispose();
  });

  it('still copies strings', () => {
    const t = tf.tensor(['a', 'bc']);
    const clone = tf.clone(t);
    t.dispose();
    expect(clone.arraySync()).toEqual(['a', 'bc']);
    clone.dispose();
  });
});
