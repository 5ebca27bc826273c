/**
 * Edge routing on positioned boxes. Data flows upwards: an edge leaves its source's top and enters its
 * target's bottom, straight up wherever the two overlap horizontally (the wide merge and input bars make
 * most edges vertical, as in the paper). Otherwise it rises from the source's centre and turns along a
 * bus just below the target (so fan-outs share one trunk and never cut across a frame's title). A
 * residual shortcut runs up its lane left of the body and enters the "+" from the side.
 */
import type { Box, Edge, Point } from './types.ts';
import { roleOf } from './address.ts';
import { METRICS } from './metrics.ts';
import { textWidth } from './text.ts';

export type EdgeSpec =
  { from: string; to: string; kind: 'flow' } | { from: string; to: string; kind: 'skip'; laneX: number };

/** An edge with the width of its label, for the drawing's extent. */
export type RoutedEdge = Edge & { labelWidth: number };

interface Span {
  lo: number;
  hi: number;
  center: number;
}

/** Where edges may attach along a box's top or bottom: the circle's centre of an addition, else the inset border. */
function attachSpan(box: Box): Span {
  const center = box.x + box.width / 2;
  if (box.kind === 'add') return { lo: center, hi: center, center };
  const inset = Math.min(METRICS.edgeInset, box.width / 2);
  return { lo: box.x + inset, hi: box.x + box.width - inset, center };
}

function top(box: Box): number {
  return box.kind === 'add' ? box.y + box.height / 2 - METRICS.addRadius : box.y;
}

function bottom(box: Box): number {
  return box.kind === 'add' ? box.y + box.height / 2 + METRICS.addRadius : box.y + box.height;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Where an edge from `source` to `target` leaves the frames around its source: the top of the outermost
 * frame enclosing the source but not the target, or undefined when it leaves none.
 */
function leavingTop(source: Box, target: Box, frames: readonly Box[]): number | undefined {
  let top: number | undefined;
  for (const f of frames) if (encloses(f, source) && !encloses(f, target)) top = Math.min(top ?? f.y, f.y);
  return top;
}

function flowPoints(source: Box, target: Box, frames: readonly Box[]): Point[] {
  const s = attachSpan(source);
  const t = attachSpan(target);
  const leaving = leavingTop(source, target, frames);
  if (leaving !== undefined) {
    // Out of an opened block along its axis (frame titles sit left of it), then across above it.
    const y = leaving - METRICS.rowGap / 2;
    const x = s.center;
    // Into the middle of a box; into a wide merge bar as straight as possible.
    const tx = target.kind === 'concat' ? clamp(x, t.lo, t.hi) : t.center;
    const end = bottom(target);
    return tx === x
      ? [
          { x, y: top(source) },
          { x, y: end },
        ]
      : [
          { x, y: top(source) },
          { x, y },
          { x: tx, y },
          { x: tx, y: end },
        ];
  }
  const lo = Math.max(s.lo, t.lo);
  const hi = Math.min(s.hi, t.hi);
  if (lo <= hi) {
    // Straight up, along the narrower box's centre.
    const x = clamp(s.hi - s.lo <= t.hi - t.lo ? s.center : t.center, lo, hi);
    return [
      { x, y: top(source) },
      { x, y: bottom(target) },
    ];
  }
  const start = top(source);
  const end = bottom(target);
  const bus = end + Math.min(BUS_OFFSET, (start - end) / 2);
  // Leave from the end of the source nearest the target, so that a fan-out turning sideways never runs
  // across its siblings rising straight up from the middle of the same box.
  const x = clamp(t.center, s.lo, s.hi);
  return [
    { x, y: start },
    { x, y: bus },
    { x: t.center, y: bus },
    { x: t.center, y: end },
  ];
}

/** How far below its target a turning edge runs horizontally (the shape label sits below that). */
const BUS_OFFSET = 8;

/**
 * The shortcut: straight up its lane where the source spans it (a block's input bar); otherwise up from
 * the source's top along its output edge, out of every frame around the source (never across a frame's
 * title), then left into the lane and up to the "+".
 */
function skipPoints(source: Box, add: Box, laneX: number, frames: readonly Box[]): Point[] {
  // The split sits where the output edges of the source turn, so the shortcut reads as one more branch.
  const cy = add.y + add.height / 2;
  const end = { x: add.x + add.width / 2 - METRICS.addRadius, y: cy };
  const leaving = leavingTop(source, add, frames);
  if (leaving === undefined && laneX >= source.x + 2 && laneX <= source.x + source.width - 2) {
    return [{ x: laneX, y: source.y }, { x: laneX, y: cy }, end];
  }
  const splitY = (leaving ?? source.y) - METRICS.rowGap / 2;
  // Out of frames it shares the output's trunk on the axis; otherwise it leaves from the source's left
  // end, so that it turns left without running across the edges rising into the body.
  const x = leaving === undefined ? attachSpan(source).lo : source.x + source.width / 2;
  return [{ x, y: source.y }, { x, y: splitY }, { x: laneX, y: splitY }, { x: laneX, y: cy }, end];
}

function encloses(frame: Box, box: Box): boolean {
  return (
    box.x >= frame.x &&
    box.y >= frame.y &&
    box.x + box.width <= frame.x + frame.width &&
    box.y + box.height <= frame.y + frame.height
  );
}

/**
 * Whether an edge shows the tensor it carries. Not out of a block's input bar (its sublabel says it), not
 * into an activation box (the shape does not change there).
 */
function showsShape(source: Box, target: Box): boolean {
  return source.output !== undefined && source.kind !== 'input' && roleOf(target.address) !== 'relu';
}

export function routeEdges(boxes: readonly Box[], specs: readonly EdgeSpec[]): RoutedEdge[] {
  const byAddress = new Map(boxes.map((b) => [b.address, b]));
  const get = (address: string): Box => {
    const box = byAddress.get(address);
    if (!box) throw new Error(`layout: edge refers to a missing box "${address}"`);
    return box;
  };
  const frames = boxes.filter((b) => b.expanded);
  const edges: RoutedEdge[] = specs.map((spec) => {
    const source = get(spec.from);
    const target = get(spec.to);
    const points =
      spec.kind === 'skip' ? skipPoints(source, target, spec.laneX, frames) : flowPoints(source, target, frames);
    return { id: `${spec.from}->${spec.to}`, from: spec.from, to: spec.to, kind: spec.kind, points, labelWidth: 0 };
  });
  // One shape label per source, just above it, right of its rightmost outgoing edge: edges only run
  // vertically there (turns happen higher up, below their targets), so nothing crosses the label.
  const bySource = new Map<string, RoutedEdge[]>();
  for (const edge of edges) {
    if (edge.kind !== 'flow' || !showsShape(get(edge.from), get(edge.to))) continue;
    bySource.set(edge.from, [...(bySource.get(edge.from) ?? []), edge]);
  }
  // Out of an opened block, the label goes above the block, where the edge comes out: inside, it would
  // sit on the block's header.
  for (const [from, outgoing] of bySource) {
    const carrier = outgoing.reduce((a, b) => (b.points[0].x > a.points[0].x ? b : a));
    const source = get(from);
    const label = source.output!;
    const start = carrier.points[0];
    const leaving = leavingTop(source, get(carrier.to), frames);
    carrier.label = label;
    carrier.labelAt = { x: start.x + 5, y: (leaving ?? start.y) - LABEL_RAISE };
    carrier.labelWidth = textWidth(label, METRICS.smallSize);
  }
  return edges;
}

/** Baseline of a shape label above its source's top edge. */
const LABEL_RAISE = 7;
