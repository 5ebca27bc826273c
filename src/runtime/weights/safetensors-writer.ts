/**
 * Writer of the safetensors format, laid out as the reference implementation lays it out: compact JSON
 * with "__metadata__" first and each entry's keys in the order dtype, shape, data_offsets, the header
 * padded with spaces to a multiple of 8 bytes (so float data is aligned), then the tensors' bytes. Unlike
 * the reference, tensors stay in the order given (PyTorch's state_dict order for our checkpoints) instead
 * of being sorted by name. Works in the browser and Node; `safetensors-file.node.ts` streams to a file.
 */
import {
  BYTES_PER_ELEMENT,
  FLOAT_DTYPES,
  LITTLE_ENDIAN_PLATFORM,
  float32ToBfloat16,
  float32ToFloat16,
  type FloatDtype,
} from './dtypes.ts';

export interface TensorSpec {
  name: string;
  /** Row-major shape (PyTorch layout for our checkpoints). */
  shape: readonly number[];
  /** Element type stored in the file; values are given as float32 and rounded to nearest-even. Default F32. */
  dtype?: FloatDtype;
}

export interface TensorToWrite extends TensorSpec {
  data: Float32Array;
}

/** The metadata timm's and PyTorch's files carry. `null` writes no "__metadata__" at all. */
export const PYTORCH_METADATA: Readonly<Record<string, string>> = { format: 'pt' };

export type Metadata = Readonly<Record<string, string>> | null;

function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function byteSize(spec: TensorSpec): number {
  return numel(spec.shape) * BYTES_PER_ELEMENT[spec.dtype ?? 'F32'];
}

/**
 * The file's first bytes: the 8-byte little-endian length, then the JSON header padded with spaces. The
 * JSON is assembled by hand rather than with JSON.stringify of an object, because JavaScript objects put
 * integer-like keys (a tensor named "0") first, which would change the order of the entries.
 */
export function safetensorsHeader(specs: readonly TensorSpec[], metadata: Metadata = PYTORCH_METADATA): Uint8Array {
  const seen = new Set<string>();
  const parts: string[] = [];
  if (metadata) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string')
        throw new Error(`safetensors metadata "${key}" must be a string, not ${JSON.stringify(value)}`);
    }
    parts.push(
      `"__metadata__":{${Object.entries(metadata)
        .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
        .join(',')}}`,
    );
  }
  let offset = 0;
  for (const spec of specs) {
    const dtype = spec.dtype ?? 'F32';
    if (spec.name === '__metadata__') throw new Error('a tensor cannot be named "__metadata__" in a safetensors file');
    if (seen.has(spec.name)) throw new Error(`tensor "${spec.name}" is given twice`);
    seen.add(spec.name);
    if (!FLOAT_DTYPES.includes(dtype)) throw new Error(`tensor "${spec.name}": cannot write dtype ${String(dtype)}`);
    if (!spec.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new Error(
        `tensor "${spec.name}": shape ${JSON.stringify(spec.shape)} is not a list of non-negative integers`,
      );
    }
    const end = offset + byteSize(spec);
    parts.push(
      `${JSON.stringify(spec.name)}:{"dtype":"${dtype}","shape":[${spec.shape.join(',')}],"data_offsets":[${offset},${end}]}`,
    );
    offset = end;
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded).fill(0x20, 8 + json.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  return out;
}

/** A tensor's bytes as stored in the file (little-endian), checking its length against its shape. */
export function encodeTensor(spec: TensorSpec, data: Float32Array): Uint8Array {
  const count = numel(spec.shape);
  if (data.length !== count) {
    throw new Error(
      `tensor "${spec.name}" has ${data.length} values but its shape [${spec.shape.join(', ')}] needs ${count}`,
    );
  }
  const dtype = spec.dtype ?? 'F32';
  if (dtype === 'F32') {
    if (LITTLE_ENDIAN_PLATFORM) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const out = new Uint8Array(data.byteLength);
    const view = new DataView(out.buffer);
    data.forEach((v, i) => view.setFloat32(4 * i, v, true));
    return out;
  }
  const bits = dtype === 'F16' ? float32ToFloat16(data) : float32ToBfloat16(data);
  if (LITTLE_ENDIAN_PLATFORM) return new Uint8Array(bits.buffer);
  const out = new Uint8Array(bits.length * 2);
  const view = new DataView(out.buffer);
  bits.forEach((b, i) => view.setUint16(2 * i, b, true));
  return out;
}

/** A whole file in memory (tests, small files). For large files use `streamSafetensors`. */
export function serializeSafetensors(
  tensors: readonly TensorToWrite[],
  metadata: Metadata = PYTORCH_METADATA,
): Uint8Array {
  const header = safetensorsHeader(tensors, metadata);
  const out = new Uint8Array(header.length + tensors.reduce((n, t) => n + byteSize(t), 0));
  out.set(header, 0);
  let offset = header.length;
  for (const t of tensors) {
    const bytes = encodeTensor(t, t.data);
    out.set(bytes, offset);
    offset += bytes.length;
  }
  return out;
}

/**
 * Writes a file chunk by chunk: the header (from the specs alone), then each tensor as `produce` returns
 * it, so only one tensor is held at a time. Returns the number of bytes written.
 */
export async function streamSafetensors(
  specs: readonly TensorSpec[],
  produce: (spec: TensorSpec, index: number) => Float32Array | Promise<Float32Array>,
  write: (chunk: Uint8Array) => void | Promise<void>,
  metadata: Metadata = PYTORCH_METADATA,
): Promise<number> {
  const header = safetensorsHeader(specs, metadata);
  await write(header);
  let written = header.length;
  for (const [index, spec] of specs.entries()) {
    const bytes = encodeTensor(spec, await produce(spec, index));
    await write(bytes);
    written += bytes.length;
  }
  return written;
}
