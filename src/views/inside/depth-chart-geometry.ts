/**
 * The geometry of "through the network", as a pure function (d3-scale and d3-shape compute, DepthChart.tsx
 * draws it): one panel per measure some run has (the mean activation, the fraction of exact zeros,
 * ‖s·r‖ / ‖x‖ of residual blocks), each run a line along relative depth (0 = the first block, 1 = the
 * last, so networks of different depth overlay), a point per block unless the run is a dashed reference,
 * the value axis from 0 (or below) to the largest value, made nice with about three ticks.
 */
import { line, scaleLinear } from 'd3';
import type { DepthPoint } from '../../runtime/inside/protocol.ts';
import { fixedPercent, value } from '../format.ts';

export interface DepthSeries {
  /** "Inception-v4", "Inception-ResNet-v2 (released scales)". */
  name: string;
  points: readonly DepthPoint[];
  /** Index of the colour (0, 1) and whether the line is dashed (a reference run). */
  colour: number;
  dashed?: boolean;
}

/** A measure along depth; its title is the key of its words in the catalogue (`insideText.depth`). */
export type DepthMeasure = 'mean' | 'zeros' | 'ratio';

export interface DepthMark {
  point: DepthPoint;
  value: number;
  /** The value as written in the point's tooltip. */
  text: string;
  x: number;
  y: number;
}

export interface DepthLine {
  series: DepthSeries;
  /** The line through the run's blocks that have the measure. */
  path: string;
  /** One per block with the measure; none for a dashed reference run. */
  marks: DepthMark[];
}

export interface DepthPanel {
  measure: DepthMeasure;
  width: number;
  height: number;
  left: number;
  right: number;
  /** Where the panel's title starts (its baseline). */
  title: { x: number; y: number };
  ticks: Array<{ value: number; y: number; text: string }>;
  lines: DepthLine[];
}

export interface DepthChartSpec {
  series: readonly DepthSeries[];
  /** One panel's size. */
  width: number;
  height: number;
}

interface Measure {
  measure: DepthMeasure;
  of: (p: DepthPoint) => number | undefined;
  /** As written on the axis and in a point's tooltip. */
  format: (v: number) => string;
}

const MEASURES: readonly Measure[] = [
  { measure: 'mean', of: (p) => p.mean, format: value },
  { measure: 'zeros', of: (p) => p.zeroFraction, format: (v) => fixedPercent(v, 0) },
  { measure: 'ratio', of: (p) => p.residual?.ratio, format: value },
];

const MARGIN = { top: 16, right: 8, bottom: 6, left: 40 };
const TITLE_BASE = 11;

const round = (v: number) => Math.round(v * 100) / 100;

/** The panels of the measures at least one run has, in a fixed order. */
export function depthChartGeometry({ series, width, height }: DepthChartSpec): DepthPanel[] {
  return MEASURES.filter((m) => series.some((s) => s.points.some((p) => m.of(p) !== undefined))).map((m) =>
    depthPanel(m, series, width, height),
  );
}

function depthPanel(m: Measure, series: readonly DepthSeries[], width: number, height: number): DepthPanel {
  const values = series.flatMap((s) => s.points.map(m.of).filter((v): v is number => v !== undefined));
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values, m.measure === 'zeros' ? 1 : 1e-6);
  const x = scaleLinear()
    .domain([0, 1])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([lo, hi])
    .nice(3)
    .range([height - MARGIN.bottom, MARGIN.top]);
  const lines = series.map((s): DepthLine => {
    const along = (i: number) => (s.points.length > 1 ? i / (s.points.length - 1) : 0);
    const marks = s.points.flatMap((point, i): DepthMark[] => {
      const v = m.of(point);
      return v === undefined ? [] : [{ point, value: v, text: m.format(v), x: round(x(along(i))), y: round(y(v)) }];
    });
    const path =
      line<DepthMark>()
        .x((q) => q.x)
        .y((q) => q.y)(marks) ?? '';
    return { series: s, path, marks: s.dashed ? [] : marks };
  });
  return {
    measure: m.measure,
    width,
    height,
    left: MARGIN.left,
    right: width - MARGIN.right,
    title: { x: MARGIN.left, y: TITLE_BASE },
    ticks: y.ticks(3).map((t) => ({ value: t, y: round(y(t)), text: m.format(t) })),
    lines,
  };
}
