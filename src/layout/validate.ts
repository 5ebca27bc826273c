/**
 * Geometric checks of a layout, as readable problems: boxes overlapping (other than a frame around its
 * contents), edges to missing boxes or running through a box, labels on boxes or on each other, anything
 * outside the drawing's extent. The layout tests assert an empty list for every figure and network.
 */
import { METRICS } from './metrics.ts';
import { textWidth } from './text.ts';
import type { Box, Layout, Point } from './types.ts';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const EPS = 0.5;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS && a.y < b.y + b.height - EPS && b.y < a.y + a.height - EPS;
}

function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x - EPS && inner.y >= outer.y - EPS
    && inner.x + inner.width <= outer.x + outer.width + EPS && inner.y + inner.height <= outer.y + outer.height + EPS;
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
    rect: { x: f.x + METRICS.framePadding, y: f.y + 3, width: textWidth(f.label, METRICS.frameLabelSize, true), height: METRICS.frameLabelSize + 2 },
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
      if (p.x < 0 || p.y < 0 || p.x > layout.width || p.y > layout.height) problems.push(`edge ${e.id} leaves the drawing`);
    }
    for (let k = 1; k < e.points.length; k++) {
      for (const b of solid) {
        if (b !== from && b !== to && crosses(e.points[k - 1], e.points[k], b)) problems.push(`edge ${e.id} runs through ${b.address}`);
      }
      for (const t of titles) {
        if (crosses(e.points[k - 1], e.points[k], t.rect)) problems.push(`edge ${e.id} crosses the title of ${t.frame.address}`);
      }
    }
    if (e.label && e.labelAt) labels.push({ text: `${e.label} (${e.id})`, rect: labelRect(e.label, e.labelAt) });
  }
  for (const l of labels) {
    if (!contains(extent, l.rect)) problems.push(`label ${l.text} lies outside the drawing`);
    for (const b of solid) if (overlaps(l.rect, b)) problems.push(`label ${l.text} overlaps ${b.address}`);
    for (const t of titles) if (overlaps(l.rect, t.rect)) problems.push(`label ${l.text} overlaps the title of ${t.frame.address}`);
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (overlaps(labels[i].rect, labels[j].rect)) problems.push(`label ${labels[i].text} overlaps label ${labels[j].text}`);
    }
  }
  return problems;
}
