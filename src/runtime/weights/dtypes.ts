/**
 * The floating-point element types a weights file may hold, and their conversion to and from float32.
 * Written here rather than taken from a library: each is a few lines of bit manipulation, JavaScript has
 * no Float16Array in the Node versions we support, and tfjs only converts on its own tensors.
 */

export type FloatDtype = 'F32' | 'F16' | 'BF16';

export const FLOAT_DTYPES: readonly FloatDtype[] = ['F32', 'F16', 'BF16'];

export const BYTES_PER_ELEMENT: Readonly<Record<FloatDtype, number>> = { F32: 4, F16: 2, BF16: 2 };

/** Whether typed arrays on this platform are little-endian, as safetensors data is. */
export const LITTLE_ENDIAN_PLATFORM = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

let halfTable: Float32Array | undefined;

/** All 65,536 float16 values as float32 (256 KB), built on first use: decoding is then a lookup. */
function float16Table(): Float32Array {
  if (halfTable) return halfTable;
  halfTable = new Float32Array(65536);
  for (let bits = 0; bits < 65536; bits++) {
    const sign = bits & 0x8000 ? -1 : 1;
    const exponent = (bits >> 10) & 0x1f;
    const fraction = bits & 0x3ff;
    let value: number;
    if (exponent === 0)
      value = fraction * 2 ** -24; // zero and subnormals
    else if (exponent === 31) value = fraction ? NaN : Infinity;
    else value = (1 + fraction / 1024) * 2 ** (exponent - 15);
    halfTable[bits] = sign * value;
  }
  return halfTable;
}

/** Float16 bit patterns to float32 values (exact: every float16 is a float32). */
export function float16ToFloat32(bits: Uint16Array): Float32Array {
  const table = float16Table();
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = table[bits[i]];
  return out;
}

/** Bfloat16 bit patterns to float32 values (exact: a bfloat16 is the top half of a float32). */
export function bfloat16ToFloat32(bits: Uint16Array): Float32Array {
  const words = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) words[i] = bits[i] << 16;
  return new Float32Array(words.buffer);
}

/** Float32 values to float16 bit patterns, rounding to nearest-even as PyTorch's `.half()` does. */
export function float32ToFloat16(values: Float32Array): Uint16Array {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = halfBits(words[i]);
  return out;
}

function halfBits(word: number): number {
  const sign = (word >>> 16) & 0x8000;
  const exponent = (word >>> 23) & 0xff;
  const mantissa = word & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Inf, NaN (quiet)
  const e = exponent - 127 + 15;
  if (e >= 31) return sign | 0x7c00; // overflow to infinity
  if (e <= 0) {
    if (e < -10) return sign; // below half the smallest subnormal: zero
    // Subnormal: shift the mantissa (with its implicit 1) right, rounding to nearest-even.
    const m = mantissa | 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = m & ((1 << shift) - 1);
    let result = m >>> shift;
    if (rest > half || (rest === half && result & 1)) result++;
    return sign | result;
  }
  let result = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (rest > 0x1000 || (rest === 0x1000 && result & 1)) result++;
  return sign | result;
}

/** Float32 values to bfloat16 bit patterns, rounding to nearest-even (NaN stays NaN). */
export function float32ToBfloat16(values: Float32Array): Uint16Array {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const word = words[i];
    if ((word & 0x7f800000) === 0x7f800000 && word & 0x7fffff) {
      out[i] = (word >>> 16) | 0x40;
      continue;
    }
    const rounding = 0x7fff + ((word >>> 16) & 1);
    out[i] = ((word + rounding) >>> 16) & 0xffff;
  }
  return out;
}
