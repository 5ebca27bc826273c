/**
 * Geometric checks of a layout, as readable problems: boxes overlapping (other than a frame around its
 * contents), edges to missing boxes, running through a box or crossing each other, a Filter concat
 * narrower than the boxes feeding it, labels on boxes, on a frame's header or on each other, anything
 * outside the drawing's extent. The layout tests assert an empty list for every figure, every network
 * rolled up and fully expanded, and every single opening of every network.
 */
import { METRICS } from './metrics.ts';
import { textWidth } from './text.ts';
import type { Box, Edge, Layout, Point } from './types.ts';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const EPS = 0.5;

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS && a.y < b.y + b.height - EPS && b.y < a.y + a.height - EPS
  );
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x - EPS &&
    inner.y >= outer.y - EPS &&
    inner.x + inner.width <= outer.x + outer.width + EPS &&
    inner.y + inner.height <= outer.y + outer.height + EPS
  );
}

/** The box of a shape label's text (baseline at `at`). */
export function labelRect(label: string, at: Point): Rect {
  const size = METRICS.smallSize;
  return { x: at.x, y: at.y - 0.8 * size, width: textWidth(label, size), height: size };
}

/** Whether the axis-parallel or slanted segment a→b passes through the inside of `r`. */
function crosses(a: Point, b: Point, r: Rect): boolean {
  const inner = { x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2 };
  const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 2));
  for (let i = 0; i <= steps; i++) {
    const x = a.x + ((b.x - a.x) * i) / steps;
    const y = a.y + ((b.y - a.y) * i) / steps;
    if (x > inner.x && x < inner.x + inner.width && y > inner.y && y < inner.y + inner.height) return true;
  }
  return false;
}

/** Whether segments a→b and c→d cross at a point inside both (touching at an end does not count). */
function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const cross = (p: Point, q: Point, r: Point) => (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS)) && ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS));
}

/**
 * Whether two edges cross. Edges that share a trunk (a fan-out) or a bus (a fan-in) run along each other
 * and meet at ends, which is not a crossing; one running across another is, even into the same merge.
 */
function edgesCross(e: Edge, f: Edge): boolean {
  for (let i = 1; i < e.points.length; i++) {
    for (let j = 1; j < f.points.length; j++) {
      if (segmentsCross(e.points[i - 1], e.points[i], f.points[j - 1], f.points[j])) return true;
    }
  }
  return false;
}

export function layoutProblems(layout: Layout): string[] {
  const problems: string[] = [];
  const byAddress = new Map<string, Box>();
  for (const b of layout.boxes) {
    if (byAddress.has(b.address)) problems.push(`two boxes have the address ${b.address}`);
    byAddress.set(b.address, b);
    if (!(b.width > 0 && b.height > 0)) problems.push(`${b.address} has no area`);
  }
  const frames = layout.boxes.filter((b) => b.expanded);
  const solid = layout.boxes.filter((b) => !b.expanded);
  const extent = { x: 0, y: 0, width: layout.width, height: layout.height };

  for (const b of layout.boxes) if (!contains(extent, b)) problems.push(`${b.address} lies outside the drawing`);
  for (let i = 0; i < solid.length; i++) {
    for (let j = i + 1; j < solid.length; j++) {
      if (overlaps(solid[i], solid[j])) problems.push(`${solid[i].address} overlaps ${solid[j].address}`);
    }
  }
  for (const f of frames) {
    for (const b of layout.boxes) {
      if (b === f || !overlaps(f, b)) continue;
      if (!contains(f, b) && !contains(b, f)) problems.push(`frame ${f.address} cuts through ${b.address}`);
    }
  }

  // A frame's title, in its header band: no edge or label may cross it.
  const titles = frames.map((f) => ({
    frame: f,
    rect: {
      x: f.x + METRICS.framePadding,
      y: f.y + 3,
      width: textWidth(f.label, METRICS.frameLabelSize, true),
      height: METRICS.frameLabelSize + 2,
    },
  }));
  // A frame's header band: the title's row across the whole frame, kept clear of shape labels.
  const headers = frames.map((f) => ({
    frame: f,
    rect: { x: f.x, y: f.y, width: f.width, height: METRICS.frameHeader },
  }));
  const labels: { text: string; rect: Rect }[] = [];
  for (const e of layout.edges) {
    const from = byAddress.get(e.from);
    const to = byAddress.get(e.to);
    if (!from || !to) {
      problems.push(`edge ${e.id} connects a missing box`);
      continue;
    }
    if (e.points.length < 2) problems.push(`edge ${e.id} has fewer than two points`);
    for (const p of e.points) {
      if (p.x < 0 || p.y < 0 || p.x > layout.width || p.y > layout.height)
        problems.push(`edge ${e.id} leaves the drawing`);
    }
    for (let k = 1; k < e.points.length; k++) {
      for (const b of solid) {
        if (b !== from && b !== to && crosses(e.points[k - 1], e.points[k], b))
          problems.push(`edge ${e.id} runs through ${b.address}`);
      }
      for (const t of titles) {
        if (crosses(e.points[k - 1], e.points[k], t.rect))
          problems.push(`edge ${e.id} crosses the title of ${t.frame.address}`);
      }
    }
    if (e.label && e.labelAt) labels.push({ text: `${e.label} (${e.id})`, rect: labelRect(e.label, e.labelAt) });
  }
  for (const l of labels) {
    if (!contains(extent, l.rect)) problems.push(`label ${l.text} lies outside the drawing`);
    for (const b of solid) if (overlaps(l.rect, b)) problems.push(`label ${l.text} overlaps ${b.address}`);
    for (const t of titles)
      if (overlaps(l.rect, t.rect)) problems.push(`label ${l.text} overlaps the title of ${t.frame.address}`);
    for (const h of headers)
      if (overlaps(l.rect, h.rect)) problems.push(`label ${l.text} sits on the header of ${h.frame.address}`);
  }
  for (let i = 0; i < layout.edges.length; i++) {
    for (let j = i + 1; j < layout.edges.length; j++) {
      if (edgesCross(layout.edges[i], layout.edges[j]))
        problems.push(`edge ${layout.edges[i].id} crosses edge ${layout.edges[j].id}`);
    }
  }
  // A Filter concat spans every box feeding it, so that each input rises straight into it.
  for (const merge of solid.filter((b) => b.kind === 'concat')) {
    for (const e of layout.edges) {
      const source = e.to === merge.address ? byAddress.get(e.from) : undefined;
      if (!source || source.expanded) continue;
      const centre = source.x + source.width / 2;
      if (centre < merge.x - EPS || centre > merge.x + merge.width + EPS)
        problems.push(`${merge.address} is narrower than its input ${source.address}`);
    }
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (overlaps(labels[i].rect, labels[j].rect))
        problems.push(`label ${labels[i].text} overlaps label ${labels[j].text}`);
    }
  }
  return problems;
}
