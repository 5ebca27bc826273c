/**
 * The geometry of the "where they part" chart, as a pure function (d3-scale and d3-shape compute,
 * PartingChart.tsx draws it): the cosine similarity of two photos' outputs per block, evenly along depth,
 * on a fixed axis from 0 (or −1 where a value is negative) to 1; the first block of each stage named
 * under the axis (upright, where there is room; a repeat's name before a single block's); the largest drop from one
 * block to the next marked, if it shows at two decimals. A block without a value (an output of zeros)
 * breaks the line.
 */
import { line, scaleLinear } from 'd3';
import type { PartingPoint } from '../../runtime/inside/parting-protocol.ts';

export interface PartingChartSpec {
  width: number;
  height: number;
  points: readonly PartingPoint[];
}

export interface PartingMark {
  point: PartingPoint;
  x: number;
  y: number;
}

export interface PartingChartGeometry {
  width: number;
  height: number;
  /** The plot's left, right, top and bottom edges. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The line (gaps where a block has no value). */
  path: string;
  /** One per block with a value. */
  marks: PartingMark[];
  yTicks: Array<{ value: number; at: number }>;
  /** Where stages begin along depth, with their names ("Inception-ResNet-B", not "… 1"), those with room. */
  stages: Array<{ at: number; label: string }>;
  /** The largest fall from one block to the next: the block it falls at, and the one before it. */
  drop?: { before: PartingMark; at: PartingMark };
}

const MARGIN = { top: 10, right: 10, bottom: 92, left: 34 };
/** Closest two stage names may be along the axis (they are drawn upright, one line of small text each). */
const NAME_SPACING = 10;
/** A smaller fall is not marked: the chart's two decimals would not show it. */
const MIN_DROP = 0.01;

/** The stage of a block ("inception-resnet-b/7" → "inception-resnet-b"). */
const stageOf = (p: PartingPoint) => p.address.split('/')[0];
/** A repetition's label without its number ("Inception-ResNet-B 7" → "Inception-ResNet-B"). */
const stageLabel = (p: PartingPoint) => (p.address.includes('/') ? p.label.replace(/\s+\d+$/, '') : p.label);

const round = (v: number) => Math.round(v * 10) / 10;

export function partingChart({ width, height, points }: PartingChartSpec): PartingChartGeometry {
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;
  const negative = points.some((p) => p.cosine !== null && p.cosine < 0);
  const y = scaleLinear()
    .domain([negative ? -1 : 0, 1])
    .range([bottom, top]);
  const along = (i: number) =>
    points.length > 1 ? left + (i / (points.length - 1)) * (right - left) : (left + right) / 2;
  const x = (i: number) => round(along(i));
  const at = (p: PartingPoint, i: number) => ({ point: p, x: x(i), y: round(y(p.cosine ?? 0)) });
  const marks = points.flatMap((p, i) => (p.cosine === null ? [] : [at(p, i)]));
  const path =
    line<PartingPoint>()
      .defined((p) => p.cosine !== null)
      .x((_, i) => x(i))
      .y((p) => round(y(p.cosine!)))(points as PartingPoint[]) ?? '';
  // Where two names would touch, a repeat's (many blocks) takes the place of a single block's.
  const roomAfter = (before: { at: number } | undefined, at: number) => !before || at - before.at >= NAME_SPACING;
  const stages: Array<{ at: number; label: string; repeat: boolean }> = [];
  points.forEach((p, i) => {
    if (i > 0 && stageOf(points[i - 1]) === stageOf(p)) return;
    const name = { at: x(i), label: stageLabel(p), repeat: p.address.includes('/') };
    const last = stages[stages.length - 1];
    if (!last || name.at - last.at >= NAME_SPACING) stages.push(name);
    else if (name.repeat && !last.repeat && roomAfter(stages[stages.length - 2], name.at)) {
      stages[stages.length - 1] = name;
    }
  });
  let drop: PartingChartGeometry['drop'];
  let largest = MIN_DROP - Number.EPSILON;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1].cosine, points[i].cosine];
    if (a === null || b === null || a - b <= largest) continue;
    largest = a - b;
    drop = { before: at(points[i - 1], i - 1), at: at(points[i], i) };
  }
  const ticks = negative ? [-1, -0.5, 0, 0.5, 1] : [0, 0.25, 0.5, 0.75, 1];
  const yTicks = ticks.map((value) => ({ value, at: round(y(value)) }));
  const named = stages.map(({ at, label }) => ({ at, label }));
  return { width, height, left, right, top, bottom, path, marks, yTicks, stages: named, ...(drop ? { drop } : {}) };
}
