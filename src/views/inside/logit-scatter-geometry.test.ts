import { describe, expect, it } from 'vitest';
import { logitScatterGeometry } from './logit-scatter-geometry.ts';

describe("the logit scatter's geometry", () => {
  it('one nice scale for both axes covering every logit, points at (released, current)', () => {
    const released = Float32Array.from([-3, 0, 7]);
    const current = Float32Array.from([-3, 2, 9]);
    const g = logitScatterGeometry({ released, current, size: 240 });
    // −3…9 made nice with four ticks: −5…10, over x 40…232 and y 200…8 (12.8 px a logit).
    expect(g.domain).toEqual([-5, 10]);
    expect(g.ticks.map((t) => t.value)).toEqual([-5, 0, 5, 10]);
    expect(g.ticks.map((t) => [t.x, t.y])).toEqual([
      [40, 200],
      [104, 136],
      [168, 72],
      [232, 8],
    ]);
    expect(g.points).toEqual([
      { x: 65.6, y: 174.4 },
      { x: 104, y: 110.4 },
      { x: 193.6, y: 20.8 },
    ]);
    expect(g.diagonal).toEqual({ x1: 40, y1: 200, x2: 232, y2: 8 });
    // An unchanged logit lies on the diagonal: x − left = bottom − y.
    expect(g.points[0].x - g.left).toBeCloseTo(g.bottom - g.points[0].y, 6);
    expect([g.xTitle, g.yTitle]).toEqual([
      { x: 140, y: 234 },
      { x: 10, y: 100 },
    ]);
  });

  it('follows its size, and writes ticks as the app writes values', () => {
    const released = Float32Array.from([0.001, 0.004]);
    const g = logitScatterGeometry({ released, current: Float32Array.from([0.002, 0.003]), size: 320 });
    expect([g.left, g.right, g.top, g.bottom]).toEqual([40, 312, 8, 280]);
    expect(g.domain[0]).toBeLessThanOrEqual(0.001);
    expect(g.domain[1]).toBeGreaterThanOrEqual(0.004);
    // As a float32, 0.004 is a little more than 0.004: the axis reaches on to 0.005 to cover it.
    expect(g.ticks.map((t) => t.text)).toEqual(['0.001', '0.002', '0.003', '0.004', '0.005']);
  });

  it('says what is wrong when the runs have different numbers of classes', () => {
    expect(() =>
      logitScatterGeometry({ released: new Float32Array(1000), current: new Float32Array(1001), size: 240 }),
    ).toThrow('got 1000 released and 1001 current; compare runs of the same network');
  });

  it('no logits: an empty plot on 0–1 rather than NaN', () => {
    const g = logitScatterGeometry({ released: new Float32Array(0), current: new Float32Array(0), size: 240 });
    expect(g.domain).toEqual([0, 1]);
    expect(g.points).toEqual([]);
  });
});
