/**
 * The max pool's gradient for every differentiable run (training, Grad-CAM, feature visualisation): the
 * backend's MaxPoolGrad where it is right, else executor/differentiable-ops.ts pools with slices and maxima
 * (right on every backend, slower).
 *
 * TensorFlow.js's WebAssembly backend (4.22) computes MaxPoolGrad wrong (its windows keep the last of tied
 * cells and misplace others: executor/differentiable-ops.ts), so `fixWasmMaxPoolGrad` registers one that
 * reads the tensors where they lie in the module's memory: each window's dy goes to the first of its cells
 * (row by row) equal to the pooled value — the cell PyTorch's and the CPU backend's MaxPoolGrad choose. The
 * pooling from slices cost a training step of Inception-v4-S ~8% of its kernel time on WASM (its Maximum
 * kernel is slow, ~13 ns a value; bench:training --profile); the forward MaxPool (XNNPACK) and this
 * gradient take a small part of that.
 */
import * as tf from '@tensorflow/tfjs-core';
import { replaceWasmKernel, wasmKernelReplaced, type HeapBackend } from './wasm-kernels.ts';

/** Where a backend's max-pool gradients come from: its MaxPoolGrad (right there), or slices and maxima. */
export function maxPoolSource(backend: string): 'kernel' | 'ops' {
  if (backend === 'cpu') return 'kernel';
  return backend === 'wasm' && wasmKernelReplaced('MaxPoolGrad') ? 'kernel' : 'ops';
}

/**
 * The max pools' own kernels: the backend's forward and gradient, or (slices and maxima, whose other kernels
 * a differentiable run runs anyway) the comparisons of Maximum's gradient.
 */
export const MAX_POOL_KERNELS: Record<'kernel' | 'ops', readonly string[]> = {
  kernel: ['MaxPool', 'MaxPoolGrad'],
  ops: ['GreaterEqual', 'Less'],
};

const maxPoolGrad: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, input, output } = inputs as unknown as Record<'dy' | 'input' | 'output', tf.TensorInfo>;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const heap = backend as unknown as HeapBackend;
  const out = heap.makeOutput([...input.shape], 'float32');
  // Views after makeOutput: an allocation that grows the memory detaches earlier ones.
  const [x, y, g, dx] = [input, output, dy, out].map((t) => heap.typedArrayFromHeap(t));
  dx.fill(0);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, padInfo } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  // Each window's cells inside the input, row by row, as offsets in x.
  const taps = new Int32Array(filterHeight * filterWidth);
  for (let n = 0; n < batchSize; n++) {
    for (let i = 0; i < outHeight; i++) {
      const top = i * strideHeight - padInfo.top;
      for (let j = 0; j < outWidth; j++) {
        const left = j * strideWidth - padInfo.left;
        let count = 0;
        for (let r = Math.max(0, top); r < Math.min(inHeight, top + filterHeight); r++) {
          for (let c = Math.max(0, left); c < Math.min(inWidth, left + filterWidth); c++) {
            taps[count++] = ((n * inHeight + r) * inWidth + c) * channels;
          }
        }
        const o = ((n * outHeight + i) * outWidth + j) * channels;
        for (let k = 0; k < channels; k++) {
          const max = y[o + k];
          for (let t = 0; t < count; t++) {
            if (x[taps[t] + k] === max) {
              dx[taps[t] + k] += g[o + k];
              break;
            }
          }
        }
      }
    }
  }
  return out;
};

/** Makes the WASM backend's MaxPoolGrad right (above). Idempotent; does nothing where WASM is not registered. */
export function fixWasmMaxPoolGrad(): void {
  replaceWasmKernel('MaxPoolGrad', () => maxPoolGrad);
}
