import { describe, expect, it } from 'vitest';
import { colourise, heatOverlay, legendStops, rangeOf } from './colour.ts';
import { upsampleBilinear } from './upsample.ts';

describe('colouring maps', () => {
  it('picks viridis from 0 for non-negative maps and a symmetric diverging scale otherwise', () => {
    expect(rangeOf([0, 1, 3])).toEqual({ scheme: 'sequential', lo: 0, hi: 3 });
    expect(rangeOf([0.5, 2])).toEqual({ scheme: 'sequential', lo: 0, hi: 2 });
    expect(rangeOf([-1, 4])).toEqual({ scheme: 'diverging', lo: -4, hi: 4 });
    expect(rangeOf([0, 0])).toEqual({ scheme: 'sequential', lo: 0, hi: 1 });
    expect(rangeOf([])).toEqual({ scheme: 'sequential', lo: 0, hi: 1 });
  });

  it('colours zeros darkest and the maximum brightest on viridis; 0 is white-ish on the diverging scale', () => {
    const px = colourise([0, 3]);
    const lum = (i: number) => px[i * 4] * 0.2126 + px[i * 4 + 1] * 0.7152 + px[i * 4 + 2] * 0.0722;
    expect([px[0], px[1], px[2]]).toEqual([68, 1, 84]); // viridis(0)
    expect([px[4], px[5], px[6]]).toEqual([253, 231, 37]); // viridis(1)
    expect(lum(1)).toBeGreaterThan(lum(0));
    expect(px[3]).toBe(255);
    const d = colourise([-2, 0, 2]);
    expect(d[4]).toBeGreaterThan(240); // the middle of RdBu is near white
    expect(d[0]).toBeLessThan(d[2]); // negative: blue
    expect(d[8]).toBeGreaterThan(d[10]); // positive: red
  });

  it('makes overlays more opaque where the map is higher, scaled by the opacity', () => {
    const px = heatOverlay([1, 2, 3], 0.8);
    expect(px[3]).toBe(Math.round(255 * 0.8 * 0.25));
    expect(px[11]).toBe(Math.round(255 * 0.8));
    expect(legendStops('sequential')[0]).toBe('rgb(68, 1, 84)');
  });
});

describe('upsampleBilinear', () => {
  it('reproduces a constant and interpolates linearly between half-pixel centres', () => {
    expect([...upsampleBilinear([5, 5, 5, 5], 2, 2, 3, 3)]).toEqual(Array(9).fill(5));
    // 1×2 → 1×4: centres of the input at x = 0.5 and 1.5 of the output's 4 px span.
    const row = upsampleBilinear([0, 4], 2, 1, 4, 1);
    expect([...row]).toEqual([0, 1, 3, 4]);
  });

  it('keeps the mean of a linear ramp and the values at the cell centres (8×8 → 299×299)', () => {
    const map = Float32Array.from({ length: 64 }, (_, i) => i % 8);
    const big = upsampleBilinear(map, 8, 8, 296, 296); // 37 px per cell
    // The centre of cell (0, 3) is at output x = 3·37 + 18.
    expect(big[18 * 296 + 3 * 37 + 18]).toBeCloseTo(3, 5);
    expect(Math.max(...big)).toBe(7);
    expect(Math.min(...big)).toBe(0);
  });
});
