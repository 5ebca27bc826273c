/**
 * The gradient of a convolution with respect to its filter. TensorFlow.js's WebAssembly backend (4.22)
 * registers no Conv2DBackpropFilter kernel, so where the active backend lacks it the gradient is built
 * from ops every backend has. dW[i, j, c, o] = Σ_{n, p, q} x̂[n, p·s + i, q·s + j, c]·dy[n, p, q, o] (x̂ the
 * zero-padded input) is itself a convolution: of x̂ with batch and channels swapped, [c, H, W, n], by dy
 * as a filter [p, q, n, o], dilated by the stride s, giving [c, i, j, o]. WASM runs it within 2× of the
 * forward convolution (a 3×3 layer at batch 8: 3.4 ms, the forward 7 ms, a tap-by-tap matMul 44 ms: its
 * BatchMatMul is slow with a transposed operand, its Slice on large tensors).
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
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: FilterShape,
  stride: number,
  padding: Padding,
): tf.Tensor4D {
  if (filterGradientSource(tf.getBackend()) === 'ops') {
    return conv2dFilterGradientFromOps(x, dy, filterShape, stride, padding);
  }
  const attrs = { strides: [stride, stride], pad: padding, dataFormat: 'NHWC', filterShape: [...filterShape] };
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs) as tf.Tensor4D;
}

/** The same gradient from Transpose, Conv2D, Slice and (1×1 layers) BatchMatMul only. */
export function conv2dFilterGradientFromOps(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: FilterShape,
  stride: number,
  padding: Padding,
): tf.Tensor4D {
  const [kh, kw, cin, cout] = filterShape;
  const [, h, w, c] = x.shape;
  const [, outH, outW, outC] = dy.shape;
  if (c !== cin || outC !== cout) {
    const shape = filterShape.join(', ');
    throw new Error(`filter gradient: x has ${c} channels and dy ${outC}, but the filter is [${shape}]`);
  }
  const rows = windows(h, kh, stride, padding);
  const cols = windows(w, kw, stride, padding);
  if (rows.out !== outH || cols.out !== outW) {
    throw new Error(
      `filter gradient: dy is ${outH}×${outW} but this convolution of a ${h}×${w} input ` +
        `gives ${rows.out}×${cols.out}`,
    );
  }
  return tf.tidy(() => {
    if (kh === 1 && kw === 1 && stride === 1) return pointwiseFilterGradient(x, dy);
    // Padded so that every tap's last read, (out − 1)·stride + tap, is inside: the convolution's own
    // explicit padding of the transposed input (a PadV2 of the input copied it once more).
    const spanH = (outH - 1) * stride + kh;
    const spanW = (outW - 1) * stride + kw;
    const input = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D;
    const pad: [[0, 0], [number, number], [number, number], [0, 0]] = [
      [0, 0],
      [rows.before, Math.max(0, spanH - h - rows.before)],
      [cols.before, Math.max(0, spanW - w - cols.before)],
      [0, 0],
    ];
    const filter = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
    const full = tf.conv2d(input, filter, 1, pad, 'NHWC', stride);
    // "valid" convolutions may leave rows or columns they never read: taps beyond kh, kw are not the filter's.
    const taps =
      full.shape[1] === kh && full.shape[2] === kw ? full : tf.slice(full, [0, 0, 0, 0], [cin, kh, kw, cout]);
    return tf.transpose(taps, [1, 2, 0, 3]);
  });
}

/**
 * A 1×1 layer's filter gradient, a product of the input's and dy's rows: xᵀ·dy [cin, cout], or (dyᵀ·x)ᵀ
 * when x has more channels: the tensor of fewer channels always goes on the right. WASM's BatchMatMul
 * (XNNPACK's fully-connected operator) packs its right operand into a layout of its own when it first meets
 * that tensor, and in training every dy and x is new, so each product packs: slow (~8 ns a value, the
 * product itself ~0.1 ns a multiply-add), and cheaper for the smaller operand than the transpose of the
 * larger operand into the left one's rows costs. WASM, one thread, fresh tensors at batch 32: 32×32 8 → 80
 * channels 22.9 → 7.4 ms, 32 → 80 27.8 → 13.8, 15×15 96 → 272 24.4 → 17.4, 7×7 48 → 520 5.4 → 3.6, and no
 * shape slower. (An earlier measurement with the same tensors every time met the packed operand in XNNPACK's
 * cache and found the opposite.) The values are the same either way.
 */
function pointwiseFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  const [cin, cout] = [x.shape[3], dy.shape[3]];
  const rows = x.size / cin;
  if (cin >= cout) return tf.reshape(tf.matMul(channelsFirst(x), tf.reshape(dy, [rows, cout])), [1, 1, cin, cout]);
  return tf.reshape(tf.transpose(tf.matMul(channelsFirst(dy), tf.reshape(x, [rows, cin]))), [1, 1, cin, cout]);
}

/** t [n, h, w, c] as [c, n·h·w]: each channel's values in a row. */
function channelsFirst(t: tf.Tensor4D): tf.Tensor2D {
  const [n, h, w, c] = t.shape;
  return tf.reshape(tf.transpose(tf.reshape(t, [n, h * w, c]), [2, 0, 1]), [c, n * h * w]);
}
