import { describe, expect, it } from 'vitest';
import { histogramGeometry } from './histogram-geometry.ts';

const hist = (min: number, max: number, counts: number[]) => ({ min, max, counts: Uint32Array.from(counts) });

describe("the histogram's geometry", () => {
  it('one bar per bin across the plot, as tall as its count on a linear scale', () => {
    // 4 bins over x 8…292 (71 px each), counts up to 100 over y 90…6 (84 px).
    const g = histogramGeometry({ histogram: hist(0, 8, [100, 50, 0, 25]), width: 300, height: 110, log: false });
    expect(g.bars.map((b) => [b.x, b.width])).toEqual([
      [8.5, 70],
      [79.5, 70],
      [150.5, 70],
      [221.5, 70],
    ]);
    expect(g.bars.map((b) => b.height)).toEqual([84, 42, 0, 21]);
    expect(g.bars.every((b) => b.y + b.height === 90)).toBe(true);
    expect(g.bars.map((b) => [b.from, b.to])).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
      [6, 8],
    ]);
    expect(g.baseline).toEqual({ x1: 8, x2: 292, y: 90 });
    expect(g.total).toBe(175);
    expect(g.zero).toBeUndefined();
    expect(g.note).toBeUndefined();
    expect([g.min.text, g.max.text]).toEqual(['0', '8']);
  });

  it('on a log scale the tallest bin fills the plot and a bin of 9 of 999 reaches a third of it', () => {
    const g = histogramGeometry({ histogram: hist(0, 1, [999, 9, 0]), width: 300, height: 110, log: true });
    // log10(1 + 9) / log10(1 + 999) = 1/3 of 84 px.
    expect(g.bars.map((b) => b.height)).toEqual([84, 28, 0]);
    expect(g.note).toEqual({ x: 150, y: 105 });
  });

  it('marks 0 where the range straddles it, and follows the size it is given', () => {
    // 0 is a quarter of the way from −1 to 3: 8 + 0.25 · 342 in a 358 px wide chart.
    const g = histogramGeometry({ histogram: hist(-1, 3, [1, 2, 3, 4]), width: 358, height: 110, log: true });
    expect(g.zero).toEqual({ x: 93.5, y1: 6, y2: 90 });
    expect(g.bars[3].x + g.bars[3].width).toBe(349.5);
    expect(g.max).toEqual({ x: 350, y: 105, text: '3' });
    expect(g.min.text).toBe('-1');
  });

  it('a bin too narrow to see keeps half a pixel', () => {
    const ones = Array.from({ length: 400 }, () => 1);
    const g = histogramGeometry({ histogram: hist(0, 1, ones), width: 300, height: 110, log: false });
    expect(g.bars).toHaveLength(400);
    expect(g.bars[0].width).toBe(0.5);
  });
});
