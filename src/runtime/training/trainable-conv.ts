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
          ? stride1InputGradient(dy, ws, [h, w], padding, adjointFilter(ws))
          : tf.conv2dTranspose(dy, ws, xs.shape, stride, padding);
        const shape = ws.shape as [number, number, number, number];
        return [dx, conv2dFilterGradient(xs, dy, shape, stride, padding)];
      },
    };
  });
  return convolve(x, filter) as tf.Tensor4D;
}

/**
 * The filter flipped in space, in/out channels swapped: [kh, kw, out, in]. The flip is a product with the
 * anti-identity over the kh·kw taps, exact for finite weights (each output is one weight times 1 plus
 * zeros), because WASM's Reverse kernel took 4 ms where this takes 0.4 (a 3×3×64×96 filter).
 */
export function adjointFilter(filter: tf.Tensor4D): tf.Tensor4D {
  const [kh, kw, cin, cout] = filter.shape;
  return tf.tidy(() => {
    const taps = kh * kw;
    const flip = tf.buffer([taps, taps], 'float32');
    for (let t = 0; t < taps; t++) flip.set(1, t, taps - 1 - t);
    const flipped = tf.matMul(flip.toTensor() as tf.Tensor2D, tf.reshape(filter, [taps, cin * cout]));
    return tf.transpose(tf.reshape(flipped, [kh, kw, cin, cout]), [0, 1, 3, 2]);
  });
}
