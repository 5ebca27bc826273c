/**
 * Golden SVGs of the lab's charts: the geometry (line-chart.ts) of a fake race's records (series.ts,
 * chart-series.ts) drawn by LineChart, compared byte for byte with `golden/*.svg`. The files carry the
 * light theme's colours in a <style> so they can be looked at; a change to the scales, the paths or the
 * drawing shows up as a diff to review. Accept one with `UPDATE_GOLDEN=1 npx vitest run src/views/learn`.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { expectGoldenFile, standaloneSvg } from '../../testing/golden-file.ts';
import { fakeRace } from '../../testing/training/fake-records.ts';
import { learn as en } from '../i18n/en/learn.ts';
import { chartSeries, type Measure, type Overlay } from './chart-series.ts';
import { lineChart, type LineChartSpec } from './line-chart.ts';
import { LineChart } from './LineChart.tsx';
import { networkSeries } from './series.ts';

const GOLDEN = new URL('./golden/', import.meta.url);

const STYLE =
  '<style>text{font:12px sans-serif;fill:#5b6270}.grid line,.axis line{stroke:#d9d5cc}' +
  '.line path{fill:none;stroke-width:1.8}.dashed path{stroke-dasharray:5 3}' +
  '.series-0 path{stroke:#1f5fbf}.series-1 path{stroke:#c2410c}.series-2 path{stroke:#2f855a}' +
  '.series-3 path{stroke:#8b5cf6}.series-0 circle{fill:#1f5fbf}.series-1 circle{fill:#c2410c}' +
  '.series-2 circle{fill:#2f855a}.series-3 circle{fill:#8b5cf6}</style>';

function expectGolden(name: string, spec: Omit<LineChartSpec, 'width' | 'height'>, width = 480): void {
  const geometry = lineChart({ ...spec, width, height: Math.round(width * 0.55) });
  const unit = geometry.timeUnit;
  const formatX = (v: number) => (unit ? en.charts.timeTick(v / unit, unit === 1000 ? 's' : 'min') : String(v));
  const formatY = spec.y === 'share' ? en.charts.percent : (v: number) => String(Number(v.toPrecision(3)));
  const markup = renderToStaticMarkup(
    <LineChart geometry={geometry} label={name} formatX={formatX} formatY={formatY} />,
  );
  expectGoldenFile(GOLDEN, name, standaloneSvg(markup, STYLE));
}

async function overlay(steps: number, options: Parameters<typeof fakeRace>[1] = {}, dashed = false): Promise<Overlay> {
  const { records } = await fakeRace(steps, { stepsPerEpoch: 20, ...options });
  return { runId: options.runId ?? 'run-1', series: networkSeries(records, { batch: 32 }), dashed };
}

const loss: Measure = (s) => s.loss;
const error: Measure = (s) => s.testError;

describe("golden SVGs of the lab's charts", () => {
  it('held-out error against epochs: three networks, 6 of 10 epochs → golden/error-epoch.svg', async () => {
    const race = await overlay(120);
    expectGolden('error-epoch.svg', { series: chartSeries([race], error, 'epoch'), x: 'epoch', y: 'share', xMax: 10 });
  });

  it('training loss against epochs, one network stopped by a NaN loss → golden/loss-epoch-nan.svg', async () => {
    const race = await overlay(100, { nan: { network: 'inception-resnet-v2-s-no-shortcuts', step: 47 } });
    expect(race.series[2].stopped?.reason).toBe('nan');
    expectGolden('loss-epoch-nan.svg', { series: chartSeries([race], loss, 'epoch'), x: 'epoch', y: 'loss', xMax: 10 });
  });

  it('training loss against wall time, a second run dashed → golden/loss-time-compared.svg', async () => {
    const shown = await overlay(80, { msPerStep: 400 });
    const compared = await overlay(120, { msPerStep: 300, runId: 'run-0' }, true);
    const series = chartSeries([shown, compared], loss, 'time');
    expectGolden('loss-time-compared.svg', { series, x: 'time', y: 'loss' });
  });

  it('the §3.3 monitor: ‖s·r‖/‖x‖ of a group, and a network that died → golden/monitor-*.svg', async () => {
    const race = await overlay(200, {
      networks: [
        { network: 'inception-resnet-v2-s', width: 0.5, scale: 1 },
        { network: 'inception-resnet-v2-s', width: 0.5, scale: 0.1 },
      ],
      dies: { network: 'inception-resnet-v2-s-w0.5-s1', epoch: 4 },
    });
    const group: Measure = (s) => s.groups['inception-resnet-b'] ?? [];
    expect(race.series.map((s) => s.groups['inception-resnet-b']?.length)).toEqual([10, 10]);
    expectGolden('monitor-ratio.svg', {
      series: chartSeries([race], group, 'epoch'),
      x: 'epoch',
      y: 'ratio',
      xMax: 10,
    });
    expectGolden('monitor-zeros.svg', {
      series: chartSeries([race], (s) => s.zeroFraction, 'epoch'),
      x: 'epoch',
      y: 'share',
      xMax: 10,
    });
  });

  it("at a phone's width the axes keep fewer ticks → golden/error-epoch-phone.svg", async () => {
    const race = await overlay(120);
    expectGolden(
      'error-epoch-phone.svg',
      { series: chartSeries([race], error, 'epoch'), x: 'epoch', y: 'share', xMax: 10 },
      358,
    );
  });
});
