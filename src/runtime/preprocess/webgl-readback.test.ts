import { describe, expect, it } from 'vitest';
import { agreesWithCanvas } from './webgl-readback.ts';

/** What a premultiplying 2D canvas returns for unpremultiplied RGBA: premultiply, round, unpremultiply. */
function throughCanvas(rgba: number[]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3];
    for (let c = 0; c < 3; c++) out[i + c] = a === 0 ? 0 : Math.round((Math.round((rgba[i + c] * a) / 255) * 255) / a);
    out[i + 3] = a;
  }
  return out;
}

describe('agreesWithCanvas (guard on the WebGL readback)', () => {
  const pixels = [200, 100, 50, 255, 90, 180, 33, 0, 251, 7, 129, 1, 77, 201, 13, 128, 3, 250, 99, 17];

  it('accepts the exact colours behind what the 2D canvas returned', () => {
    expect(agreesWithCanvas(Uint8Array.from(pixels), throughCanvas(pixels))).toBe(true);
  });

  it('rejects zeros, premultiplied data, a different alpha or a different opaque colour', () => {
    const canvas = throughCanvas(pixels);
    expect(agreesWithCanvas(new Uint8Array(pixels.length), canvas)).toBe(false);
    const premultiplied = pixels.map((v, i) => (i % 4 === 3 ? v : Math.round((v * pixels[i - (i % 4) + 3]) / 255)));
    expect(agreesWithCanvas(Uint8Array.from(premultiplied), canvas)).toBe(false);
    expect(agreesWithCanvas(Uint8Array.from(pixels.map((v, i) => (i === 15 ? 127 : v))), canvas)).toBe(false);
    expect(agreesWithCanvas(Uint8Array.from(pixels.map((v, i) => (i === 0 ? 201 : v))), canvas)).toBe(false);
    expect(agreesWithCanvas(Uint8Array.from(pixels.slice(4)), canvas)).toBe(false);
  });
});
