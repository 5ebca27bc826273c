import { describe, expect, it } from 'vitest';
import { lineChart, timeUnit, X_LABEL_HALF_WIDTH, type ChartSeries } from './line-chart.ts';

const series = (id: string, points: [number, number][], extra: Partial<ChartSeries> = {}): ChartSeries => ({
  id,
  colour: 0,
  points: points.map(([x, y]) => ({ x, y })),
  ...extra,
});

describe('line chart geometry', () => {
  it("places points on a frame from 0 to the race's epochs, error from 0 to 100 %", () => {
    const g = lineChart({
      width: 400,
      height: 200,
      x: 'epoch',
      y: 'share',
      xMax: 10,
      series: [
        series('a', [
          [1, 0.5],
          [2, 0.25],
        ]),
      ],
    });
    expect(g.plot).toEqual({ left: 44, top: 10, right: 386, bottom: 176 });
    expect(g.xTicks.map((t) => t.value)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(g.yTicks.map((t) => [t.value, t.at])).toEqual([
      [0, 176],
      [0.2, 142.8],
      [0.4, 109.6],
      [0.6, 76.4],
      [0.8, 43.2],
      [1, 10],
    ]);
    // Epoch 1 at 44 + 342/10, error 0.5 halfway up.
    expect(g.lines[0].d).toBe('M78.2,93L112.4,134.5');
    expect(g.lines[0].last).toEqual({ x: 112.4, y: 134.5 });
    expect(g.clipped).toBe(false);
  });

  it('breaks a line at a NaN and marks where a stopped network ended', () => {
    const g = lineChart({
      width: 400,
      height: 200,
      x: 'epoch',
      y: 'loss',
      series: [
        series(
          'a',
          [
            [0.5, 2],
            [1, 1.5],
            [1.5, NaN],
          ],
          { stopped: true },
        ),
        series('b', [
          [0.5, 2.2],
          [1, 1],
        ]),
      ],
    });
    expect(g.lines[0].d.match(/M/g)).toHaveLength(1);
    expect(g.lines[0].stop).toEqual(g.lines[0].last);
    expect(g.lines[1].stop).toBeUndefined();
  });

  it('keeps a diverging loss from flattening the other curves', () => {
    const g = lineChart({
      width: 400,
      height: 200,
      x: 'epoch',
      y: 'loss',
      series: [
        series('a', [
          [0.5, 2.3],
          [1, 1.8],
        ]),
        series('b', [
          [0.5, 2.3],
          [1, 4e6],
        ]),
      ],
    });
    // The frame stops at 1.5 × the highest starting loss (3.45 → 4 once rounded), the huge value at its top.
    expect(g.yTicks[g.yTicks.length - 1].value).toBe(4);
    expect(g.clipped).toBe(true);
    expect(g.lines[1].last!.y).toBe(g.plot.top);
  });

  it('ends the label of the tick at the right edge there, so that "100 s" is not cut by the chart\'s edge', () => {
    const g = lineChart({
      width: 400,
      height: 200,
      x: 'time',
      y: 'loss',
      series: [
        series('a', [
          [0, 2],
          [100_000, 1],
        ]),
      ],
    });
    expect(g.xTicks.map((t) => [t.value / 1000, t.at, t.anchor])).toEqual([
      [0, 44, 'middle'],
      [20, 112.4, 'middle'],
      [40, 180.8, 'middle'],
      [60, 249.2, 'middle'],
      [80, 317.6, 'middle'],
      [100, 386, 'end'],
    ]);
    // Centred, the last label would need half its width (about 20 px) right of the tick: the margin has 14.
    expect(400 - g.plot.right).toBeLessThan(X_LABEL_HALF_WIDTH);
  });

  it('ticks a wall-time axis in seconds, minutes or hours', () => {
    expect([90_000, 600_000, 3 * 3_600_000].map(timeUnit)).toEqual([1000, 60_000, 3_600_000]);
    const g = lineChart({
      width: 400,
      height: 200,
      x: 'time',
      y: 'loss',
      series: [
        series('a', [
          [0, 2],
          [540_000, 1],
        ]),
      ],
    });
    expect(g.timeUnit).toBe(60_000);
    expect(g.xTicks.map((t) => t.value / 60_000)).toEqual([0, 2, 4, 6, 8, 10]);
  });
});
