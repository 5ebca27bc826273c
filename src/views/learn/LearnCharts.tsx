/**
 * The race's curves, one colour per network (a compared run dashed): training loss and held-out top-1
 * error against epochs (the shape of the paper's Figs. 11–14 and 18) and against wall time, then the §3.3
 * monitor: ‖s·r‖/‖x‖ for each residual group and the zeros before average pooling.
 */
import { useRef } from 'react';
import { useElementWidth } from '../compare/useElementWidth.ts';
import type { LearnMessages } from '../i18n/en/learn.ts';
import { learnText } from '../i18n/learn.ts';
import { useMessages } from '../i18n/messages.ts';
import { chartSeries, monitoredGroups, networkColours, type Measure, type Overlay } from './chart-series.ts';
import { lineChart, type XKind, type YKind } from './line-chart.ts';
import { LineChart } from './LineChart.tsx';

export interface LearnChartsProps {
  overlays: readonly Overlay[];
  /** Network titles by id. */
  titles: Readonly<Record<string, string>>;
  /** The race's epochs: the epoch axes reach this far. */
  epochs: number;
  /** Titles of residual groups by address (the group's own address where unknown). */
  groupTitles: Readonly<Record<string, string>>;
  /** When the compared run was started (said in the legend). */
  comparedDate?: string;
}

interface ChartDef {
  key: string;
  title: string;
  measure: Measure;
  x: XKind;
  y: YKind;
}

/** Tick labels: epochs as integers, shares as percentages, times in the axis' unit, other values short. */
function formatters(t: LearnMessages['charts'], y: YKind, unit: number | undefined) {
  const formatY = y === 'share' ? t.percent : (v: number) => String(Number(v.toPrecision(3)));
  const unitName = unit === 3_600_000 ? 'h' : unit === 60_000 ? 'min' : 's';
  const formatX = (v: number) => (unit ? t.timeTick(Number((v / unit).toPrecision(3)), unitName) : String(v));
  return { formatX, formatY };
}

export function LearnCharts({ overlays, titles, epochs, groupTitles, comparedDate }: LearnChartsProps) {
  const t = useMessages(learnText).charts;
  const box = useRef<HTMLElement>(null);
  const measured = useElementWidth(box, 880);
  const width = Math.max(280, measured >= 760 ? Math.floor((measured - 24) / 2) : measured);
  const colours = networkColours(overlays);
  const groups = monitoredGroups(overlays);
  const started = overlays.some((o) => o.series.some((s) => s.loss.length > 0 || s.testError.length > 0));

  const chart = (def: ChartDef) => {
    const series = chartSeries(overlays, def.measure, def.x);
    const geometry = lineChart({
      width,
      height: Math.round(width * 0.55),
      series,
      x: def.x,
      y: def.y,
      ...(def.x === 'epoch' ? { xMax: epochs } : {}),
    });
    const { formatX, formatY } = formatters(t, def.y, geometry.timeUnit);
    const shown = overlays.find((o) => !o.dashed);
    const latest = (shown?.series ?? [])
      .flatMap((s) => {
        const last = def.measure(s).at(-1);
        return last && Number.isFinite(last.value)
          ? [t.latest(titles[s.network] ?? s.network, formatY(last.value))]
          : [];
      })
      .join(', ');
    const endTitles = Object.fromEntries(
      overlays.flatMap((o) =>
        o.series.map((s) => {
          const last = def.measure(s).at(-1);
          return [`${o.runId}/${s.network}`, last ? t.latest(titles[s.network] ?? s.network, formatY(last.value)) : ''];
        }),
      ),
    );
    return (
      <figure className="panel learn-chart" key={def.key} data-chart={def.key}>
        <figcaption>{def.title}</figcaption>
        <LineChart
          geometry={geometry}
          formatX={formatX}
          formatY={formatY}
          titles={endTitles}
          label={t.label(def.title, def.x === 'epoch' ? t.epochs : t.time, latest)}
        />
        {def.y === 'loss' && geometry.clipped && <p className="note">{t.clipped}</p>}
      </figure>
    );
  };

  const loss: Measure = (s) => s.loss;
  const error: Measure = (s) => s.testError;
  const byEpoch: ChartDef[] = [
    { key: 'loss-epoch', title: t.loss, measure: loss, x: 'epoch', y: 'loss' },
    { key: 'error-epoch', title: t.error, measure: error, x: 'epoch', y: 'share' },
  ];
  const byTime: ChartDef[] = [
    { key: 'loss-time', title: t.loss, measure: loss, x: 'time', y: 'loss' },
    { key: 'error-time', title: t.error, measure: error, x: 'time', y: 'share' },
  ];
  const monitor: ChartDef[] = [
    ...groups.map((group): ChartDef => ({
      key: `ratio-${group}`,
      title: t.ratio(groupTitles[group] ?? group),
      measure: (s) => s.groups[group] ?? [],
      x: 'epoch',
      y: 'ratio',
    })),
    { key: 'zeros', title: t.zeros, measure: (s) => s.zeroFraction, x: 'epoch', y: 'share' },
  ];
  return (
    <section className="learn-charts" ref={box} aria-labelledby="learn-charts-heading">
      <h2 id="learn-charts-heading">{t.heading}</h2>
      <ul className="legend learn-legend" aria-label={t.legend}>
        {[...colours].map(([network, colour]) => (
          <li key={network}>
            <i className={`series-${colour}`} />
            {titles[network] ?? network}
          </li>
        ))}
        {comparedDate && (
          <li className="compared">
            <i className="dashed" />
            {t.compared(comparedDate)}
          </li>
        )}
      </ul>
      {!started && <p className="empty">{t.empty}</p>}
      <h3>{t.againstEpoch}</h3>
      <p className="meta">{t.againstEpochNote}</p>
      <div className="charts">{byEpoch.map(chart)}</div>
      <h3>{t.againstTime}</h3>
      <p className="meta">{t.againstTimeNote}</p>
      <div className="charts">{byTime.map(chart)}</div>
      <h3>{t.monitor}</h3>
      <p className="meta">{t.monitorNote}</p>
      {started && groups.length === 0 && <p className="meta">{t.noGroups}</p>}
      <div className="charts">{monitor.map(chart)}</div>
    </section>
  );
}
