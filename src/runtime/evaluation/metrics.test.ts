import { describe, expect, it } from 'vitest';
import { errorRate, isTopKCorrect, wilsonInterval } from './metrics.ts';

const round4 = ([lo, hi]: [number, number]) => [Number(lo.toFixed(4)), Number(hi.toFixed(4))];

describe('Wilson score interval (95 %)', () => {
  it('gives the published values', () => {
    // Values as published for Wilson's interval without continuity correction (81/263 is Newcombe 1998's example).
    expect(round4(wilsonInterval(0, 10))).toEqual([0, 0.2775]);
    expect(round4(wilsonInterval(1, 10))).toEqual([0.0179, 0.4042]);
    expect(round4(wilsonInterval(81, 263))).toEqual([0.2553, 0.3662]);
  });

  it('is symmetric around one half and stays inside [0, 1]', () => {
    const [lo, hi] = wilsonInterval(5, 10);
    expect(lo + hi).toBeCloseTo(1, 12);
    expect(round4([lo, hi])).toEqual([0.2366, 0.7634]);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    expect(wilsonInterval(0, 1)).toEqual([0, expect.closeTo(0.7935, 4)]);
  });

  it('narrows with more images, as 1/√n', () => {
    const width = (n: number) => {
      const [lo, hi] = wilsonInterval(n / 5, n);
      return hi - lo;
    };
    expect(width(50_000) / width(500)).toBeCloseTo(0.1, 2);
  });

  it('is [0, 1] for no images and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
    expect(() => wilsonInterval(3, 2)).toThrow('need whole numbers 0 ≤ successes ≤ trials, got 3 of 2');
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

describe('error rates', () => {
  it('counts top-1 and top-5 against one label or a list of acceptable ones', () => {
    const top = [7, 3, 9, 1, 4];
    expect(isTopKCorrect(top, 7, 1)).toBe(true);
    expect(isTopKCorrect(top, 3, 1)).toBe(false);
    expect(isTopKCorrect(top, 3, 5)).toBe(true);
    expect(isTopKCorrect(top, 5, 5)).toBe(false);
    expect(isTopKCorrect(top, [2, 7], 1)).toBe(true);
    expect(isTopKCorrect(top, [], 5)).toBe(false);
  });

  it('computes the rate and its interval', () => {
    const e = errorRate(187, 1000);
    expect(e).toEqual({ errors: 187, total: 1000, rate: 0.187, ci95: wilsonInterval(187, 1000) });
    expect(Number.isNaN(errorRate(0, 0).rate)).toBe(true);
  });
});
