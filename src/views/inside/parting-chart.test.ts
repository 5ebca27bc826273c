import { describe, expect, it } from 'vitest';
import type { PartingPoint } from '../../runtime/inside/parting-protocol.ts';
import { partingChart } from './parting-chart.ts';

const point = (address: string, label: string, index: number, cosine: number | null): PartingPoint => ({
  address,
  label,
  index,
  cosine,
});

const POINTS = [
  point('stem', 'Stem', 0, 0.98),
  point('block/0', 'Block 1', 1, 0.9),
  point('block/1', 'Block 2', 2, 0.4),
  point('reduction', 'Reduction', 3, 0.35),
  point('head', 'Classifier', 4, 0.6),
];

describe('the "where they part" chart geometry', () => {
  it('places blocks evenly along depth on a 0–1 axis, names each stage once, and marks the largest drop', () => {
    const g = partingChart({ width: 300, height: 192, points: POINTS });
    expect(g.marks.map((m) => m.x)).toEqual([34, 98, 162, 226, 290]);
    // y: 1 at the top (10), 0 at the bottom (192 − 92 = 100).
    expect(g.marks.map((m) => m.y)).toEqual([11.8, 19, 64, 68.5, 46]);
    expect(g.yTicks).toEqual([
      { value: 0, at: 100 },
      { value: 0.25, at: 77.5 },
      { value: 0.5, at: 55 },
      { value: 0.75, at: 32.5 },
      { value: 1, at: 10 },
    ]);
    expect(g.stages).toEqual([
      { at: 34, label: 'Stem' },
      { at: 98, label: 'Block' },
      { at: 226, label: 'Reduction' },
      { at: 290, label: 'Classifier' },
    ]);
    expect(g.drop?.at.point.address).toBe('block/1');
    expect(g.drop?.before.point.address).toBe('block/0');
    expect(g.path).toBe('M34,11.8L98,19L162,64L226,68.5L290,46');
  });

  it('reaches down to −1 when a value is negative, and breaks the line where a block has no value', () => {
    const points = [
      ...POINTS.slice(0, 2),
      point('block/1', 'Block 2', 2, null),
      point('reduction', 'Reduction', 3, -0.5),
    ];
    const g = partingChart({ width: 300, height: 192, points });
    expect(g.yTicks.map((t) => t.value)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(g.yTicks[0].at).toBe(100);
    expect(g.marks.map((m) => m.point.address)).toEqual(['stem', 'block/0', 'reduction']);
    expect(g.path.match(/M/g)).toHaveLength(2);
    // The drop is between neighbouring blocks with values only.
    expect(g.drop?.at.point.address).toBe('block/0');
  });

  it('a photo against itself: a flat line at the top and no drop', () => {
    const g = partingChart({ width: 300, height: 192, points: POINTS.map((p) => ({ ...p, cosine: 1 })) });
    expect(new Set(g.marks.map((m) => m.y))).toEqual(new Set([10]));
    expect(g.drop).toBeUndefined();
  });

  it('names a stage only with room, a repeat before a single block, and marks no drop two decimals would not show', () => {
    // 41 blocks over 256 px: 6.4 px apart; stages begin at blocks 0, 1, 2, 12 and 13.
    const points = Array.from({ length: 41 }, (_, i) => {
      const [address, label] =
        i === 0
          ? ['stem', 'Stem']
          : i === 1
            ? ['mixed', 'Mixed']
            : i < 12
              ? [`a/${i - 2}`, `A ${i - 1}`]
              : i === 12
                ? ['reduction', 'Reduction']
                : [`b/${i - 13}`, `B ${i - 12}`];
      return point(address, label, i, 0.9 - i * 0.004);
    });
    const g = partingChart({ width: 300, height: 192, points });
    // Mixed has no room beside Stem; B (a repeat) takes the room of Reduction (one block).
    expect(g.stages.map((s) => s.label)).toEqual(['Stem', 'A', 'B']);
    expect(g.stages.map((s) => s.at)).toEqual([34, 46.8, 117.2]);
    expect(g.drop).toBeUndefined();
  });
});
