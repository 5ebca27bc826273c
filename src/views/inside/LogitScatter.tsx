/** All 1000 logits with changed scales against the released scales' (the diagonal: no change). */
import { scaleLinear } from 'd3';
import { value } from '../format.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';

const SIZE = 240;
const M = 40;

export function LogitScatter({ released, current }: { released: Float32Array; current: Float32Array }) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < released.length; i++) {
    lo = Math.min(lo, released[i], current[i]);
    hi = Math.max(hi, released[i], current[i]);
  }
  const s = scaleLinear().domain([lo, hi]).nice(4);
  const x = s.copy().range([M, SIZE - 8]);
  const y = s.copy().range([SIZE - M, 8]);
  const ticks = s.ticks(4);
  const t = useMessages(insideText).scatter;
  return (
    <svg className="chart logit-scatter" viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} role="img"
      aria-label={t.label(released.length)}>
      <g className="grid">{ticks.map((t) => <line key={t} x1={x(t)} x2={x(t)} y1={8} y2={SIZE - M} />)}</g>
      <line className="reference" x1={x(s.domain()[0])} y1={y(s.domain()[0])} x2={x(s.domain()[1])} y2={y(s.domain()[1])} />
      <g className="series-0">
        {Array.from(released, (r, i) => <circle key={i} cx={x(r)} cy={y(current[i])} r={1.4} />)}
      </g>
      <g className="axis">
        {ticks.map((t) => <text key={`x${t}`} x={x(t)} y={SIZE - M + 13} textAnchor="middle">{value(t)}</text>)}
        {ticks.map((t) => <text key={`y${t}`} x={M - 4} y={y(t)} dy="0.35em" textAnchor="end">{value(t)}</text>)}
        <text x={(SIZE + M) / 2} y={SIZE - 6} textAnchor="middle" className="muted">{t.x}</text>
        <text transform={`translate(10, ${(SIZE - M) / 2}) rotate(-90)`} textAnchor="middle" className="muted">{t.y}</text>
      </g>
    </svg>
  );
}
