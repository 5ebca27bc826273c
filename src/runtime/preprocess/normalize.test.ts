import { describe, expect, it } from 'vitest';
import { rgbImage } from './image.ts';
import { normalizationTable, normalizeToTensor } from './normalize.ts';
import { expected } from '../../testing/preprocess-fixtures.ts';

describe('ToTensor + Normalize', () => {
  const { mean, std, values } = expected.normalize;
  const m = mean as [number, number, number];
  const s = std as [number, number, number];

  it('gives torch’s float32 value for each of the 256 byte values, bit for bit', () => {
    const table = normalizationTable(m, s);
    for (const channel of table) expect(Array.from(channel)).toEqual(values);
    expect(values[0]).toBe(-1);
    expect(values[255]).toBe(1);
  });

  it('lays the tensor out NHWC in RGB order', () => {
    const image = rgbImage(2, 1, Uint8Array.from([0, 255, 128, 64, 32, 16]));
    expect(Array.from(normalizeToTensor(image, m, s))).toEqual([0, 255, 128, 64, 32, 16].map((v) => values[v]));
  });

  it('uses each channel’s own mean and std in float32', () => {
    const table = normalizationTable([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
    const f = Math.fround;
    expect(table[0][200]).toBe(f(f(f(200 / 255) - f(0.485)) / f(0.229)));
    expect(table[2][10]).toBe(f(f(f(10 / 255) - f(0.406)) / f(0.225)));
    expect(() => normalizationTable([0.5, 0.5, 0.5], [0.5, 0, 0.5])).toThrow(/channel 1/);
  });
});
