/**
 * TensorFlow.js's WebAssembly backend (4.22) runs Slice and SplitV in JavaScript, reading the input through
 * `readSync`, which copies the whole tensor out of the module's memory first: SplitV, which slices once per
 * part, copied its whole input once per part (the concatenations' gradients: SplitV was ~9% of a training
 * step's kernel time, bench:training --profile). These kernels read the input where it lies, through a view
 * of the module's memory, and copy only the slice: runs of values contiguous in both tensors, one call each.
 * Same values (a copy), for every numeric dtype; strings go to WASM's own kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { numericOnly, replaceWasmKernel, type HeapBackend } from './wasm-kernels.ts';

/** Runs shorter than this are copied value by value: a typed array's set() costs more than a short loop. */
const SHORT_RUN = 32;

/** x[begin … begin + size) as a new tensor, copied run by run from the module's memory. */
export function sliceFromHeap(x: tf.TensorInfo, begin: number[], size: number[], backend: HeapBackend): tf.TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  if (size.some((s) => s === 0)) return out;
  // The views are taken after makeOutput: an allocation that grows the memory detaches earlier views.
  const source = backend.typedArrayFromHeap(x);
  const target = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  if (rank === 0) {
    target[0] = source[0];
    return out;
  }
  const strides = tf.util.computeStrides(x.shape);
  // The run: the innermost axes that are whole, and the one axis before them (all axes: one run).
  let axis = rank - 1;
  while (axis > 0 && begin[axis] === 0 && size[axis] === x.shape[axis]) axis--;
  const run = size[axis] * (axis + 1 < rank ? strides[axis] : 1);
  const start = begin.reduce((offset, b, d) => offset + b * (d + 1 < rank ? strides[d] : 1), 0);
  const outer = size.slice(0, axis);
  const index = new Array<number>(axis).fill(0);
  const count = outer.reduce((a, b) => a * b, 1);
  let from = start;
  for (let k = 0, to = 0; k < count; k++, to += run) {
    if (run < SHORT_RUN) {
      for (let i = 0; i < run; i++) target[to + i] = source[from + i];
    } else {
      target.set(source.subarray(from, from + run), to);
    }
    // The next outer index (an odometer over axes axis − 1 … 0) and its offset in x.
    for (let d = axis - 1; d >= 0; d--) {
      index[d]++;
      from += strides[d];
      if (index[d] < outer[d]) break;
      from -= index[d] * strides[d];
      index[d] = 0;
    }
  }
  return out;
}

const slice: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const { x } = inputs as unknown as { x: tf.TensorInfo };
  const { begin, size } = attrs as unknown as tf.SliceAttrs;
  const [start, extent] = tf.slice_util.parseSliceParams(x, begin, size);
  return sliceFromHeap(x, start, extent, backend as unknown as HeapBackend);
};

const splitV: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const { x } = inputs as unknown as { x: tf.TensorInfo };
  const { numOrSizeSplits, axis } = attrs as unknown as tf.SplitVAttrs;
  const along = tf.util.parseAxisParam(axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, along);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = [...x.shape];
    size[along] = s;
    const part = sliceFromHeap(x, [...begin], size, backend as unknown as HeapBackend);
    begin[along] += s;
    return part;
  });
};

/**
 * Makes the WASM backend's Slice and SplitV copy only the slice (strings still go to WASM's own kernels).
 * Idempotent; does nothing where WASM is not registered.
 */
export function sliceWasmFromHeap(): void {
  replaceWasmKernel('Slice', numericOnly(slice));
  replaceWasmKernel('SplitV', numericOnly(splitV));
}
