import { describe, expect, it } from 'vitest';
import { reliability } from '../../../runtime/evaluation/calibration.ts';
import { confusion } from '../../../runtime/evaluation/confusion.ts';
import type { ImageRecord } from '../../../runtime/evaluation/records.ts';
import { CELL, confusionGrid, NAME_ROOM } from './confusion-grid.ts';
import { RELIABILITY_MARGIN, reliabilityDiagram, STRIP } from './reliability-diagram.ts';

describe("the reliability diagram's geometry", () => {
  it('draws a square plot with one bar per non-empty bin, up to its accuracy, and its gap to the mean confidence', () => {
    // Width 344: the plot is 344 − 44 − 12 = 288 px square, 19.2 px per bin.
    const figures = reliability([
      { confidence: 0.95, correct: true },
      { confidence: 0.95, correct: false },
      { confidence: 0.5, correct: true },
    ]);
    const g = reliabilityDiagram(figures, 344);
    expect(g.plot).toEqual({ left: 44, top: 10, right: 332, bottom: 298 });
    expect(g.strip).toEqual({ top: 298 + STRIP.gap, bottom: 298 + STRIP.gap + STRIP.height });
    expect(g.height).toBe(g.strip.bottom + RELIABILITY_MARGIN.bottom);
    expect(g.bars.map((b) => b.bin)).toEqual([7, 14]);
    const [middle, top] = g.bars;
    // Bin 14: (0.933, 1], accuracy 0.5 → y = 298 − 144 = 154; mean confidence 0.95 → y = 298 − 273.6 = 24.4.
    expect(top).toEqual({
      bin: 14,
      count: 2,
      x: 44 + 14 * 19.2 + 0.5,
      width: 18.2,
      accuracyY: 154,
      confidenceY: 24.4,
      countY: g.strip.top,
    });
    // Bin 7: one image, right at 0.5: the bar reaches y(1), the confidence y(0.5); half the tallest count bar.
    expect(middle).toMatchObject({
      count: 1,
      accuracyY: 10,
      confidenceY: 154,
      countY: g.strip.bottom - STRIP.height / 2,
    });
    expect(g.ticks).toEqual(
      [0, 0.2, 0.4, 0.6, 0.8, 1]
        .map((value) => ({ value, x: 44 + 288 * value, y: 298 - 288 * value }))
        .map((k) => ({ ...k, x: Math.round(k.x * 100) / 100, y: Math.round(k.y * 100) / 100 })),
    );
  });

  it('has no bars without images', () => {
    expect(reliabilityDiagram(reliability([]), 344).bars).toEqual([]);
  });
});

const KEY = 'inception-v4/1';
const record = (index: number, label: number, predicted: number): ImageRecord => ({
  index,
  path: `${index}.jpg`,
  label,
  predictions: { [KEY]: { top5: [predicted, 1, 2, 3, 4], p1: 0.5 } },
});

describe("the confusion matrix's geometry", () => {
  it('places one cell per non-zero count, shaded by its share of the row, with a column for other classes', () => {
    // Class 5: 3 right, 1 taken for 9; class 9: 1 taken for 700 (not present).
    const figures = confusion(
      [record(0, 5, 5), record(1, 5, 5), record(2, 5, 5), record(3, 5, 9), record(4, 9, 700)],
      KEY,
    );
    const g = confusionGrid(figures, 400)!;
    // 3 columns: (400 − 112 − 60 − 2) / 3 = 75 → at most 34 px, with names.
    expect(g).toMatchObject({ cell: CELL.max, left: NAME_ROOM.left, top: NAME_ROOM.top, named: true });
    expect(g.width).toBe(NAME_ROOM.left + 3 * 34 + 1 + NAME_ROOM.right);
    expect(g.height).toBe(NAME_ROOM.top + 2 * 34 + 1);
    expect(g.cells).toEqual([
      { row: 0, column: 0, x: 112, y: 84, count: 3, share: 0.75, diagonal: true },
      { row: 0, column: 1, x: 146, y: 84, count: 1, share: 0.25, diagonal: false },
      { row: 1, column: 2, x: 180, y: 118, count: 1, share: 1, diagonal: false },
    ]);
  });

  it('drops the names when the cells get too small for them, and has no matrix beyond 50 classes', () => {
    const forty = confusion(
      Array.from({ length: 40 }, (_, c) => record(c, c, c)),
      KEY,
    );
    const g = confusionGrid(forty, 358)!;
    // With names: (358 − 172 − 2) / 41 = 4 px < 13; without: (358 − 4) / 41 = 8 px.
    expect(g).toMatchObject({ named: false, cell: 8, left: 1, top: 1 });
    expect(
      confusionGrid(
        confusion(
          Array.from({ length: 51 }, (_, c) => record(c, c, c)),
          KEY,
        ),
        720,
      ),
    ).toBeUndefined();
  });
});
