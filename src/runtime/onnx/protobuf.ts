/**
 * The little of the Protocol Buffers wire format an ONNX file needs, written as a list of byte chunks
 * whose large payloads (weights' raw_data) are the caller's arrays, never copied: the file can then go
 * to disk chunk by chunk (Node) or into a Blob (browser) at about the weights' own size. Hand-written
 * because the protobuf libraries (protobufjs, @bufbuild/protobuf) encode a message into one contiguous
 * buffer, a second full copy of 170–220 MB of weights, and need the ONNX schema compiled in besides.
 */

/** An encoded message (or field): its chunks in order and their total length. */
export interface Encoded {
  readonly chunks: readonly Uint8Array[];
  readonly length: number;
}

const WIRE_VARINT = 0;
const WIRE_FIXED32 = 5;
const WIRE_BYTES = 2;

function varint(value: number | bigint): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    bytes.push(byte);
  } while (v);
  return Uint8Array.from(bytes);
}

const tag = (field: number, wire: number) => varint((field << 3) | wire);

const utf8 = new TextEncoder();

/** Builds one message from its fields, in the order added. */
export class MessageWriter {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;

  private push(...parts: readonly Uint8Array[]): this {
    for (const p of parts) {
      this.chunks.push(p);
      this.length += p.byteLength;
    }
    return this;
  }

  /** int32/int64/enum/bool: varint (negative values as 10-byte two's complement, as protobuf does). */
  int(field: number, value: number | bigint): this {
    return this.push(tag(field, WIRE_VARINT), varint(value));
  }

  float(field: number, value: number): this {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    return this.push(tag(field, WIRE_FIXED32), bytes);
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** Length-delimited bytes, kept by reference (not copied). */
  bytes(field: number, value: Uint8Array): this {
    return this.push(tag(field, WIRE_BYTES), varint(value.byteLength), value);
  }

  message(field: number, value: Encoded): this {
    return this.push(tag(field, WIRE_BYTES), varint(value.length), ...value.chunks);
  }

  /** A repeated int64 field, unpacked (ONNX's schema is proto2, where unpacked is the default). */
  ints(field: number, values: readonly number[]): this {
    for (const v of values) this.int(field, v);
    return this;
  }

  strings(field: number, values: readonly string[]): this {
    for (const v of values) this.string(field, v);
    return this;
  }

  finish(): Encoded {
    return { chunks: this.chunks, length: this.length };
  }
}

/** The raw little-endian bytes of a Float32Array, as a view (no copy on little-endian machines). */
export function float32Bytes(values: Float32Array): Uint8Array {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1)
    return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}
