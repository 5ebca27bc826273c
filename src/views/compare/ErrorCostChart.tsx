import { scaleLinear } from 'd3';
import { errorRate, NBSP } from '../format.ts';
import { useMessages } from '../i18n/messages.ts';
import { pagesText } from '../i18n/pages.ts';
import { ChartSvg, GridLines } from '../charts/ChartSvg.tsx';

export interface ErrorPoint {
  name: string;
  cost: number;
  top1Error: number;
  top5Error: number;
}

export interface ErrorCostChartProps {
  points: readonly ErrorPoint[];
  /**
   * Table 2 results without a cost here (BN-Inception, Inception-v3): drawn as reference lines of their top-1 error.
   */
  references: ReadonlyArray<{ title: string; top1Error: number }>;
  costLabel: string;
  formatCost: (value: number) => string;
  label: string;
  width?: number;
}

const WIDE_MARGIN = { top: 14, right: 150, bottom: 40, left: 64 };
/** Below this width the reference lines are named inside the plot, above their line, not in a right margin. */
const NARROW = 480;

/**
 * The paper's error rates (Table 2) against a cost: filled circles top-1, rings top-5; colours as in the page's legend.
 */
export function ErrorCostChart({ points, references, costLabel, formatCost, label, width = 560 }: ErrorCostChartProps) {
  const height = 300;
  const narrow = width < NARROW;
  const MARGIN = narrow ? { ...WIDE_MARGIN, right: 16, left: 48 } : WIDE_MARGIN;
  const t = useMessages(pagesText).compare;
  const maxCost = Math.max(1, ...points.map((p) => p.cost));
  const x = scaleLinear()
    .domain([0, maxCost])
    .nice(5)
    .range([MARGIN.left, width - MARGIN.right]);
  const maxError = Math.max(...points.map((p) => p.top1Error), ...references.map((r) => r.top1Error));
  const y = scaleLinear()
    .domain([0, maxError])
    .nice(5)
    .range([height - MARGIN.bottom, MARGIN.top]);
  return (
    <ChartSvg box={[width, height]} width={width} height={height} label={label}>
      <GridLines at={y.ticks(5).map((t) => [t, y(t)])} span={[MARGIN.left, width - MARGIN.right]} />
      <g className="axis">
        {x.ticks(narrow ? 3 : 5).map((t) => (
          <text key={t} x={x(t)} y={height - MARGIN.bottom + 16} textAnchor="middle">
            {formatCost(t)}
          </text>
        ))}
        {y.ticks(5).map((t) => (
          <text key={t} x={MARGIN.left - 6} y={y(t)} dy="0.35em" textAnchor="end">{`${t}${NBSP}%`}</text>
        ))}
        <text x={(MARGIN.left + width - MARGIN.right) / 2} y={height - 6} textAnchor="middle">
          {costLabel}
        </text>
        {!narrow && (
          <text
            transform={`translate(14, ${(height - MARGIN.bottom + MARGIN.top) / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {t.error}
          </text>
        )}
      </g>
      {references.map((r) => (
        <g key={r.title}>
          <line
            className="reference"
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            y1={y(r.top1Error)}
            y2={y(r.top1Error)}
          />
          {narrow ? (
            <text className="muted" x={width - MARGIN.right} y={y(r.top1Error) - 4} textAnchor="end" fontSize={11}>
              {t.top1(r.title, errorRate(r.top1Error))}
            </text>
          ) : (
            <text className="muted" x={width - MARGIN.right + 6} y={y(r.top1Error)} dy="0.35em" fontSize={11}>
              {t.top1(r.title, errorRate(r.top1Error))}
            </text>
          )}
        </g>
      ))}
      {points.map((p, i) => (
        <g key={p.name} className={`series-${i}`}>
          <line
            x1={x(p.cost)}
            x2={x(p.cost)}
            y1={y(p.top1Error)}
            y2={y(p.top5Error)}
            stroke="currentColor"
            className="muted"
            strokeOpacity={0.4}
          />
          <circle cx={x(p.cost)} cy={y(p.top1Error)} r={6}>
            <title>{t.top1Point(p.name, errorRate(p.top1Error), formatCost(p.cost))}</title>
          </circle>
          <circle
            cx={x(p.cost)}
            cy={y(p.top5Error)}
            r={5}
            fill="var(--surface)"
            stroke={`var(--series-${i + 1})`}
            strokeWidth={2}
          >
            <title>{t.top5Point(p.name, errorRate(p.top5Error))}</title>
          </circle>
        </g>
      ))}
    </ChartSvg>
  );
}
