import { scaleBand, scaleLinear } from 'd3';
import { ChartSvg, GridLines } from '../charts/ChartSvg.tsx';

export interface BarSeries {
  name: string;
  /** One value per group, in the order of `groups`. */
  values: readonly number[];
}

export interface GroupedBarChartProps {
  /** Group names, drawn top to bottom. */
  groups: readonly string[];
  series: readonly BarSeries[];
  /** Tick and value labels. */
  format: (value: number) => string;
  /** Accessible name. */
  label: string;
  width?: number;
}

const MARGIN = { top: 8, right: 64, bottom: 26, left: 132 };

/** Horizontal bars, one band per group and one bar per series: d3 computes the scales, React draws. */
export function GroupedBarChart({ groups, series, format, label, width = 560 }: GroupedBarChartProps) {
  const bar = 11;
  const height = MARGIN.top + MARGIN.bottom + groups.length * (series.length * (bar + 2) + 14);
  const y = scaleBand<string>()
    .domain(groups)
    .range([MARGIN.top, height - MARGIN.bottom])
    .paddingInner(0.25);
  const inner = scaleBand<number>()
    .domain(series.map((_, i) => i))
    .range([0, y.bandwidth()])
    .paddingInner(0.15);
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = scaleLinear()
    .domain([0, max])
    .nice(5)
    .range([MARGIN.left, width - MARGIN.right]);
  const ticks = x.ticks(width < 480 ? 3 : 5);
  return (
    <ChartSvg box={[width, height]} width={width} height={height} label={label}>
      <GridLines at={ticks.map((t) => [t, x(t)])} span={[MARGIN.top, height - MARGIN.bottom]} vertical />
      <g className="axis">
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={height - MARGIN.bottom + 16} textAnchor="middle">
            {format(t)}
          </text>
        ))}
      </g>
      {groups.map((group, g) => (
        <g key={group} transform={`translate(0, ${y(group) ?? 0})`}>
          <text x={MARGIN.left - 8} y={y.bandwidth() / 2} dy="0.35em" textAnchor="end">
            {group}
          </text>
          {series.map((s, i) => {
            const value = s.values[g] ?? 0;
            const top = inner(i) ?? 0;
            return (
              <g key={s.name} className={`series-${i}`}>
                <rect x={x(0)} y={top} width={Math.max(0, x(value) - x(0))} height={inner.bandwidth()} rx={2}>
                  <title>{`${s.name}, ${group}: ${format(value)}`}</title>
                </rect>
                <text className="muted" x={x(value) + 4} y={top + inner.bandwidth() / 2} dy="0.35em" fontSize={10}>
                  {format(value)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </ChartSvg>
  );
}
