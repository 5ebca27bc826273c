/** Draws a line chart's geometry (line-chart.ts): grid, tick labels, one path per series, a cross where one stopped. */
import type { LineChartGeometry } from './line-chart.ts';
import { ChartSvg, GridLines } from '../charts/ChartSvg.tsx';

export interface LineChartProps {
  geometry: LineChartGeometry;
  /** Accessible name: what the chart shows, and each line's latest value. */
  label: string;
  formatX: (value: number) => string;
  formatY: (value: number) => string;
  /** Each line's tooltip at its end, by series id. */
  titles?: Readonly<Record<string, string>>;
}

export function LineChart({ geometry: g, label, formatX, formatY, titles = {} }: LineChartProps) {
  const { plot } = g;
  return (
    <ChartSvg className="line-chart" box={[g.width, g.height]} width={g.width} height={g.height} label={label}>
      <GridLines at={g.yTicks.map((t) => [t.value, t.at])} span={[plot.left, plot.right]} />
      <g className="axis">
        <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        {g.yTicks.map((t) => (
          <text key={t.value} x={plot.left - 6} y={t.at} dy="0.35em" textAnchor="end">
            {formatY(t.value)}
          </text>
        ))}
        {g.xTicks.map((t) => (
          <text key={t.value} x={t.at} y={plot.bottom + 16} textAnchor={t.anchor}>
            {formatX(t.value)}
          </text>
        ))}
      </g>
      {g.lines.map((l) => (
        <g key={l.id} className={`line series-${l.colour}${l.dashed ? ' dashed' : ''}`}>
          <path d={l.d} />
          {l.last && !l.stop && (
            <circle cx={l.last.x} cy={l.last.y} r={2.5}>
              {titles[l.id] && <title>{titles[l.id]}</title>}
            </circle>
          )}
          {l.stop && (
            <path className="stop" d={`M${l.stop.x - 4},${l.stop.y - 4}l8,8m0,-8l-8,8`}>
              {titles[l.id] && <title>{titles[l.id]}</title>}
            </path>
          )}
        </g>
      ))}
    </ChartSvg>
  );
}
