import { describe, expect, it } from 'vitest';
import { heNormal } from './he-normal.ts';

const moments = (v: Float32Array) => {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
  const kurtosis = v.reduce((a, b) => a + (b - mean) ** 4, 0) / v.length / variance ** 2;
  return { mean, variance, kurtosis };
};

describe('heNormal', () => {
  it('draws N(0, 2/fan_in): mean, variance and kurtosis of 200,000 values', () => {
    const v = heNormal(7, 'features.0.conv.weight', 200_000, 27);
    const { mean, variance, kurtosis } = moments(v);
    const sigma2 = 2 / 27;
    // Standard errors: mean σ/√n ≈ 6e-4, variance σ²·√(2/n) ≈ 2.3e-4, kurtosis √(24/n) ≈ 0.011.
    expect(Math.abs(mean)).toBeLessThan(3e-3);
    expect(Math.abs(variance - sigma2) / sigma2).toBeLessThan(0.01);
    expect(Math.abs(kurtosis - 3)).toBeLessThan(0.06);
    // A normal's tails: about 0.27% beyond 3σ.
    const beyond = v.filter((x) => Math.abs(x) > 3 * Math.sqrt(sigma2)).length / v.length;
    expect(beyond).toBeGreaterThan(0.002);
    expect(beyond).toBeLessThan(0.0035);
  });

  it('depends on the seed and the name only, not on the order of calls', () => {
    const a = heNormal(1, 'a.weight', 64, 8);
    heNormal(1, 'b.weight', 64, 8);
    expect(heNormal(1, 'a.weight', 64, 8)).toEqual(a);
    expect(heNormal(1, 'a.weight', 128, 8).slice(0, 64)).toEqual(a);
    expect(heNormal(2, 'a.weight', 64, 8)).not.toEqual(a);
    expect(heNormal(1, 'b.weight', 64, 8)).not.toEqual(a);
    expect(heNormal(1, 'a.weight', 64, 32)).toEqual(a.map((x) => Math.fround(x / 2)));
  });

  it('names the tensor when the fan-in is not positive', () => {
    expect(() => heNormal(1, 'fc.weight', 4, 0)).toThrow(/fc.weight: fan-in must be > 0/);
  });
});
