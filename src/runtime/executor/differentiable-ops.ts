/**
 * Layer operations for runs that TensorFlow.js differentiates (Grad-CAM): the same functions as
 * `ops.ts`, written with ops whose gradients are right on every backend. Measured in tfjs 4.22:
 *
 * - The fused convolution's and classifier's gradients also compute the filter's gradient
 *   (Conv2DBackpropFilter, which the WASM backend does not register, and twice the work); the plain
 *   ops' gradients compute only what the input needs.
 * - AvgPoolGrad (CPU, WASM, WebGL, WebGPU alike) divides border windows of "same" pooling by the whole
 *   window, while the forward op divides by the cells inside the input: border gradients come out wrong.
 * - WASM's MaxPoolGrad returns wrong gradients for every padding and stride tried (replaced:
 *   kernels/max-pool-gradient.ts).
 *
 * So pooling here is built from slices of the (padded) input and element-wise maxima or sums, one axis
 * at a time; their gradients (slices, pads, reshapes, maximum, add) are plain and right everywhere. The
 * stride-1 "same" average pool (Inception's) keeps the forward op and has its gradient written out; the
 * max pool keeps the backend's op where its gradient is right (the CPU's, WASM's replacement). At ties
 * that kernel passes the gradient to the first tied cell, row by row, as PyTorch does; the slices (other
 * backends) to one of them, which is a valid subgradient.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AvgPool, Conv, MaxPool, Padding } from '../../model/types.ts';
import { fixWasmMaxPoolGrad, maxPoolSource } from '../kernels/max-pool-gradient.ts';
import type { ConvTensors, DenseTensors } from './ops.ts';

export function convolveUnfused(x: tf.Tensor4D, layer: Conv, weights: ConvTensors): tf.Tensor4D {
  const y = tf.add(conv2dForGradients(x, weights.filter, layer.stride, layer.padding), weights.bias) as tf.Tensor4D;
  return layer.activation === 'relu' ? tf.relu(y) : y;
}

/**
 * A convolution whose input gradient, at stride 1, is itself a forward convolution of the gradient with
 * the filter flipped in space and its in/out channels swapped (the adjoint of a stride-1 convolution).
 * WASM runs its forward convolution several times faster than its Conv2DBackpropInput, which made
 * nine-tenths of a Grad-CAM's time; strided convolutions keep tfjs's own gradient.
 */
export function conv2dForGradients(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, padding: Padding): tf.Tensor4D {
  if (stride !== 1) return tf.conv2d(x, filter, stride, padding);
  const [kh, kw] = filter.shape;
  const [, h, w] = x.shape;
  const rows = windows(h, kh, 1, padding);
  const cols = windows(w, kw, 1, padding);
  const kept = adjoints;
  const convolve = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: tf.conv2d(inputs[0] as tf.Tensor4D, filter, 1, padding),
    gradFunc: (dy: tf.Tensor4D) => {
      // A 1×1 filter's adjoint is a fast transpose: not worth its memory.
      const adjoint = kept && kh * kw > 1 ? kept.of(filter) : adjointFilter(filter);
      // Output o reads inputs o − before … o − before + k − 1, so dx[i] = Σ_t dy[i + before − (k − 1) + t]·W[k − 1 −
      // t]:
      // a valid convolution of dy padded with k − 1 − before zeros before and (size − out) + before after.
      const padded = tf.pad(dy, [
        [0, 0],
        [kh - 1 - rows.before, h - rows.out + rows.before],
        [kw - 1 - cols.before, w - cols.out + cols.before],
        [0, 0],
      ]);
      return tf.conv2d(padded, adjoint, 1, 'valid');
    },
  }));
  return convolve(x) as tf.Tensor4D;
}

/** The filter flipped in space with its in/out channels swapped; a 1×1 filter needs no flip. */
function adjointFilter(filter: tf.Tensor4D): tf.Tensor4D {
  const [kh, kw] = filter.shape;
  return tf.tidy(() => tf.transpose(kh * kw === 1 ? filter : tf.reverse(filter, [0, 1]), [0, 1, 3, 2]));
}

/**
 * The flipped filters of the convolutions differentiated while `use` runs (all but 1×1), each made once
 * and kept until `dispose`: a Grad-CAM differentiates the same layers once per class, and WASM's Reverse
 * took as long as all the convolutions of a backward pass (bench/grad-cam.ts). They hold as much memory as
 * those filters: at most 106 MiB (a Grad-CAM at Inception-v4's stem; 64 MiB for Inception-ResNet-v2). For
 * weights that do not change meanwhile.
 */
export class AdjointFilters {
  private readonly kept = new Map<tf.Tensor4D, tf.Tensor4D>();

  /** Runs `run` (forward and backward) with this memo. */
  use<T>(run: () => T): T {
    return withAdjoints(this, run);
  }

  of(filter: tf.Tensor4D): tf.Tensor4D {
    let adjoint = this.kept.get(filter);
    if (!adjoint || adjoint.isDisposed) {
      adjoint = tf.keep(adjointFilter(filter));
      this.kept.set(filter, adjoint);
    }
    return adjoint;
  }

  /** How many filters are kept. */
  get size(): number {
    return this.kept.size;
  }

  dispose(): void {
    tf.dispose([...this.kept.values()]);
    this.kept.clear();
  }
}

/** The memo of the running `AdjointFilters.use`, if any. */
let adjoints: AdjointFilters | undefined;

function withAdjoints<T>(memo: AdjointFilters, run: () => T): T {
  const previous = adjoints;
  adjoints = memo;
  try {
    return run();
  } finally {
    adjoints = previous;
  }
}

export function fullyConnectedUnfused(x: tf.Tensor2D, weights: DenseTensors): tf.Tensor2D {
  return tf.add(tf.matMul(x, weights.kernel), weights.bias) as tf.Tensor2D;
}

/** Below any activation; padded cells never win a window that holds an input cell. */
const LOWEST = -3e38;

/**
 * The max pool of a run that takes gradients: the backend's MaxPool where its MaxPoolGrad is right (the CPU
 * backend's; WASM's once replaced, which this does: kernels/max-pool-gradient.ts), else slices and maxima.
 */
export function maxPoolDifferentiable(x: tf.Tensor4D, layer: MaxPool): tf.Tensor4D {
  const backend = tf.getBackend();
  if (backend === 'wasm') fixWasmMaxPoolGrad();
  if (maxPoolSource(backend) === 'ops') return maxPoolFromSlices(x, layer);
  return tf.maxPool(x, [layer.kernel[0], layer.kernel[1]], layer.stride, layer.padding);
}

/** The max pool from slices and maxima: its gradient is right on every backend (the first tied cell wins). */
export function maxPoolFromSlices(x: tf.Tensor4D, layer: MaxPool): tf.Tensor4D {
  return pool2d(x, layer, LOWEST, (views) => views.reduce((a, b) => tf.maximum(a, b)));
}

/** Mean over the window's cells inside the input (TF "SAME" semantics, timm's count_include_pad=False). */
export function avgPoolDifferentiable(x: tf.Tensor4D, layer: AvgPool): tf.Tensor4D {
  const [kh, kw] = layer.kernel;
  if (layer.stride === 1 && layer.padding === 'same' && kh % 2 === 1 && kw % 2 === 1) return boxAverage(x, layer);
  const sums = pool2d(x, layer, 0, (views) => views.reduce((a, b) => tf.add(a, b)));
  return tf.div(sums, windowCounts(x, layer));
}

/**
 * The stride-1 "same" average pool of an odd window (Inception's 3×3): the backend's own AvgPool forward
 * (its values are right; only its gradient is not, above), and the gradient written out — each output's
 * dy divided by its window's count, summed back over the same window: a depthwise convolution with ones,
 * whose zero padding is symmetric for an odd window. On WASM a 32×32×96 pool at batch 32 took ~240 ms of
 * CPU forward and backward by slices, ~30 ms this way (bench:training's profile).
 */
function boxAverage(x: tf.Tensor4D, layer: AvgPool): tf.Tensor4D {
  const [kh, kw] = layer.kernel;
  const channels = x.shape[3];
  const pool = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: tf.avgPool(args[0] as tf.Tensor4D, [kh, kw], 1, 'same'),
    gradFunc: (dy: tf.Tensor4D) =>
      tf.depthwiseConv2d(tf.div(dy, windowCounts(x, layer)) as tf.Tensor4D, tf.ones([kh, kw, channels, 1]), 1, 'same'),
  }));
  return pool(x) as tf.Tensor4D;
}

/** How many input cells each output window of the pool holds: [1, outH, outW, 1]. */
function windowCounts(x: tf.Tensor4D, layer: AvgPool): tf.Tensor4D {
  const [, h, w] = x.shape;
  const rows = windows(h, layer.kernel[0], layer.stride, layer.padding).inside;
  const cols = windows(w, layer.kernel[1], layer.stride, layer.padding).inside;
  const counts = new Float32Array(rows.length * cols.length);
  rows.forEach((r, i) =>
    cols.forEach((c, j) => {
      counts[i * cols.length + j] = r * c;
    }),
  );
  return tf.tensor4d(counts, [1, rows.length, cols.length, 1]);
}

/** Pools rows, then columns: both pools are separable (a max of maxima, a sum of sums). */
function pool2d(
  x: tf.Tensor4D,
  layer: MaxPool | AvgPool,
  fill: number,
  combine: (views: tf.Tensor3D[]) => tf.Tensor3D,
): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const rows = windows(h, layer.kernel[0], layer.stride, layer.padding);
  const byRows = combine(axisViews(tf.reshape(x, [n, h, w * c]), rows, layer.kernel[0], layer.stride, fill));
  const cols = windows(w, layer.kernel[1], layer.stride, layer.padding);
  const byCols = combine(
    axisViews(tf.reshape(byRows, [n * rows.out, w, c]), cols, layer.kernel[1], layer.stride, fill),
  );
  return tf.reshape(byCols, [n, rows.out, cols.out, c]);
}

/**
 * The `kernel` views of axis 1 of t [a, size, b] that the windows see, each [a, out, b]: view i holds
 * t[o·stride + i − before] for every output o. The axis is padded with `fill` to a multiple of the stride
 * and reshaped to [a, length / stride, stride, b], so each view is a plain slice.
 */
function axisViews(t: tf.Tensor3D, axis: Windows, kernel: number, stride: number, fill: number): tf.Tensor3D[] {
  const [a, size, b] = t.shape;
  const length = (axis.out - 1 + Math.ceil(kernel / stride)) * stride;
  const after = length - size - axis.before;
  const padded =
    after >= 0
      ? tf.pad(
          t,
          [
            [0, 0],
            [axis.before, after],
            [0, 0],
          ],
          fill,
        )
      : tf.slice(
          tf.pad(
            t,
            [
              [0, 0],
              [axis.before, 0],
              [0, 0],
            ],
            fill,
          ),
          [0, 0, 0],
          [a, length, b],
        );
  const grid = tf.reshape(padded, [a, length / stride, stride, b]);
  return Array.from(
    { length: kernel },
    (_, i) =>
      tf.reshape(tf.slice(grid, [0, Math.floor(i / stride), i % stride, 0], [a, axis.out, 1, b]), [
        a,
        axis.out,
        b,
      ]) as tf.Tensor3D,
  );
}

interface Windows {
  out: number;
  before: number;
  /** How many cells of each output window lie inside the input. */
  inside: number[];
}

/** TensorFlow's window placement along one axis ("same": out = ceil(size / stride), the extra padding after). */
export function windows(size: number, kernel: number, stride: number, padding: Padding): Windows {
  const out = padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
  const before = padding === 'same' ? Math.floor(Math.max((out - 1) * stride + kernel - size, 0) / 2) : 0;
  const inside = Array.from({ length: out }, (_, i) => {
    const start = i * stride - before;
    return Math.min(start + kernel, size) - Math.max(start, 0);
  });
  return { out, before, inside };
}
