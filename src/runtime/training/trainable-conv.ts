/**
 * The convolution of training runs: tf.conv2d forward, with a gradient that works on every backend.
 * - dx: at stride 1 a forward convolution with the flipped filter (WASM's Conv2DBackpropInput is several
 *   times slower than its Conv2D; see differentiable-ops.ts), else tfjs's Conv2DBackpropInput.
 * - dW: the backend's Conv2DBackpropFilter where it registers one, else built from ops
 *   (conv2d-backprop-filter.ts); `filterGradientSource` says which, so a caller can tell the user.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Padding } from '../../model/types.ts';
import { stride1InputGradient } from '../executor/differentiable-ops.ts';
import { conv2dFilterGradient } from './conv2d-backprop-filter.ts';

export function conv2dTrainable(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, padding: Padding): tf.Tensor4D {
  const convolve = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, weights, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([input, weights]);
    return {
      value: tf.conv2d(input, weights, stride, padding),
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const [, h, w] = xs.shape;
        const dx = stride === 1
          ? stride1InputGradient(dy, ws, [h, w], padding)
          : tf.conv2dTranspose(dy, ws, xs.shape, stride, padding);
        const shape = ws.shape as [number, number, number, number];
        return [dx, conv2dFilterGradient(xs, dy, shape, stride, padding)];
      },
    };
  });
  return convolve(x, filter) as tf.Tensor4D;
}
