import { describe, expect, it } from 'vitest';
import { bfloat16ToFloat32, float16ToFloat32, float32ToBfloat16, float32ToFloat16 } from './dtypes.ts';

const f32 = (...values: number[]) => new Float32Array(values);
const u16 = (...bits: number[]) => new Uint16Array(bits);

describe('float16', () => {
  // Bit patterns from IEEE 754 binary16: 1, -2, largest finite, smallest normal, smallest subnormal, ∞.
  const cases: Array<[number, number]> = [
    [1, 0x3c00],
    [-2, 0xc000],
    [65504, 0x7bff],
    [2 ** -14, 0x0400],
    [2 ** -24, 0x0001],
    [Infinity, 0x7c00],
    [0, 0],
    [0.5, 0x3800],
  ];
  it.each(cases)('%d ⇄ bits %i', (value, bits) => {
    expect([...float32ToFloat16(f32(value))]).toEqual([bits]);
    expect([...float16ToFloat32(u16(bits))]).toEqual([value]);
  });

  it('keeps the sign of zero and maps NaN to NaN', () => {
    expect(float32ToFloat16(f32(-0))[0]).toBe(0x8000);
    expect(Object.is(float16ToFloat32(u16(0x8000))[0], -0)).toBe(true);
    expect(float16ToFloat32(float32ToFloat16(f32(NaN)))[0]).toBeNaN();
  });

  it('rounds to nearest, ties to even, and overflows to infinity', () => {
    const ulpAt1 = 2 ** -10;
    expect([...float32ToFloat16(f32(1 + ulpAt1 / 2, 1 + (3 * ulpAt1) / 2, 1 + ulpAt1 * 0.51))]).toEqual([
      0x3c00, 0x3c02, 0x3c01,
    ]);
    expect([...float32ToFloat16(f32(65520, 65519))]).toEqual([0x7c00, 0x7bff]);
    // Subnormal range: half of the smallest subnormal ties to zero, a little more rounds up.
    expect([...float32ToFloat16(f32(2 ** -25, 2 ** -25 * 1.01, 3 * 2 ** -25))]).toEqual([0x0000, 0x0001, 0x0002]);
  });

  it('decodes every one of the 63,488 finite patterns back to itself', () => {
    const all = new Uint16Array(65536).map((_, i) => i);
    const finite = all.filter((b) => (b & 0x7c00) !== 0x7c00);
    expect(finite.length).toBe(63488);
    expect(float32ToFloat16(float16ToFloat32(finite))).toEqual(finite);
  });
});

describe('bfloat16', () => {
  it('is the top half of a float32, rounded to nearest-even', () => {
    expect([...float32ToBfloat16(f32(1, -2, 3.140625, Infinity))]).toEqual([0x3f80, 0xc000, 0x4049, 0x7f80]);
    const ulpAt1 = 2 ** -7;
    expect([...float32ToBfloat16(f32(1 + ulpAt1 / 2, 1 + (3 * ulpAt1) / 2))]).toEqual([0x3f80, 0x3f82]);
    expect([...bfloat16ToFloat32(u16(0x3f80, 0xc000, 0x4049))]).toEqual([1, -2, 3.140625]);
    expect(bfloat16ToFloat32(float32ToBfloat16(f32(NaN)))[0]).toBeNaN();
  });
});
