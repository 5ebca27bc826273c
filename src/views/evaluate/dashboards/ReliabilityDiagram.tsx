/**
 * Draws a reliability diagram's geometry (reliability-diagram.ts): bars of accuracy, their gaps, the diagonal, the
 * counts.
 */
import type { Reliability } from '../../../runtime/evaluation/calibration.ts';
import { fixedPercent } from '../../format.ts';
import type { DashboardsMessages } from '../../i18n/en/dashboards.ts';
import type { ReliabilityGeometry } from './reliability-diagram.ts';
import { ChartSvg, GridLines } from '../../charts/ChartSvg.tsx';

const percent = (v: number) => fixedPercent(v, 0);

export function ReliabilityDiagram({
  geometry: g,
  figures,
  t,
}: {
  geometry: ReliabilityGeometry;
  figures: Reliability;
  t: DashboardsMessages['reliability'];
}) {
  const { plot, strip } = g;
  const label = t.label(fixedPercent(figures.ece), figures.bins.length);
  return (
    <ChartSvg className="reliability-diagram" box={[g.width, g.height]} width={g.width} height={g.height} label={label}>
      <GridLines at={g.ticks.map((k) => [k.value, k.y])} span={[plot.left, plot.right]} />
      <line className="reference" x1={plot.left} y1={plot.bottom} x2={plot.right} y2={plot.top} />
      {g.bars.map((b) => {
        const bin = figures.bins[b.bin];
        const title = t.bar(
          percent(bin.low),
          percent(bin.high),
          b.count,
          fixedPercent(bin.accuracy),
          fixedPercent(bin.confidence),
        );
        return (
          <g key={b.bin} className="bin" data-bin={b.bin} data-count={b.count}>
            <title>{title}</title>
            <rect className="accuracy" x={b.x} y={b.accuracyY} width={b.width} height={plot.bottom - b.accuracyY} />
            <rect
              className="gap"
              x={b.x}
              y={Math.min(b.accuracyY, b.confidenceY)}
              width={b.width}
              height={Math.abs(b.confidenceY - b.accuracyY)}
            />
            <rect className="count" x={b.x} y={b.countY} width={b.width} height={strip.bottom - b.countY} />
          </g>
        );
      })}
      <g className="axis">
        <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        <line x1={plot.left} x2={plot.right} y1={strip.bottom} y2={strip.bottom} />
        {g.ticks.map((k) => (
          <text key={`y${k.value}`} x={plot.left - 6} y={k.y} dy="0.35em" textAnchor="end">
            {percent(k.value)}
          </text>
        ))}
        {g.ticks.map((k) => (
          <text
            key={`x${k.value}`}
            x={k.x}
            y={strip.bottom + 15}
            textAnchor={k.value === 0 ? 'start' : k.value === 1 ? 'end' : 'middle'}
          >
            {percent(k.value)}
          </text>
        ))}
        <text className="muted" x={plot.left - 6} y={(strip.top + strip.bottom) / 2} dy="0.35em" textAnchor="end">
          {t.countMark}
        </text>
      </g>
    </ChartSvg>
  );
}
