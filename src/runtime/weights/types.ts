/** Weights as the runtime consumes them: float32 tensors in the checkpoint's own (PyTorch) layout, by name. */

export interface TensorData {
  /** PyTorch layout: conv [O, I, kh, kw], linear [out, in], vectors [n]. */
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** A set of named tensors: a parsed safetensors file, or generated recipe weights. */
export interface TensorSource {
  get(name: string): TensorData | undefined;
  names(): string[];
  /** A tensor's shape without producing its data (a parsed file or generated weights answer cheaply). */
  shapeOf?(name: string): readonly number[] | undefined;
  /** A file's safetensors "__metadata__" (stand-in weights are marked there: stand-in.ts). */
  readonly metadata?: Readonly<Record<string, string>>;
}

export function tensorSourceFromMap(map: ReadonlyMap<string, TensorData>): TensorSource {
  return { get: (name) => map.get(name), names: () => [...map.keys()], shapeOf: (name) => map.get(name)?.shape };
}
