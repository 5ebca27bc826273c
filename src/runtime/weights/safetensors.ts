/**
 * Reader of the safetensors format (github.com/huggingface/safetensors): an unsigned 64-bit little-endian
 * header length N, N bytes of UTF-8 JSON mapping each tensor name to {dtype, shape, data_offsets} (offsets
 * relative to the data section that follows, plus an optional "__metadata__" string→string map), then the
 * data. Hand-written because no maintained JavaScript package validates a file the way the reference
 * implementation does, and the format is small: every number of the header is checked here before use,
 * including the reference's rule that the tensors tile the data section exactly, so a truncated or
 * corrupted download is reported, naming the file and the first bad tensor, instead of read out of bounds.
 *
 * Memory: float32 tensors are views of the file's bytes, never copies (the 224 MB Inception-ResNet-v2 file
 * costs its own size, not twice); only misaligned float32 and float16/bfloat16 data is decoded per `get`.
 */
import {
  BYTES_PER_ELEMENT,
  FLOAT_DTYPES,
  LITTLE_ENDIAN_PLATFORM,
  bfloat16ToFloat32,
  float16ToFloat32,
  type FloatDtype,
} from './dtypes.ts';
import { WeightsFileError, type WeightsFileProblem } from './errors.ts';
import type { TensorData, TensorSource } from './types.ts';

export interface SafetensorsLimits {
  /** Largest JSON header accepted, in bytes (the reference implementation's limit: 100 MB). */
  maxHeaderBytes?: number;
}

export const DEFAULT_MAX_HEADER_BYTES = 100_000_000;

/** One tensor of a file, as its header describes it. */
export interface SafetensorsEntry {
  name: string;
  dtype: FloatDtype;
  shape: readonly number[];
  /** Byte range within the data section, [begin, end). */
  begin: number;
  end: number;
}

export interface SafetensorsFile extends TensorSource {
  readonly fileName: string;
  /** The header's "__metadata__" map ({} when absent). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Size of the whole file in bytes. */
  readonly byteLength: number;
  /** Tensors in header order. */
  readonly entries: readonly SafetensorsEntry[];
  /**
   * Tensors present in the file but deliberately not exposed: PyTorch's BatchNorm step counters
   * ("….num_batches_tracked", I64), which inference never uses.
   */
  readonly ignored: readonly string[];
  entry(name: string): SafetensorsEntry | undefined;
  dtype(name: string): FloatDtype | undefined;
  shapeOf(name: string): readonly number[] | undefined;
}

/** Every element type of the format with its size, so layouts can be checked even for types we refuse. */
const FORMAT_DTYPE_SIZES: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  F8_E8M0: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  F64: 8,
  I64: 8,
  U64: 8,
  C64: 8,
};

const IGNORABLE = /(^|\.)num_batches_tracked$/;

interface RawEntry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Parses and validates a whole safetensors file held in memory. Throws `WeightsFileError` naming `fileName`
 * and the first bad tensor. The returned tensors share `bytes`: don't modify either.
 */
export function parseSafetensors(bytes: Uint8Array, fileName: string, limits: SafetensorsLimits = {}): SafetensorsFile {
  const fail = (
    message: string,
    tensor?: string,
    problem: 'truncated' | 'corrupt' | 'not-safetensors' = 'corrupt',
  ): never => {
    const detail = { file: fileName, problem, detail: message, ...(tensor !== undefined ? { tensor } : {}) };
    throw new WeightsFileError(fileName, { code: 'weights.safetensors', params: detail }, tensor, problem);
  };
  // Text or a web page where the weights were expected (a server's error page, a wrong URL): say so.
  const foreign = describeForeignContent(bytes);
  const notSafetensors = (why: string): never => {
    if (!foreign) return fail(` is not a safetensors file: ${why}`, undefined, 'not-safetensors');
    const code = foreign.problem === 'web-page' ? 'weights.web-page' : 'weights.text';
    throw new WeightsFileError(
      fileName,
      { code, params: { file: fileName, begins: foreign.begins } },
      undefined,
      foreign.problem,
    );
  };
  if (bytes.length < 8) notSafetensors(`it has ${bytes.length} bytes, fewer than the 8 of the header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = readHeaderLength(view);
  const maxHeader = limits.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  if (headerLength > maxHeader) {
    notSafetensors(
      `its first 8 bytes give a header length of ${headerLength}, more than the limit of ${maxHeader} bytes`,
    );
  }
  if (foreign) notSafetensors('');
  if (8 + headerLength > bytes.length) {
    fail(
      ` is truncated: its header needs ${headerLength} bytes but the file has only ${bytes.length - 8} after the header length`,
      undefined,
      'truncated',
    );
  }
  const header = parseHeader(bytes.subarray(8, 8 + headerLength), fail);
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const { entries, metadata } = readEntries(header, fail);
  checkLayout(entries, dataLength, fail);

  const usable: SafetensorsEntry[] = [];
  const ignored: string[] = [];
  for (const e of entries) {
    if (isFloatDtype(e.dtype))
      usable.push({ name: e.name, dtype: e.dtype, shape: e.shape, begin: e.begin, end: e.end });
    else ignored.push(e.name);
  }
  const byName = new Map(usable.map((e) => [e.name, e]));

  const decode = (e: SafetensorsEntry): Float32Array => {
    const start = bytes.byteOffset + dataStart + e.begin;
    const count = (e.end - e.begin) / BYTES_PER_ELEMENT[e.dtype];
    if (e.dtype === 'F32') {
      if (start % 4 === 0 && LITTLE_ENDIAN_PLATFORM) return new Float32Array(bytes.buffer, start, count);
      return readFloat32Copy(bytes, view, dataStart + e.begin, count);
    }
    const bits = readUint16Copy(bytes, view, dataStart + e.begin, count);
    return e.dtype === 'F16' ? float16ToFloat32(bits) : bfloat16ToFloat32(bits);
  };

  return {
    fileName,
    metadata,
    byteLength: bytes.length,
    entries: usable,
    ignored,
    entry: (name) => byName.get(name),
    dtype: (name) => byName.get(name)?.dtype,
    shapeOf: (name) => byName.get(name)?.shape,
    names: () => usable.map((e) => e.name),
    get(name): TensorData | undefined {
      const e = byName.get(name);
      return e && { shape: e.shape, data: decode(e) };
    },
  };
}

/** The unsigned 64-bit little-endian header length: exact up to 2^53, and anything larger fails the limit. */
function readHeaderLength(view: DataView): number {
  return view.getUint32(4, true) * 2 ** 32 + view.getUint32(0, true);
}

/**
 * The names and byte ranges the header describes, even when the data section is cut short (to say
 * which checkpoint a truncated file is); undefined when the header itself cannot be read.
 */
export function readSafetensorsHeader(
  bytes: Uint8Array,
): { entries: { name: string; begin: number; end: number }[]; dataLength: number } | undefined {
  if (bytes.length < 8) return undefined;
  const headerLength = readHeaderLength(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (headerLength > DEFAULT_MAX_HEADER_BYTES || 8 + headerLength > bytes.length) return undefined;
  try {
    const header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(8, 8 + headerLength)),
    ) as Record<string, unknown>;
    const entries = Object.entries(header).flatMap(([name, value]) => {
      const offsets = (value as { data_offsets?: unknown } | null)?.data_offsets;
      return name !== '__metadata__' && Array.isArray(offsets) && offsets.length === 2 && offsets.every(isCount)
        ? [{ name, begin: offsets[0] as number, end: offsets[1] as number }]
        : [];
    });
    return { entries, dataLength: bytes.length - 8 - headerLength };
  } catch {
    return undefined;
  }
}

/**
 * A web page or text where a weights file was expected, described for the user. Real safetensors files
 * start with a small binary length (its high bytes are zero), never with printable text.
 */
function describeForeignContent(bytes: Uint8Array): { problem: WeightsFileProblem; begins: string } | undefined {
  const head = bytes.subarray(0, 512);
  if (head.length === 0) return undefined;
  for (const byte of head) if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) return undefined;
  const text = new TextDecoder('utf-8').decode(head).trimStart();
  const begins = JSON.stringify(text.slice(0, 60).replace(/\s+/g, ' ')) + (text.length > 60 ? '…' : '');
  if (/^(<!doctype html|<html|<head|<body|<\?xml|<!--|<[a-z])/i.test(text)) {
    return { problem: 'web-page', begins };
  }
  return { problem: 'not-safetensors', begins };
}

function isFloatDtype(dtype: string): dtype is FloatDtype {
  return (FLOAT_DTYPES as readonly string[]).includes(dtype);
}

function parseHeader(
  raw: Uint8Array,
  fail: (message: string, tensor?: string, problem?: 'truncated' | 'corrupt' | 'not-safetensors') => never,
): Record<string, unknown> {
  let text: string;
  try {
    // Browsers' TextDecoder refuses views of a SharedArrayBuffer: decode a copy of the header then.
    const own = typeof SharedArrayBuffer !== 'undefined' && raw.buffer instanceof SharedArrayBuffer ? raw.slice() : raw;
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(own);
  } catch {
    return fail(': the header is not valid UTF-8', undefined, 'not-safetensors');
  }
  // The format requires the header to start with "{" (which also rules out a BOM or leading spaces).
  if (!text.startsWith('{'))
    return fail(
      `: the header does not start with "{" (it starts ${JSON.stringify(text.slice(0, 16))})`,
      undefined,
      'not-safetensors',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`: the header is not valid JSON (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return fail(': the header is not a JSON object', undefined, 'not-safetensors');
  }
  return parsed as Record<string, unknown>;
}

function readEntries(header: Record<string, unknown>, fail: (message: string, tensor?: string) => never) {
  let metadata: Record<string, string> = {};
  const entries: RawEntry[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = readMetadata(value, fail);
      continue;
    }
    const bad = (problem: string): never => fail(`: tensor "${name}" ${problem}`, name);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) bad('is not described by a JSON object');
    const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
    if (typeof dtype !== 'string') bad('has no "dtype" string');
    const dtypeName = dtype as string;
    const size = FORMAT_DTYPE_SIZES[dtypeName];
    if (size === undefined) bad(`has an unknown dtype "${dtypeName}"`);
    if (!isFloatDtype(dtypeName) && !(dtypeName === 'I64' && IGNORABLE.test(name))) {
      bad(`has dtype ${dtypeName}, but only ${FLOAT_DTYPES.join(', ')} tensors can be loaded`);
    }
    if (!Array.isArray(shape) || !shape.every(isCount)) {
      bad(`has shape ${JSON.stringify(shape)}, which is not a list of non-negative integers`);
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
      bad(`has data_offsets ${JSON.stringify(offsets)}, which are not two non-negative integers [begin, end]`);
    }
    const [begin, end] = offsets as [number, number];
    if (end < begin) bad(`has data_offsets [${begin}, ${end}] that end before they begin`);
    const dims = shape as number[];
    const numel = dims.reduce((a, b) => a * b, 1);
    const bytesNeeded = numel * size;
    if (!Number.isSafeInteger(bytesNeeded)) bad(`has shape [${dims.join(', ')}], too large to be stored`);
    if (end - begin !== bytesNeeded) {
      bad(
        `has shape [${dims.join(', ')}] of ${dtypeName}, which needs ${bytesNeeded} bytes, but data_offsets [${begin}, ${end}] hold ${end - begin}`,
      );
    }
    entries.push({ name, dtype: dtypeName, shape: dims, begin, end });
  }
  return { entries, metadata };
}

function readMetadata(value: unknown, fail: (message: string) => never): Record<string, string> {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return fail(': "__metadata__" is not a JSON object');
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') fail(`: "__metadata__" entry "${key}" is ${JSON.stringify(v)}, not a string`);
  }
  return value as Record<string, string>;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Tensors must tile the data section exactly, in offset order, as the reference implementation requires:
 * an overlap, a hole or a tensor beyond the end means a corrupt header; a consistent header that describes
 * more data than the file holds means the file is truncated; bytes after the last tensor mean it is not what
 * its header says (e.g. two downloads concatenated).
 */
function checkLayout(
  entries: RawEntry[],
  dataLength: number,
  fail: (message: string, tensor?: string, problem?: 'truncated' | 'corrupt') => never,
) {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous: RawEntry | undefined;
  for (const e of sorted) {
    if (e.begin < covered && previous) {
      fail(
        `: tensors "${previous.name}" (bytes ${previous.begin}–${previous.end}) and "${e.name}" (bytes ${e.begin}–${e.end}) overlap`,
        e.name,
      );
    }
    if (e.begin > covered) {
      if (e.begin >= dataLength) {
        fail(
          `: tensor "${e.name}" has data_offsets [${e.begin}, ${e.end}] outside the data section, which has ${dataLength} bytes`,
          e.name,
        );
      }
      fail(`: bytes ${covered}–${e.begin} of the data section belong to no tensor (the next is "${e.name}")`, e.name);
    }
    covered = e.end;
    previous = e;
  }
  if (covered > dataLength) {
    const first = sorted.find((e) => e.end > dataLength)!;
    fail(
      ` is truncated: tensor "${first.name}" needs bytes ${first.begin}–${first.end} of the data section but the file has only ${dataLength} (its header describes ${covered})`,
      first.name,
      'truncated',
    );
  }
  if (covered < dataLength) {
    fail(
      `: ${dataLength - covered} bytes follow the last tensor; the header describes ${covered} bytes of data but the file has ${dataLength}`,
    );
  }
}

function readFloat32Copy(bytes: Uint8Array, view: DataView, offset: number, count: number): Float32Array {
  if (LITTLE_ENDIAN_PLATFORM) return new Float32Array(bytes.slice(offset, offset + 4 * count).buffer);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i, true);
  return out;
}

function readUint16Copy(bytes: Uint8Array, view: DataView, offset: number, count: number): Uint16Array {
  const start = bytes.byteOffset + offset;
  if (LITTLE_ENDIAN_PLATFORM) {
    return start % 2 === 0
      ? new Uint16Array(bytes.buffer, start, count)
      : new Uint16Array(bytes.slice(offset, offset + 2 * count).buffer);
  }
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getUint16(offset + 2 * i, true);
  return out;
}
