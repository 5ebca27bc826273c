import { describe, expect, it } from 'vitest';
import { binOf, outcomesOf, reliability, RELIABILITY_BINS } from './calibration.ts';
import type { ImageRecord } from './records.ts';

const right = (confidence: number) => ({ confidence, correct: true });
const wrong = (confidence: number) => ({ confidence, correct: false });

describe('reliability bins and the expected calibration error', () => {
  it('uses 15 equal-width bins, (b/15, (b+1)/15], with 0 in the first and 1 in the last', () => {
    expect(RELIABILITY_BINS).toBe(15);
    expect(binOf(0)).toBe(0);
    expect(binOf(0.05)).toBe(0); // 0.05 < 1/15 = 0.0667
    expect(binOf(0.07)).toBe(1);
    expect(binOf(0.5)).toBe(7); // 7/15 = 0.467 < 0.5 ≤ 8/15 = 0.533
    expect(binOf(0.95)).toBe(14);
    expect(binOf(1)).toBe(14);
    expect(binOf(0.25, 4)).toBe(0); // a bin's upper edge belongs to it
    expect(binOf(0.2500001, 4)).toBe(1);
  });

  it("counts each bin and weights the gaps by the bins' sizes (worked by hand)", () => {
    // 10 images. Bin 14 (0.933, 1]: 0.95, 0.95, 1.0, 0.97 — 3 right → acc 0.75, conf 0.9675, gap 0.2175.
    // Bin 7 (0.467, 0.533]: 0.5, 0.5, 0.52, 0.48 — 2 right → acc 0.5, conf 0.5, gap 0.
    // Bin 4 (0.267, 0.333]: 0.3, 0.3 — both right → acc 1, conf 0.3, gap 0.7.
    // ECE = 4/10·0.2175 + 4/10·0 + 2/10·0.7 = 0.087 + 0.14 = 0.227.
    const r = reliability([
      right(0.95),
      right(0.95),
      right(1),
      wrong(0.97),
      right(0.5),
      wrong(0.5),
      right(0.52),
      wrong(0.48),
      right(0.3),
      right(0.3),
    ]);
    expect(r.images).toBe(10);
    expect(r.bins).toHaveLength(15);
    expect(r.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 2, 0, 0, 4, 0, 0, 0, 0, 0, 0, 4]);
    expect(r.bins[14]).toMatchObject({ low: 14 / 15, high: 1, count: 4, accuracy: 0.75 });
    expect(r.bins[14].confidence).toBeCloseTo(0.9675, 12);
    expect(r.bins[7].accuracy).toBe(0.5);
    expect(r.bins[7].confidence).toBeCloseTo(0.5, 12);
    expect(r.bins[4]).toMatchObject({ count: 2, accuracy: 1 });
    expect(r.bins[4].confidence).toBeCloseTo(0.3, 12);
    expect(r.bins[0].confidence).toBeNaN();
    expect(r.bins[0].accuracy).toBeNaN();
    expect(r.ece).toBeCloseTo(0.227, 12);
    expect(r.accuracy).toBe(0.7);
    expect(r.confidence).toBeCloseTo((0.95 + 0.95 + 1 + 0.97 + 0.5 + 0.5 + 0.52 + 0.48 + 0.3 + 0.3) / 10, 12);
  });

  it('is 0 for a perfectly calibrated set and |accuracy − confidence| with one bin', () => {
    // Confidence 0.8 in every image, 4 of 5 right: calibrated.
    expect(reliability([right(0.8), right(0.8), right(0.8), right(0.8), wrong(0.8)]).ece).toBeCloseTo(0, 12);
    // One bin: ECE is the overall gap, 0.9 confident and 1/3 right.
    expect(reliability([right(0.9), wrong(0.9), wrong(0.9)], 1).ece).toBeCloseTo(0.9 - 1 / 3, 12);
    // Gaps of opposite sign in two bins do not cancel: 0.1 right at 0.1 (gap 0.9), 0.9 wrong (gap 0.9).
    expect(reliability([right(0.1), wrong(0.9)]).ece).toBeCloseTo(0.9, 12);
  });

  it('is NaN with no images, and refuses a probability outside [0, 1] or a bad bin count', () => {
    const empty = reliability([]);
    expect(empty.images).toBe(0);
    expect(empty.ece).toBeNaN();
    expect(empty.bins.every((b) => b.count === 0)).toBe(true);
    expect(() => reliability([right(1.2)])).toThrow('a top-1 probability must lie in [0, 1], got 1.2');
    expect(() => reliability([right(NaN)])).toThrow('got NaN');
    expect(() => reliability([], 0)).toThrow('need a whole number of bins ≥ 1, got 0');
    // A float32 probability a hair above 1 counts as 1.
    expect(reliability([right(1.0000001)]).bins[14]).toMatchObject({ count: 1, confidence: 1, accuracy: 1 });
  });

  it("reads one mode's outcomes from the records, leaving out skipped images and other modes", () => {
    const records: ImageRecord[] = [
      { index: 0, path: 'a', label: 3, predictions: { 'inception-v4/1': { top5: [3, 1, 2, 4, 5], p1: 0.9 } } },
      { index: 1, path: 'b', label: 3, predictions: { 'inception-v4/1': { top5: [1, 3, 2, 4, 5], p1: 0.6 } } },
      { index: 2, path: 'c', label: 3, error: 'unreadable' },
      { index: 3, path: 'd', label: 3, predictions: { 'ensemble/1': { top5: [3, 1, 2, 4, 5], p1: 0.2 } } },
    ];
    expect([...outcomesOf(records, 'inception-v4/1')]).toEqual([right(0.9), wrong(0.6)]);
    expect(reliability(outcomesOf(records, 'ensemble/1')).bins[2]).toMatchObject({ count: 1, accuracy: 1 });
  });
});
