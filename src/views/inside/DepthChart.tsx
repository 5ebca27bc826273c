/**
 * "Through the network": per block along depth, the photo's mean activation, the fraction of exact zeros
 * and, for Inception-ResNet, ‖s·r‖ / ‖x‖ (paper §3.3). Networks of different depth are overlaid on a
 * relative depth axis; a dashed line shows the released scales' run while the lab changes them.
 */
import { line, scaleLinear } from 'd3';
import type { DepthPoint } from '../../runtime/inside/protocol.ts';
import { fixedPercent, value } from '../format.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';
import type { InsideMessages } from '../i18n/en/inside.ts';

export interface DepthSeries {
  /** "Inception-v4", "Inception-ResNet-v2 (released scales)". */
  name: string;
  points: readonly DepthPoint[];
  /** Index of the colour (0, 1) and whether the line is dashed (a reference run). */
  colour: number;
  dashed?: boolean;
}

type Measure = { key: 'mean' | 'zeroFraction' | 'ratio'; title: keyof InsideMessages['depth']; format: (v: number) => string };

const MEASURES: readonly Measure[] = [
  { key: 'mean', title: 'mean', format: value },
  { key: 'zeroFraction', title: 'zeros', format: (v) => fixedPercent(v, 0) },
  { key: 'ratio', title: 'ratio', format: value },
];

function measure(p: DepthPoint, key: Measure['key']): number | undefined {
  if (key === 'ratio') return p.residual?.ratio;
  return p[key];
}

const WIDTH = 300;
const HEIGHT = 92;
const MARGIN = { top: 16, right: 8, bottom: 6, left: 40 };

export function DepthChart({ series }: { series: readonly DepthSeries[] }) {
  const measures = MEASURES.filter((m) => series.some((s) => s.points.some((p) => measure(p, m.key) !== undefined)));
  return (
    <div className="depth-chart">
      {measures.map((m) => <DepthPanel key={m.key} measure={m} series={series} />)}
      <ul className="legend">
        {series.map((s) => (
          <li key={s.name}><i className={`series-${s.colour}${s.dashed ? ' dashed' : ''}`} />{s.name}</li>
        ))}
      </ul>
    </div>
  );
}

function DepthPanel({ measure: m, series }: { measure: Measure; series: readonly DepthSeries[] }) {
  const values = series.flatMap((s) => s.points.map((p) => measure(p, m.key)).filter((v): v is number => v !== undefined));
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values, m.key === 'zeroFraction' ? 1 : 1e-6);
  const x = scaleLinear().domain([0, 1]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const words = useMessages(insideText).depth;
  const title = words[m.title] as string;
  const y = scaleLinear().domain([lo, hi]).nice(3).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const ticks = y.ticks(3);
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={words.along(title)}>
      <text x={MARGIN.left} y={11} className="muted">{title}</text>
      <g className="grid">{ticks.map((t) => <line key={t} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} />)}</g>
      <g className="axis">{ticks.map((t) => <text key={t} x={MARGIN.left - 4} y={y(t)} dy="0.35em" textAnchor="end">{m.format(t)}</text>)}</g>
      {series.map((s) => {
        const points = s.points.map((p, i) => ({ p, t: s.points.length > 1 ? i / (s.points.length - 1) : 0, v: measure(p, m.key) }))
          .filter((q): q is { p: DepthPoint; t: number; v: number } => q.v !== undefined);
        const path = line<{ t: number; v: number }>().x((q) => x(q.t)).y((q) => y(q.v))(points) ?? '';
        return (
          <g key={s.name} className={`line series-${s.colour}${s.dashed ? ' dashed' : ''}`}>
            <path d={path} />
            {!s.dashed && points.map((q) => (
              <circle key={q.p.address} cx={x(q.t)} cy={y(q.v)} r={2}>
                <title>{`${q.p.label}: ${m.format(q.v)}`}</title>
              </circle>
            ))}
          </g>
        );
      })}
    </svg>
  );
}
