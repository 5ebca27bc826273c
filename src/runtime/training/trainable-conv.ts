/**
 * The convolution of training runs: tf.conv2d forward, with a gradient that works on every backend.
 * - dx: a forward convolution of the dilated dy with the flipped filter on every backend
 *   (conv2d-backprop-input.ts: WASM's Conv2DBackpropInput is several times slower than its Conv2D).
 * - dW: the backend's Conv2DBackpropFilter where it registers one, else built from ops
 *   (conv2d-backprop-filter.ts); `filterGradientSource` says which, so a caller can tell the user.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Padding } from '../../model/types.ts';
import { conv2dFilterGradient } from './conv2d-backprop-filter.ts';
import { conv2dInputGradient } from './conv2d-backprop-input.ts';

export function conv2dTrainable(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, padding: Padding): tf.Tensor4D {
  const convolve = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, weights, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([input, weights]);
    return {
      value: tf.conv2d(input, weights, stride, padding),
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const [, h, w] = xs.shape;
        const dx = conv2dInputGradient(dy, ws, [h, w], stride, padding);
        const shape = ws.shape as [number, number, number, number];
        return [dx, conv2dFilterGradient(xs, dy, shape, stride, padding)];
      },
    };
  });
  return convolve(x, filter) as tf.Tensor4D;
}
