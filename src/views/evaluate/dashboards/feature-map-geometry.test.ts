import { describe, expect, it } from 'vitest';
import type { FeaturePoint } from '../../../runtime/evaluation/feature-map.ts';
import { featureMapGeometry } from './feature-map-geometry.ts';

const point = (index: number, label: number, predicted: number, x: number, y: number): FeaturePoint => ({
  index,
  path: `${index}.jpg`,
  label,
  predicted,
  x,
  y,
});

describe('featureMapGeometry', () => {
  it('scales both axes alike, the origin inside, y up, and marks misclassified images', () => {
    const g = featureMapGeometry([point(0, 5, 5, -2, 0), point(1, 7, 5, 2, 1), point(2, 5, 5, 0, -1)], 440, 240);
    expect(g.plot).toEqual({ left: 28, top: 12, right: 428, bottom: 212 });
    // x spans 4 units in 400 px, y 2 units in 200 px: 100 px a unit (÷1.06) along both.
    const [a, b, c] = g.marks;
    const perUnit = 100 / 1.06;
    expect(b.x - a.x).toBeCloseTo(4 * perUnit, 0);
    expect(b.y - c.y).toBeCloseTo(-2 * perUnit, 0);
    expect(g.origin).toEqual({ x: 228, y: Math.round((112 - 0 * perUnit) * 10) / 10 });
    expect(a.y).toBe(g.origin.y);
    expect(g.marks.map((m) => [m.colour, m.shape, m.wrong])).toEqual([
      [0, 'circle', false],
      [1, 'circle', true],
      [0, 'circle', false],
    ]);
    expect(g.classes).toEqual([
      { label: 5, colour: 0, shape: 'circle', images: 2 },
      { label: 7, colour: 1, shape: 'circle', images: 1 },
    ]);
  });

  it('tells twenty classes apart (ten colours, then squares); beyond twenty, colours repeat as circles', () => {
    const twenty = featureMapGeometry(
      Array.from({ length: 20 }, (_, i) => point(i, 100 + i, 100 + i, i, i % 3)),
      400,
      300,
    );
    expect(twenty.classes.slice(9, 11).map((c) => [c.label, c.colour, c.shape])).toEqual([
      [109, 9, 'circle'],
      [110, 0, 'square'],
    ]);
    const many = featureMapGeometry(
      Array.from({ length: 21 }, (_, i) => point(i, i, i, i, 0)),
      400,
      300,
    );
    expect(new Set(many.classes.map((c) => c.shape))).toEqual(new Set(['circle']));
    expect(many.classes[20].colour).toBe(0);
  });

  it('places a single image (no spread) at the origin', () => {
    const g = featureMapGeometry([point(0, 1, 1, 0, 0)], 400, 300);
    expect([g.marks[0].x, g.marks[0].y]).toEqual([g.origin.x, g.origin.y]);
    expect(Number.isFinite(g.origin.x)).toBe(true);
  });
});
