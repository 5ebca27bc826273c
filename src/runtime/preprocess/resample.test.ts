import { describe, expect, it } from 'vitest';
import { rgbImage, type RgbImage } from './image.ts';
import { bicubicCoefficients, bicubicKernel, resizeBicubic } from './resample.ts';

// A 5×3 image and what Pillow 9.4 makes of it (Debian python3-pil):
//   Image.fromarray(src, 'RGB').resize((3, 2) or (7, 4), Image.BICUBIC)
const SRC = [
  0, 31, 62, 53, 84, 115, 106, 137, 168, 159, 190, 221, 212, 243, 18, 97, 128, 159, 150, 181, 212, 255, 0, 255, 0, 31,
  62, 53, 84, 115, 194, 225, 0, 247, 22, 53, 44, 75, 106, 97, 128, 159, 150, 181, 212,
];
const PIL_3x2 = [52, 87, 124, 135, 104, 192, 131, 161, 95, 191, 148, 82, 130, 54, 142, 82, 119, 156];
const PIL_7x4 = [
  0, 23, 54, 21, 51, 83, 62, 97, 125, 98, 144, 163, 148, 183, 231, 195, 225, 138, 223, 254, 0, 52, 81, 131, 77, 132,
  161, 142, 133, 205, 214, 46, 233, 91, 67, 148, 65, 109, 88, 109, 140, 69, 137, 174, 105, 170, 155, 133, 200, 97, 178,
  187, 18, 205, 60, 40, 112, 37, 82, 111, 81, 112, 162, 196, 243, 0, 243, 105, 18, 201, 12, 59, 33, 79, 98, 75, 118,
  146, 130, 160, 192, 158, 189, 220,
];

function pseudoRandomImage(width: number, height: number, seed: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  let x = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    data[i] = x >>> 24;
  }
  return rgbImage(width, height, data);
}

function crop(image: RgbImage, left: number, top: number, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 3;
    out.set(image.data.subarray(from, from + width * 3), y * width * 3);
  }
  return out;
}

describe('Pillow bicubic kernel and weights', () => {
  it('is Keys’ cubic with a = -0.5', () => {
    expect([0, 0.5, 1, 1.5, 2, 2.5, -0.5, -1.5].map((x) => bicubicKernel(x) + 0)).toEqual([
      1, 0.5625, 0, -0.0625, 0, 0, 0.5625, -0.0625,
    ]);
  });

  it('widens the support by the downscale factor and keeps it at 2 when upscaling', () => {
    expect(bicubicCoefficients(1000, 250).taps).toBe(2 * 8 + 1);
    expect(bicubicCoefficients(10, 40).taps).toBe(2 * 2 + 1);
    const c = bicubicCoefficients(1600, 454);
    for (let i = 0; i < 454; i++) {
      let sum = 0;
      for (let k = 0; k < c.count[i]; k++) sum += c.weights[i * c.taps + k];
      // Each weight is rounded on its own: the sum is 2^22 to within half a unit per tap.
      expect(Math.abs(sum - 2 ** 22)).toBeLessThanOrEqual(c.taps / 2);
      expect(c.first[i] + c.count[i]).toBeLessThanOrEqual(1600);
    }
  });
});

describe('resizeBicubic', () => {
  const source = rgbImage(5, 3, Uint8Array.from(SRC));

  it('matches Pillow on a small downscale and upscale, byte for byte', () => {
    expect(Array.from(resizeBicubic(source, 3, 2).data)).toEqual(PIL_3x2);
    expect(Array.from(resizeBicubic(source, 7, 4).data)).toEqual(PIL_7x4);
  });

  it('computes a region exactly as resizing everything and cropping', () => {
    const image = pseudoRandomImage(97, 61, 7);
    for (const [w, h] of [
      [40, 33],
      [150, 61],
      [97, 200],
      [97, 61],
    ]) {
      const full = resizeBicubic(image, w, h);
      for (const [left, top, cw, ch] of [
        [0, 0, w, h],
        [3, 5, w - 7, h - 9],
        [w - 1, h - 1, 1, 1],
      ]) {
        expect(resizeBicubic(image, w, h, { left, top, width: cw, height: ch }).data).toEqual(
          crop(full, left, top, cw, ch),
        );
      }
    }
  });

  it('returns the pixels unchanged when the size doesn’t change, and keeps flat colour flat', () => {
    const image = pseudoRandomImage(31, 17, 3);
    expect(resizeBicubic(image, 31, 17).data).toEqual(image.data);
    const flat = rgbImage(50, 40, new Uint8Array(50 * 40 * 3).fill(201));
    expect(resizeBicubic(flat, 13, 97).data.every((v) => v === 201)).toBe(true);
  });

  it('clips the overshoot of hard edges to 0..255', () => {
    const stripes = rgbImage(
      8,
      1,
      Uint8Array.from({ length: 24 }, (_, i) => (Math.floor(i / 3) % 2 ? 255 : 0)),
    );
    const out = resizeBicubic(stripes, 29, 1).data;
    expect(out.includes(0) && out.includes(255)).toBe(true);
  });

  it('rejects a region outside the image', () => {
    expect(() => resizeBicubic(source, 3, 2, { left: 1, top: 0, width: 3, height: 2 })).toThrow(/outside/);
  });
});
