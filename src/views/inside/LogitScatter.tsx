/**
 * All 1000 logits with changed scales against the released scales' (the diagonal: no change); geometry in
 * logit-scatter-geometry.ts.
 */
import type { InsideMessages } from '../i18n/en/inside.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';
import { logitScatterGeometry, type LogitScatterGeometry } from './logit-scatter-geometry.ts';
import { ChartSvg, GridLines } from '../charts/ChartSvg.tsx';

const SIZE = 240;

export function LogitScatter({ released, current }: { released: Float32Array; current: Float32Array }) {
  const t = useMessages(insideText).scatter;
  return <LogitScatterSvg geometry={logitScatterGeometry({ released, current, size: SIZE })} t={t} />;
}

/** The chart itself (the golden SVGs render this). */
export function LogitScatterSvg({ geometry: g, t }: { geometry: LogitScatterGeometry; t: InsideMessages['scatter'] }) {
  return (
    <ChartSvg className="logit-scatter" box={[g.size, g.size]} width={g.size} label={t.label(g.points.length)}>
      <GridLines at={g.ticks.map((k) => [k.value, k.x])} span={[g.top, g.bottom]} vertical />
      <line className="reference" x1={g.diagonal.x1} y1={g.diagonal.y1} x2={g.diagonal.x2} y2={g.diagonal.y2} />
      <g className="series-0">
        {g.points.map((p, i) => (
          <circle key={i} cx={p.x} cy={p.y} r={1.4} />
        ))}
      </g>
      <g className="axis">
        {g.ticks.map((k) => (
          <text key={`x${k.value}`} x={k.x} y={g.bottom + 13} textAnchor="middle">
            {k.text}
          </text>
        ))}
        {g.ticks.map((k) => (
          <text key={`y${k.value}`} x={g.left - 4} y={k.y} dy="0.35em" textAnchor="end">
            {k.text}
          </text>
        ))}
        <text x={g.xTitle.x} y={g.xTitle.y} textAnchor="middle" className="muted">
          {t.x}
        </text>
        <text transform={`translate(${g.yTitle.x}, ${g.yTitle.y}) rotate(-90)`} textAnchor="middle" className="muted">
          {t.y}
        </text>
      </g>
    </ChartSvg>
  );
}
