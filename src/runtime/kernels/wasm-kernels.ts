/**
 * Replacing kernels of TensorFlow.js's WebAssembly backend (4.22) where its own copy more than they need or
 * compute wrong values (shared-identity.ts, heap-slice.ts, max-pool-gradient.ts). A replacement may read
 * and write tensors where they lie, through views of the module's memory.
 */
import * as tf from '@tensorflow/tfjs-core';

export type HeapValues = Float32Array | Int32Array | Uint8Array;

/** The parts of the WASM backend the replacements use. */
export interface HeapBackend {
  /** A new tensor's memory, uninitialised. */
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A view of the tensor's values in the module's memory: take it after makeOutput, which may detach it. */
  typedArrayFromHeap(t: tf.TensorInfo): HeapValues;
  incRef(dataId: tf.DataId): void;
}

/** The kernels registered by `replaceWasmKernel`, by name. */
const replacements = new Map<string, tf.KernelFunc>();

/**
 * Registers `make(own)` as WASM's `name` kernel (own: the kernel it replaces, for the inputs it keeps).
 * Idempotent; does nothing where WASM is not registered.
 */
export function replaceWasmKernel(name: string, make: (own: tf.KernelFunc) => tf.KernelFunc): void {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel || kernel.kernelFunc === replacements.get(name)) return;
  const replacement = make(kernel.kernelFunc);
  replacements.set(name, replacement);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: replacement });
}

/** Whether WASM's `name` kernel is the one `replaceWasmKernel` registered. */
export function wasmKernelReplaced(name: string): boolean {
  const kernel = tf.getKernel(name, 'wasm');
  return kernel !== undefined && kernel.kernelFunc === replacements.get(name);
}

/** For `replaceWasmKernel`: `kernel` for numeric x, WASM's own kernel for strings. */
export function numericOnly(kernel: tf.KernelFunc): (own: tf.KernelFunc) => tf.KernelFunc {
  return (own) => (args) => ((args.inputs.x as tf.TensorInfo).dtype === 'string' ? own : kernel)(args);
}
