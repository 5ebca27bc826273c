/**
 * "Through the network": per block along depth, the photo's mean activation, the fraction of exact zeros
 * and, for Inception-ResNet, ‖s·r‖ / ‖x‖ (paper §3.3). Networks of different depth are overlaid on a
 * relative depth axis; a dashed line shows the released scales' run while the lab changes them. Geometry
 * in depth-chart-geometry.ts.
 */
import type { InsideMessages } from '../i18n/en/inside.ts';
import { insideText } from '../i18n/inside.ts';
import { useMessages } from '../i18n/messages.ts';
import { depthChartGeometry, type DepthPanel, type DepthSeries } from './depth-chart-geometry.ts';
import { ChartSvg, GridLines } from '../charts/ChartSvg.tsx';

export type { DepthSeries } from './depth-chart-geometry.ts';

/** One panel's size (the panels scale to the width they are given). */
const WIDTH = 300;
const HEIGHT = 92;

export function DepthChart({ series }: { series: readonly DepthSeries[] }) {
  const t = useMessages(insideText).depth;
  return (
    <div className="depth-chart">
      {depthChartGeometry({ series, width: WIDTH, height: HEIGHT }).map((panel) => (
        <DepthPanelSvg key={panel.measure} panel={panel} t={t} />
      ))}
      <ul className="legend">
        {series.map((s) => (
          <li key={s.name}>
            <i className={`series-${s.colour}${s.dashed ? ' dashed' : ''}`} />
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One measure's panel (the golden SVGs render this). */
export function DepthPanelSvg({ panel: g, t }: { panel: DepthPanel; t: InsideMessages['depth'] }) {
  const title = t[g.measure];
  return (
    <ChartSvg box={[g.width, g.height]} width="100%" label={t.along(title)}>
      <text x={g.title.x} y={g.title.y} className="muted">
        {title}
      </text>
      <GridLines at={g.ticks.map((k) => [k.value, k.y])} span={[g.left, g.right]} />
      <g className="axis">
        {g.ticks.map((k) => (
          <text key={k.value} x={g.left - 4} y={k.y} dy="0.35em" textAnchor="end">
            {k.text}
          </text>
        ))}
      </g>
      {g.lines.map(({ series: s, path, marks }) => (
        <g key={s.name} className={`line series-${s.colour}${s.dashed ? ' dashed' : ''}`}>
          <path d={path} />
          {marks.map((q) => (
            <circle key={q.point.address} cx={q.x} cy={q.y} r={2}>
              <title>{`${q.point.label}: ${q.text}`}</title>
            </circle>
          ))}
        </g>
      ))}
    </ChartSvg>
  );
}
