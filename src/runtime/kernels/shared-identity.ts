/**
 * TensorFlow.js's WebAssembly backend (4.22) copies a tensor's memory in its Identity kernel, where the CPU
 * and WebGL backends share it (one more reference, as WASM's own Reshape does). The engine runs Identity for
 * every tensor it keeps for a backward pass (a kernel's saved inputs and outputs, a custom gradient's
 * `save`): on WASM a training step copied each of them once more (Identity was 7–8% of a step's kernel time,
 * bench:training --profile). Tensors are immutable and no kernel writes into its inputs, so sharing gives the
 * same values; the memory is freed when the last tensor sharing it is disposed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { numericOnly, replaceWasmKernel, type HeapBackend } from './wasm-kernels.ts';

const sharedIdentity: tf.KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as unknown as { x: tf.TensorInfo };
  (backend as unknown as HeapBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/**
 * Makes the WASM backend's Identity share its input's memory (strings are still copied, by WASM's own
 * kernel). Idempotent; does nothing where WASM is not registered.
 */
export function shareWasmIdentity(): void {
  replaceWasmKernel('Identity', numericOnly(sharedIdentity));
}
