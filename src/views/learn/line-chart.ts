/**
 * The geometry of the lab's line charts, as a pure function (d3-scale and d3-shape compute, React draws
 * it in LineChart.tsx): one line per network (per run when two runs are compared), a mark where a network
 * stopped early, ticks for an epoch or a wall-time axis. Points that are not finite (a loss gone NaN)
 * break the line; a loss that blows up is drawn along the top edge instead of flattening the others.
 */
import { line, scaleLinear } from 'd3';

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ChartSeries {
  /** Unique within the chart: the network's id (and the run's, when comparing). */
  id: string;
  /** Colour index (0–3): one per network. */
  colour: number;
  /** A compared run's line. */
  dashed?: boolean;
  points: readonly ChartPoint[];
  /** The network stopped before the end (NaN, divergence, failure): its last point is marked. */
  stopped?: boolean;
}

/**
 * What the axes measure: epochs or milliseconds along x; loss (from 0), an error or a fraction (0–1), or
 * a ratio (from 0) up y.
 */
export type XKind = 'epoch' | 'time';
export type YKind = 'loss' | 'share' | 'ratio';

export interface LineChartSpec {
  width: number;
  height: number;
  series: readonly ChartSeries[];
  x: XKind;
  y: YKind;
  /** The axis reaches at least this far (the race's epochs, so curves grow into a fixed frame). */
  xMax?: number;
}

export interface Tick {
  value: number;
  /** Position along its axis, in px. */
  at: number;
}

/** An x-axis tick, with how its label is anchored at it. */
export interface XTick extends Tick {
  /**
   * "middle", except the label of a tick near the right edge ends at it ("end"): centred there it would
   * reach past the right margin and be cut ("100 s").
   */
  anchor: 'middle' | 'end';
}

export interface ChartLine {
  id: string;
  colour: number;
  dashed: boolean;
  d: string;
  /** Where a stopped network's line ends. */
  stop?: ChartPoint;
  /** The last finite point (for a tooltip and the end dot). */
  last?: ChartPoint;
}

export interface LineChartGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: XTick[];
  yTicks: Tick[];
  /** The unit of the time axis' labels, in milliseconds (1000: seconds, 60 000: minutes, 3 600 000: hours). */
  timeUnit?: number;
  lines: ChartLine[];
  /** Whether some point lay above the frame and was drawn at its top. */
  clipped: boolean;
}

export const CHART_MARGIN = { top: 10, right: 14, bottom: 24, left: 44 };

/**
 * Half the width of the widest x label ("10 min", "100 s" at the charts' 11 px): a tick closer than this
 * to the right edge of the chart has its label end at the tick.
 */
export const X_LABEL_HALF_WIDTH = 20;

const finite = (p: ChartPoint) => Number.isFinite(p.x) && Number.isFinite(p.y);

/** The unit that gives a time axis a handful of round ticks. */
export function timeUnit(maxMs: number): number {
  if (maxMs <= 120_000) return 1000;
  if (maxMs <= 120 * 60_000) return 60_000;
  return 3_600_000;
}

/**
 * The top of a loss axis: the highest value, but at most 1.5 × the highest first value of any line (a
 * diverging network's loss would otherwise flatten every other curve).
 */
function lossTop(series: readonly ChartSeries[]): number {
  const values = series.flatMap((s) => s.points.filter(finite).map((p) => p.y));
  const highest = Math.max(0, ...values);
  const starts = series.map((s) => s.points.find(finite)?.y).filter((v): v is number => v !== undefined);
  const cap = starts.length > 0 ? 1.5 * Math.max(...starts) : highest;
  return Math.max(1e-6, Math.min(highest, cap > 0 ? cap : highest));
}

export function lineChart(spec: LineChartSpec): LineChartGeometry {
  const { width, height, series } = spec;
  const plot = {
    left: CHART_MARGIN.left,
    top: CHART_MARGIN.top,
    right: width - CHART_MARGIN.right,
    bottom: height - CHART_MARGIN.bottom,
  };
  const points = series.flatMap((s) => s.points.filter(finite));
  const xHigh = Math.max(spec.xMax ?? 0, ...points.map((p) => p.x), spec.x === 'epoch' ? 1 : 1000);
  const xTickCount = width < 420 ? 4 : 6;
  let x = scaleLinear().domain([0, xHigh]).range([plot.left, plot.right]);
  let xTicks: Tick[];
  let unit: number | undefined;
  if (spec.x === 'time') {
    unit = timeUnit(xHigh);
    const inUnits = scaleLinear()
      .domain([0, xHigh / unit])
      .nice(xTickCount);
    x = scaleLinear()
      .domain(inUnits.domain().map((v) => v * unit!))
      .range([plot.left, plot.right]);
    xTicks = inUnits.ticks(xTickCount).map((v) => ({ value: v * unit!, at: round(x(v * unit!)) }));
  } else {
    x = x.nice(xTickCount);
    xTicks = x
      .ticks(xTickCount)
      .filter(Number.isInteger)
      .map((value) => ({ value, at: round(x(value)) }));
  }
  const yHigh =
    spec.y === 'share' ? 1 : spec.y === 'loss' ? lossTop(series) : Math.max(1e-6, ...points.map((p) => p.y));
  const y = scaleLinear().domain([0, yHigh]).range([plot.bottom, plot.top]);
  if (spec.y !== 'share') y.nice(4);
  const top = y.domain()[1];
  const yTicks = y.ticks(4).map((value) => ({ value, at: round(y(value)) }));
  let clipped = false;
  const place = (p: ChartPoint): ChartPoint => {
    if (p.y > top) clipped = true;
    return { x: round(x(p.x)), y: round(y(Math.min(p.y, top))) };
  };
  const path = line<ChartPoint>()
    .defined(finite)
    .x((p) => p.x)
    .y((p) => p.y);
  const lines = series.map((s): ChartLine => {
    const placed = s.points.map((p) => (finite(p) ? place(p) : { x: NaN, y: NaN }));
    const lastFinite = [...placed].reverse().find(finite);
    return {
      id: s.id,
      colour: s.colour,
      dashed: !!s.dashed,
      d: path(placed) ?? '',
      ...(lastFinite ? { last: lastFinite } : {}),
      ...(s.stopped && lastFinite ? { stop: lastFinite } : {}),
    };
  });
  const anchored = xTicks.map((t): XTick => ({ ...t, anchor: width - t.at < X_LABEL_HALF_WIDTH ? 'end' : 'middle' }));
  return { width, height, plot, xTicks: anchored, yTicks, ...(unit ? { timeUnit: unit } : {}), lines, clipped };
}

/** Two decimals: enough for a screen, and golden files that do not churn on float noise. */
function round(v: number): number {
  return Math.round(v * 100) / 100;
}
