/**
 * Layer operations for runs that TensorFlow.js differentiates (Grad-CAM): the same functions as
 * `ops.ts`, written with ops whose gradients are right on every backend.
 *
 * - Convolutions and the classifier are not fused: the fused ops' gradient also computes the filter's
 *   gradient (Conv2DBackpropFilter, which the WASM backend does not register, and twice the work), while
 *   the plain ops' gradients compute only what the input needs.
 * - Average pooling with "same" padding: tfjs's forward op excludes padded cells from the mean, but its
 *   AvgPoolGrad kernel (CPU, WASM, WebGL and WebGPU alike, tfjs 4.22) divides by the whole window, so
 *   border gradients come out wrong. Here the input is zero-padded explicitly, pooled "valid" (whose
 *   gradient is right) and each cell rescaled by window size / cells inside the input.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AvgPool, Conv } from '../../model/types.ts';
import type { ConvTensors, DenseTensors } from './ops.ts';

export function convolveUnfused(x: tf.Tensor4D, layer: Conv, weights: ConvTensors): tf.Tensor4D {
  const y = tf.add(tf.conv2d(x, weights.filter, layer.stride, layer.padding), weights.bias) as tf.Tensor4D;
  return layer.activation === 'relu' ? tf.relu(y) : y;
}

export function fullyConnectedUnfused(x: tf.Tensor2D, weights: DenseTensors): tf.Tensor2D {
  return tf.add(tf.matMul(x, weights.kernel), weights.bias) as tf.Tensor2D;
}

export function avgPoolDifferentiable(x: tf.Tensor4D, layer: AvgPool): tf.Tensor4D {
  if (layer.padding === 'valid') return tf.avgPool(x, [layer.kernel[0], layer.kernel[1]], layer.stride, 'valid');
  const [, h, w] = x.shape;
  const rows = samePadding(h, layer.kernel[0], layer.stride);
  const cols = samePadding(w, layer.kernel[1], layer.stride);
  const padded = tf.pad(x, [[0, 0], [rows.before, rows.after], [cols.before, cols.after], [0, 0]]);
  const pooled = tf.avgPool(padded, [layer.kernel[0], layer.kernel[1]], layer.stride, 'valid');
  const windowSize = layer.kernel[0] * layer.kernel[1];
  const rescale = new Float32Array(rows.inside.length * cols.inside.length);
  rows.inside.forEach((r, i) => cols.inside.forEach((c, j) => { rescale[i * cols.inside.length + j] = windowSize / (r * c); }));
  return tf.mul(pooled, tf.tensor4d(rescale, [1, rows.inside.length, cols.inside.length, 1]));
}

/** TensorFlow's "SAME" padding along one axis, and how many cells of each output window lie inside. */
export function samePadding(size: number, kernel: number, stride: number): { before: number; after: number; inside: number[] } {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  const inside = Array.from({ length: out }, (_, i) => {
    const start = i * stride - before;
    return Math.min(start + kernel, size) - Math.max(start, 0);
  });
  return { before, after: total - before, inside };
}
