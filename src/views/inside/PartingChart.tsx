/**
 * "Where they part": the cosine similarity of two photos' outputs per block along depth (geometry in
 * parting-chart.ts), with the stages named under the axis, the largest drop marked, and the same told
 * in words beneath for those who do not see the chart.
 */
import type { PartingPoint } from '../../runtime/inside/parting-protocol.ts';
import { partingText } from '../i18n/parting.ts';
import { useMessages } from '../i18n/messages.ts';
import { partingChart, type PartingChartGeometry } from './parting-chart.ts';
import { ChartSvg, GridLines } from '../charts/ChartSvg.tsx';

const WIDTH = 300;
const HEIGHT = 200;

/** A cosine as shown: two decimals. */
export const cosineText = (v: number) => v.toFixed(2);

export interface PartingSvgProps {
  geometry: PartingChartGeometry;
  label: string;
  axis: string;
  pointTitle: (point: PartingPoint) => string;
}

/** The chart itself (the golden SVGs render this). */
export function PartingSvg({ geometry: g, label, axis, pointTitle }: PartingSvgProps) {
  const middle = (g.top + g.bottom) / 2;
  return (
    <ChartSvg className="parting-chart" box={[g.width, g.height]} width="100%" label={label}>
      <GridLines at={g.yTicks.map((t) => [t.value, t.at])} span={[g.left, g.right]} />
      <g className="axis">
        {g.yTicks.map((t) => (
          <text key={t.value} x={g.left - 4} y={t.at} dy="0.35em" textAnchor="end">
            {t.value}
          </text>
        ))}
        <text x={10} y={middle} textAnchor="middle" transform={`rotate(-90 10 ${middle})`}>
          {axis}
        </text>
      </g>
      <g className="stages">
        {g.stages.map((s) => (
          <g key={s.at}>
            <line x1={s.at} x2={s.at} y1={g.bottom} y2={g.bottom + 4} />
            <text
              x={s.at}
              y={g.bottom + 7}
              dy="0.35em"
              textAnchor="end"
              transform={`rotate(-90 ${s.at} ${g.bottom + 7})`}
            >
              {s.label}
            </text>
          </g>
        ))}
      </g>
      {g.drop && <line className="drop" x1={g.drop.at.x} x2={g.drop.at.x} y1={g.top} y2={g.bottom} />}
      <g className="line series-0">
        <path d={g.path} />
        {g.marks.map((m) => (
          <circle
            key={m.point.address}
            data-address={m.point.address}
            data-cosine={m.point.cosine ?? ''}
            cx={m.x}
            cy={m.y}
            r={m === g.drop?.at ? 3.5 : 2}
          >
            <title>{pointTitle(m.point)}</title>
          </circle>
        ))}
      </g>
    </ChartSvg>
  );
}

export function PartingChart({
  points,
  first,
  second,
}: {
  points: readonly PartingPoint[];
  first: string;
  second: string;
}) {
  const t = useMessages(partingText);
  const geometry = partingChart({ width: WIDTH, height: HEIGHT, points });
  const { drop } = geometry;
  const valued = points.filter((p) => p.cosine !== null);
  const [head, last] = [valued[0], valued[valued.length - 1]];
  return (
    <figure className="parting">
      <PartingSvg
        geometry={geometry}
        label={t.chartLabel(first, second)}
        axis={t.axis}
        pointTitle={(p) => t.point(p.label, p.cosine === null ? t.none : cosineText(p.cosine))}
      />
      <figcaption>
        {t.explain} {head && last && t.ends(cosineText(head.cosine!), cosineText(last.cosine!))}{' '}
        {drop && t.drop(drop.at.point.label, cosineText(drop.before.point.cosine!), cosineText(drop.at.point.cosine!))}
      </figcaption>
    </figure>
  );
}
