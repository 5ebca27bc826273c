/** The distribution of a node's output values: equal-width bins as bars (geometry in histogram-geometry.ts). */
import type { Histogram as HistogramData } from '../../runtime/inside/protocol.ts';
import { value } from '../format.ts';
import type { InsideMessages } from '../i18n/en/inside.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';
import { histogramGeometry, type HistogramGeometry } from './histogram-geometry.ts';
import { ChartSvg } from '../charts/ChartSvg.tsx';

export interface HistogramProps {
  histogram: HistogramData;
  /** Accessible name, e.g. "Values of 1×7 conv, 160". */
  label: string;
  width?: number;
  height?: number;
  /** Log scale for counts (exact zeros after a ReLU dwarf the rest). */
  log?: boolean;
}

export function Histogram({ histogram, label, width = 300, height = 110, log = true }: HistogramProps) {
  const t = useMessages(insideText).histogram;
  return <HistogramSvg geometry={histogramGeometry({ histogram, width, height, log })} label={label} t={t} />;
}

export interface HistogramSvgProps {
  geometry: HistogramGeometry;
  label: string;
  t: InsideMessages['histogram'];
}

/** The chart itself (the golden SVGs render this). */
export function HistogramSvg({ geometry: g, label, t }: HistogramSvgProps) {
  return (
    <ChartSvg
      className="histogram"
      box={[g.width, g.height]}
      width="100%"
      label={t.label(label, g.total, g.min.text, g.max.text, g.bars.length, g.log)}
    >
      {g.bars.map((b) => (
        <rect key={b.bin} className="series-0" x={b.x} width={b.width} y={b.y} height={b.height}>
          <title>{t.bin(value(b.from), value(b.to), b.count)}</title>
        </rect>
      ))}
      <line className="reference" x1={g.baseline.x1} x2={g.baseline.x2} y1={g.baseline.y} y2={g.baseline.y} />
      {g.zero && <line className="zero" x1={g.zero.x} x2={g.zero.x} y1={g.zero.y1} y2={g.zero.y2} />}
      <g className="axis">
        <text x={g.min.x} y={g.min.y}>
          {g.min.text}
        </text>
        <text x={g.max.x} y={g.max.y} textAnchor="end">
          {g.max.text}
        </text>
        {g.note && (
          <text x={g.note.x} y={g.note.y} textAnchor="middle" className="muted">
            {t.logScale}
          </text>
        )}
      </g>
    </ChartSvg>
  );
}
