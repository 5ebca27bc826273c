import { describe, expect, it } from 'vitest';
import type { DepthPoint } from '../../runtime/inside/protocol.ts';
import { depthChartGeometry, type DepthSeries } from './depth-chart-geometry.ts';

const point = (i: number, mean: number, zeroFraction: number, ratio?: number): DepthPoint => ({
  address: `b/${i}`,
  label: `B ${i + 1}`,
  index: i,
  mean,
  zeroFraction,
  ...(ratio === undefined
    ? {}
    : {
        residual: { scale: 0.1, shortcut: 10, branch: 100 * ratio, scaled: 10 * ratio, ratio },
      }),
});

const v4: DepthSeries = { name: 'v4', points: [point(0, 0.5, 0.4), point(1, 1, 0.6), point(2, 2, 0.8)], colour: 0 };
const panelsOf = (series: DepthSeries[], width = 300) => depthChartGeometry({ series, width, height: 92 });

describe("the depth chart's geometry", () => {
  it('a panel per measure a run has: the residual ratio only with residual blocks', () => {
    expect(panelsOf([v4]).map((p) => p.measure)).toEqual(['mean', 'zeros']);
    const ir: DepthSeries = { name: 'ir', points: [point(0, 1, 0.3), point(1, 1.5, 0.3, 0.2)], colour: 1 };
    const panels = panelsOf([v4, ir]);
    expect(panels.map((p) => p.measure)).toEqual(['mean', 'zeros', 'ratio']);
    // v4 has no ratio: its line is empty; IR's one ratio sits at its block's place along depth (the end).
    const ratio = panels[2];
    expect(ratio.lines.map((l) => l.marks.length)).toEqual([0, 1]);
    expect(ratio.lines[1].marks[0]).toMatchObject({ value: 0.2, text: '0.2', x: 292 });
  });

  it('places blocks evenly along relative depth and by value on a nice axis from 0', () => {
    const [mean, zeros] = panelsOf([v4]);
    // x 40…292; means 0.5, 1, 2 on 0…2 over y 86…16.
    expect(mean.lines[0].marks.map((m) => [m.x, m.y])).toEqual([
      [40, 68.5],
      [166, 51],
      [292, 16],
    ]);
    expect(mean.lines[0].path).toBe('M40,68.5L166,51L292,16');
    expect(mean.ticks.map((t) => [t.value, t.y, t.text])).toEqual([
      [0, 86, '0'],
      [0.5, 68.5, '0.5'],
      [1, 51, '1'],
      [1.5, 33.5, '1.5'],
      [2, 16, '2'],
    ]);
    expect(mean.lines[0].marks.map((m) => m.text)).toEqual(['0.5', '1', '2']);
    // The fraction of zeros always spans 0 to 100 %.
    expect(zeros.ticks.map((t) => t.text.replace(/\u00a0/g, ' '))).toEqual(['0 %', '50 %', '100 %']);
    expect(zeros.lines[0].marks.map((m) => m.y)).toEqual([58, 44, 30]);
  });

  it('reaches below 0 for a negative value, draws a dashed reference run without points, and follows its width', () => {
    const now: DepthSeries = { name: 'now', points: [point(0, -1, 0), point(1, 3, 0)], colour: 0 };
    const [mean] = panelsOf([now, { ...v4, name: 'released', dashed: true }], 358);
    expect(mean.ticks[0].value).toBeLessThanOrEqual(-1);
    expect(mean.ticks[mean.ticks.length - 1].value).toBeGreaterThanOrEqual(3);
    expect(mean.right).toBe(350);
    expect(mean.lines[0].marks.map((m) => m.x)).toEqual([40, 350]);
    expect(mean.lines[1].marks).toEqual([]);
    expect(mean.lines[1].path).toMatch(/^M40,[\d.]+L195,[\d.]+L350,[\d.]+$/);
  });

  it('a run of one block sits at the start', () => {
    const [mean] = panelsOf([{ name: 'one', points: [point(0, 1, 0)], colour: 0 }]);
    expect(mean.lines[0].marks.map((m) => m.x)).toEqual([40]);
  });
});
