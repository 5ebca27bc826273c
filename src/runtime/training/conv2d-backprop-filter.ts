/**
 * The gradient of a convolution with respect to its filter. TensorFlow.js's WebAssembly backend (4.22)
 * registers no Conv2DBackpropFilter kernel, so where the active backend lacks it the gradient is built
 * from ops every backend has: for each filter tap (i, j), the input cells that tap reads (a slice of the
 * zero-padded input, strided like the convolution) times dy, summed over batch and grid — one matMul
 * [cin, P]·[P, cout] per tap with P = N·outH·outW. One tap at a time holds one slice, not the
 * kh·kw-times larger im2col matrix.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Padding } from '../../model/types.ts';
import { windows } from '../executor/differentiable-ops.ts';

export type FilterShape = readonly [kh: number, kw: number, cin: number, cout: number];

/** Where a backend's filter gradients come from: its own kernel, or the ops below. */
export function filterGradientSource(backend: string): 'kernel' | 'ops' {
  return tf.getKernel('Conv2DBackpropFilter', backend) ? 'kernel' : 'ops';
}

/** dW [kh, kw, cin, cout] of conv2d(x, W, stride, padding) given dy, on the active backend. */
export function conv2dFilterGradient(
  x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: FilterShape, stride: number, padding: Padding,
): tf.Tensor4D {
  if (filterGradientSource(tf.getBackend()) === 'ops') return conv2dFilterGradientFromOps(x, dy, filterShape, stride, padding);
  const attrs = { strides: [stride, stride], pad: padding, dataFormat: 'NHWC', filterShape: [...filterShape] };
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs) as tf.Tensor4D;
}

/** The same gradient from Pad, Slice / StridedSlice, Reshape, BatchMatMul and Pack only. */
export function conv2dFilterGradientFromOps(
  x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: FilterShape, stride: number, padding: Padding,
): tf.Tensor4D {
  const [kh, kw, cin, cout] = filterShape;
  const [n, h, w, c] = x.shape;
  const [, outH, outW, outC] = dy.shape;
  if (c !== cin || outC !== cout) {
    throw new Error(`filter gradient: x has ${c} channels and dy ${outC}, but the filter is [${filterShape.join(', ')}]`);
  }
  const rows = windows(h, kh, stride, padding);
  const cols = windows(w, kw, stride, padding);
  if (rows.out !== outH || cols.out !== outW) {
    throw new Error(`filter gradient: dy is ${outH}×${outW} but this convolution of a ${h}×${w} input gives ${rows.out}×${cols.out}`);
  }
  return tf.tidy(() => {
    // Padded so that every tap's last read, (out − 1)·stride + tap, is inside.
    const spanH = (outH - 1) * stride + kh;
    const spanW = (outW - 1) * stride + kw;
    const padded = tf.pad(x, [
      [0, 0], [rows.before, Math.max(0, spanH - h - rows.before)], [cols.before, Math.max(0, spanW - w - cols.before)], [0, 0],
    ]);
    const positions = n * outH * outW;
    const gradients = tf.reshape(dy, [positions, cout]);
    const taps: tf.Tensor2D[] = [];
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const seen = stride === 1
          ? tf.slice(padded, [0, i, j, 0], [n, outH, outW, cin])
          : tf.stridedSlice(padded, [0, i, j, 0], [n, i + (outH - 1) * stride + 1, j + (outW - 1) * stride + 1, cin],
            [1, stride, stride, 1]);
        const flat = tf.reshape(seen, [positions, cin]);
        taps.push(tf.matMul(flat, gradients, true, false));
        tf.dispose([seen, flat]);
      }
    }
    return tf.reshape(tf.stack(taps), [kh, kw, cin, cout]);
  });
}
