/** The distribution of a node's output values: equal-width bins as bars, d3 scales, React draws. */
import { scaleLinear } from 'd3';
import type { Histogram as HistogramData } from '../../runtime/inside/protocol.ts';
import { value } from '../format.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';

export interface HistogramProps {
  histogram: HistogramData;
  /** Accessible name, e.g. "Values of 1×7 conv, 160". */
  label: string;
  width?: number;
  height?: number;
  /** Log scale for counts (exact zeros after a ReLU dwarf the rest). */
  log?: boolean;
}

const MARGIN = { top: 6, right: 8, bottom: 20, left: 8 };

export function Histogram({ histogram, label, width = 300, height = 110, log = true }: HistogramProps) {
  const { min, max, counts } = histogram;
  const bins = counts.length;
  const top = Math.max(1, ...counts);
  const scaled = (c: number) => (log ? Math.log10(1 + c) / Math.log10(1 + top) : c / top);
  const t = useMessages(insideText).histogram;
  const x = scaleLinear().domain([0, bins]).range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear().domain([0, 1]).range([height - MARGIN.bottom, MARGIN.top]);
  const zero = min < 0 && max > 0 ? x(((0 - min) / (max - min)) * bins) : undefined;
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <svg className="chart histogram" viewBox={`0 0 ${width} ${height}`} width="100%" role="img"
      aria-label={t.label(label, total, value(min), value(max), bins, log)}>
      {Array.from(counts, (c, i) => (
        <rect key={i} className="series-0" x={x(i) + 0.5} width={Math.max(0.5, x(i + 1) - x(i) - 1)} y={y(scaled(c))} height={y(0) - y(scaled(c))}>
          <title>{t.bin(value(min + ((max - min) * i) / bins), value(min + ((max - min) * (i + 1)) / bins), c)}</title>
        </rect>
      ))}
      <line className="reference" x1={MARGIN.left} x2={width - MARGIN.right} y1={y(0)} y2={y(0)} />
      {zero !== undefined && <line className="zero" x1={zero} x2={zero} y1={MARGIN.top} y2={y(0)} />}
      <g className="axis">
        <text x={MARGIN.left} y={height - 5}>{value(min)}</text>
        <text x={width - MARGIN.right} y={height - 5} textAnchor="end">{value(max)}</text>
        {log && <text x={width / 2} y={height - 5} textAnchor="middle" className="muted">{t.logScale}</text>}
      </g>
    </svg>
  );
}
