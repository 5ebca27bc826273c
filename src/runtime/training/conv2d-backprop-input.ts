/**
 * The gradient of a convolution with respect to its input, as a forward convolution on every backend:
 * dy dilated by the stride (s − 1 zeros between its cells), padded, convolved ("valid") with the filter
 * flipped in space and its in/out channels swapped — the adjoint of the convolution. WASM runs its
 * Conv2D several times faster than its Conv2DBackpropInput (measured 7.5 against 19 ms for a stride-2
 * 3×3 layer at batch 32; see also executor/differentiable-ops.ts); a 1×1 stride-1 layer needs only the
 * filter transposed.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Padding } from '../../model/types.ts';
import { windows } from '../executor/differentiable-ops.ts';

type Windows = ReturnType<typeof windows>;

/** dx [N, h, w, cin] of conv2d(x, filter [kh, kw, cin, cout], stride, padding) given dy [N, outH, outW, cout]. */
export function conv2dInputGradient(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  [h, w]: readonly [number, number],
  stride: number,
  padding: Padding,
): tf.Tensor4D {
  const [kh, kw, cin, cout] = filter.shape;
  return tf.tidy(() => {
    if (kh === 1 && kw === 1 && stride === 1) {
      const transposed = tf.reshape(tf.transpose(tf.reshape(filter, [cin, cout])), [1, 1, cout, cin]) as tf.Tensor4D;
      return tf.conv2d(dy, transposed, 1, 'valid');
    }
    const rows = windows(h, kh, stride, padding);
    const cols = windows(w, kw, stride, padding);
    if (stride > 1 && kh >= stride && kw >= stride) return phasedInputGradient(dy, filter, [h, w], stride, rows, cols);
    const [n, outH, outW] = dy.shape;
    const dilated = stride === 1 ? dy : dilate(dy, stride);
    // Output o reads inputs o·stride − before + t, so dx[i] = Σ_t dilated[i + before − t]·W[t]: a "valid"
    // convolution with the flipped filter of dilated padded by k − 1 − before, and up to i + before after
    // (the convolution's own explicit padding; only a negative "after" needs a Slice first).
    const afterH = h + rows.before - outH * stride;
    const afterW = w + cols.before - outW * stride;
    const cropped =
      afterH >= 0 && afterW >= 0
        ? dilated
        : tf.slice(
            dilated,
            [0, 0, 0, 0],
            [n, outH * stride + Math.min(0, afterH), outW * stride + Math.min(0, afterW), cout],
          );
    const pad: [[0, 0], [number, number], [number, number], [0, 0]] = [
      [0, 0],
      [kh - 1 - rows.before, Math.max(0, afterH)],
      [kw - 1 - cols.before, Math.max(0, afterW)],
      [0, 0],
    ];
    return tf.conv2d(cropped, adjointFilter(filter), 1, pad);
  });
}

/**
 * dx of a strided convolution as stride² convolutions of dy itself, one per phase of the input's cells
 * (row mod stride, column mod stride), interleaved: a cell of phase a reads only the taps t ≡ a + before
 * (mod stride), so each phase is a stride-1 "full" convolution of dy with those taps, flipped. The same
 * products as the forward convolution where the dilated dy (3/4 zeros at stride 2) cost stride² times as
 * many. Every phase is computed on the same ⌈h/s⌉×⌈w/s⌉ grid (a cell past the input is cut off after).
 */
function phasedInputGradient(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  [h, w]: readonly [number, number],
  stride: number,
  rows: Windows,
  cols: Windows,
): tf.Tensor4D {
  const [kh, kw, cin, cout] = filter.shape;
  const [n, outH, outW] = dy.shape;
  const [gridH, gridW] = [Math.ceil(h / stride), Math.ceil(w / stride)];
  const adjoint = adjointFilter(filter);
  const phases: tf.Tensor4D[] = [];
  for (let a = 0; a < stride; a++) {
    const r = phase(a, rows.before, kh, stride, outH, gridH);
    for (let b = 0; b < stride; b++) {
      const c = phase(b, cols.before, kw, stride, outW, gridW);
      const taps = phaseTaps(adjoint, r, c, stride);
      const whole = r.keep === outH && c.keep === outW;
      const source = whole ? dy : tf.slice(dy, [0, r.crop, c.crop, 0], [n, r.keep, c.keep, cout]);
      const pad: [[0, 0], [number, number], [number, number], [0, 0]] = [
        [0, 0],
        [r.before, r.after],
        [c.before, c.after],
        [0, 0],
      ];
      phases.push(tf.conv2d(source, taps, 1, pad));
    }
  }
  // Cell (i, j) of phase (a, b) goes to (i·s + a, j·s + b): the phases of a row a stacked after the columns
  // ([n, gridH, gridW, s, cin] is [n, gridH, gridW·s, cin]), then those rows after the grid's rows. Two Packs
  // (copies of whole channel vectors) where a 5-D Transpose took ~10× as long on WASM (its generic loop).
  const phaseRows = Array.from({ length: stride }, (_, a) =>
    tf.reshape(tf.stack(phases.slice(a * stride, (a + 1) * stride), 3), [n, gridH, gridW * stride, cin]),
  );
  const grid = tf.reshape(tf.stack(phaseRows, 2), [n, gridH * stride, gridW * stride, cin]);
  return (gridH * stride === h && gridW * stride === w ? grid : tf.slice(grid, 0, [n, h, w, cin])) as tf.Tensor4D;
}

/**
 * The phase's taps of the flipped filter: every stride-th row and column from `first`. One Slice of the
 * filter padded to whole strides and seen as [rows / s, s, columns / s, s·cout·cin], where WASM's
 * StridedSlice took ~5 ms for the 2×2 taps of a 3×3×96×96 filter (this, ~0.5).
 */
function phaseTaps(adjoint: tf.Tensor4D, r: Phase, c: Phase, stride: number): tf.Tensor4D {
  const [kh, kw, cout, cin] = adjoint.shape;
  const [rowBlock, columnBlock] = [Math.floor(r.first / stride), Math.floor(c.first / stride)];
  const rows = stride * Math.max(rowBlock + r.taps, Math.ceil(kh / stride));
  const columns = stride * Math.max(columnBlock + c.taps, Math.ceil(kw / stride));
  const padded = tf.pad(adjoint, [
    [0, rows - kh],
    [0, columns - kw],
    [0, 0],
    [0, 0],
  ]);
  const blocks = tf.reshape(padded, [rows / stride, stride, columns / stride, stride * cout * cin]);
  const begin = [rowBlock, r.first % stride, columnBlock, (c.first % stride) * cout * cin];
  return tf.reshape(tf.slice(blocks, begin, [r.taps, 1, c.taps, cout * cin]), [r.taps, c.taps, cout, cin]);
}

type Phase = ReturnType<typeof phase>;

/**
 * Along one axis, the cells a, a + s, … of the input: their taps (t ≡ a + before mod s: how many, and where
 * the first of them is in the flipped filter) and the rows of dy (from `crop`, `keep` of them) and zeros
 * around them (`before`, `after`) from which a stride-1 valid convolution gives `grid` of those cells.
 */
function phase(a: number, before: number, kernel: number, stride: number, out: number, grid: number) {
  const residue = (a + before) % stride;
  const taps = Math.ceil((kernel - residue) / stride);
  // The first cell (a) reads dy from row `start` back by up to taps − 1 rows.
  const start = (a + before - residue) / stride;
  const crop = Math.max(0, start - (taps - 1));
  const padBefore = Math.max(0, taps - 1 - start);
  const length = grid + taps - 1;
  const keep = Math.min(out - crop, length - padBefore);
  return {
    taps,
    first: kernel - 1 - residue - stride * (taps - 1),
    crop,
    keep,
    before: padBefore,
    after: length - padBefore - keep,
  };
}

/**
 * dy with stride − 1 zeros after each cell in both spatial axes: [n, h·s, w·s, c]. Two PadV2 of 4-D views
 * ([n, h, 1, w·c] to [n, h, s, w·c], then [n·h·s, w, 1, c] to [n·h·s, w, s, c]): stacking zeros took a
 * ZerosLike and a Pack per axis, and WebGPU cannot pad a 6-D view (its shader indexes a "vec6": invalid WGSL).
 */
function dilate(dy: tf.Tensor4D, stride: number): tf.Tensor4D {
  const [n, h, w, c] = dy.shape;
  const after: Array<[number, number]> = [
    [0, 0],
    [0, 0],
    [0, stride - 1],
    [0, 0],
  ];
  const rows = tf.reshape(tf.pad(tf.reshape(dy, [n, h, 1, w * c]), after), [n * h * stride, w, 1, c]);
  return tf.reshape(tf.pad(rows, after), [n, h * stride, w * stride, c]);
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
