/**
 * Positions an item tree: sizes bottom-up, places top-down, then routes edges.
 *
 * Why our own layout and not dagre or ELK: the definitions are series-parallel (sequences, parallel
 * branches, residuals), so a recursion that follows their structure reproduces the paper's figures
 * exactly — branches side by side in definition order, bottom-aligned, a wide "Filter concat" bar on
 * top, the shortcut in its own lane on the left — and it is deterministic, linear in the number of
 * boxes (well under a millisecond per block) and tiny. A general layered layout would reorder branches to
 * reduce crossings, route the shortcut anywhere, and cost a dependency of several hundred KB (ELK) or an
 * unmaintained one (dagre), for a problem this structure already solves.
 */
import type { Box, Edge, Layout, Point } from './types.ts';
import type { BoxSpec, Item } from './items.ts';
import { METRICS } from './metrics.ts';
import { routeEdges, type EdgeSpec, type RoutedEdge } from './edges.ts';

/** An item with its size and main axis (x offset of the vertical line its input and output run along). */
interface Measured {
  item: Item;
  width: number;
  height: number;
  axis: number;
  /**
   * The x range (from the item's left) of the axes its output leaves along: the axis itself, except for
   * branches that feed the enclosing merge directly (Inception-C's split pairs), which leave along each.
   */
  exits: { left: number; right: number };
  children: Measured[];
  /** Frames: left padding, grown so that the title does not meet the axis. */
  frameLeft?: number;
}

/** Where an item receives its input: boxes, and for a residual the "+" reached through the skip lane. */
interface Entry {
  address: string;
  laneX?: number;
}

interface Placed {
  entries: Entry[];
  exits: string[];
}

interface Sink {
  boxes: Box[];
  edges: EdgeSpec[];
}

export function layoutItems(root: Item, kind: Layout['kind'], title: string): Layout {
  const measured = measure(root);
  const sink: Sink = { boxes: [], edges: [] };
  place(measured, 0, 0, 0, sink);
  return normalize(kind, title, sink.boxes, routeEdges(sink.boxes, sink.edges));
}

function measure(item: Item): Measured {
  switch (item.type) {
    case 'box':
      return {
        item,
        width: item.box.width,
        height: item.box.height,
        axis: item.box.width / 2,
        exits: at(item.box.width / 2),
        children: [],
      };
    case 'series': {
      const children = item.items.map(measure);
      // Stretched boxes count with their own width here and take the series' width when placed.
      const { width, axis } = column(children.map((c) => ({ axis: c.axis, width: c.width })));
      const height = sum(children.map((c) => c.height)) + METRICS.rowGap * Math.max(0, children.length - 1);
      const last = children[children.length - 1];
      const exits = last ? shift(last.exits, axis - last.axis) : at(axis);
      return { item, width, height, axis, exits, children };
    }
    case 'parallel': {
      const children = item.branches.map(measure);
      const branchesWidth = sum(children.map((c) => c.width)) + METRICS.branchGap * Math.max(0, children.length - 1);
      const span = mergeSpan(children);
      const mergeWidth = item.merge
        ? Math.max(item.merge.width, span.right - span.left + 2 * METRICS.mergeOverhang)
        : 0;
      const width = Math.max(branchesWidth, mergeWidth);
      const tallest = Math.max(0, ...children.map((c) => c.height));
      const height = tallest + (item.merge ? METRICS.rowGap + item.merge.height : 0);
      const offset = (width - branchesWidth) / 2;
      const axis = item.merge ? offset + (span.left + span.right) / 2 : width / 2;
      const exits = item.merge ? at(axis) : shift(span, offset);
      return { item, width, height, axis, exits, children };
    }
    case 'residual': {
      const body = measure(item.body);
      const parts = [
        { axis: METRICS.skipLane + body.axis, width: METRICS.skipLane + body.width },
        { axis: item.add.width / 2, width: item.add.width },
        ...(item.activation ? [{ axis: item.activation.width / 2, width: item.activation.width }] : []),
      ];
      const { width, axis } = column(parts);
      const height =
        body.height +
        METRICS.rowGap +
        item.add.height +
        (item.activation ? METRICS.rowGap + item.activation.height : 0);
      return { item, width, height, axis, exits: at(axis), children: [body] };
    }
    case 'frame': {
      const content = measure(item.content);
      const pad = METRICS.framePadding;
      // The output edge leaves through the frame's top at the axis: keep the title left of it.
      const frameLeft = Math.max(pad, item.frame.width + 6 - content.axis);
      const width = Math.max(frameLeft + content.width + pad, item.frame.width);
      const height = METRICS.frameHeader + content.height + METRICS.frameBottom;
      return {
        item,
        width,
        height,
        axis: frameLeft + content.axis,
        exits: shift(content.exits, frameLeft),
        children: [content],
        frameLeft,
      };
    }
  }
}

/** Width and axis of elements stacked on a common axis. */
function column(parts: readonly { axis: number; width: number }[]): { width: number; axis: number } {
  const left = Math.max(0, ...parts.map((p) => p.axis));
  const right = Math.max(0, ...parts.map((p) => p.width - p.axis));
  return { width: left + right, axis: left };
}

const at = (x: number) => ({ left: x, right: x });
const shift = (span: { left: number; right: number }, dx: number) => ({ left: span.left + dx, right: span.right + dx });

/**
 * The x range (relative to the first branch's left) between the outermost exit axes of the branches: a
 * merge spans it, so that every branch, down to the last of a split pair, rises straight into it.
 */
function mergeSpan(children: readonly Measured[]): { left: number; right: number } {
  let x = 0;
  let left = Infinity;
  let right = -Infinity;
  for (const c of children) {
    left = Math.min(left, x + c.exits.left);
    right = Math.max(right, x + c.exits.right);
    x += c.width + METRICS.branchGap;
  }
  return { left, right };
}

/** Places `m` with its top-left corner at (x, y); `depth` is the number of frames around it. */
function place(m: Measured, x: number, y: number, depth: number, sink: Sink, width = m.width): Placed {
  const item = m.item;
  switch (item.type) {
    case 'box': {
      sink.boxes.push(positioned(item.box, x, y, width, depth));
      return { entries: [{ address: item.box.address }], exits: [item.box.address] };
    }
    case 'series': {
      let bottom = y + m.height;
      let previous: Placed | undefined;
      let first: Placed | undefined;
      for (const child of m.children) {
        const top = bottom - child.height;
        // A stretched box spans the whole series, like the paper's wide input bars.
        const placed =
          child.item.type === 'box' && child.item.box.stretch
            ? place(child, x, top, depth, sink, m.width)
            : place(child, x + m.axis - child.axis, top, depth, sink);
        if (previous) connect(previous.exits, placed.entries, sink);
        first ??= placed;
        previous = placed;
        bottom = top - METRICS.rowGap;
      }
      return { entries: first?.entries ?? [], exits: previous?.exits ?? [] };
    }
    case 'parallel': {
      const branchesWidth =
        sum(m.children.map((c) => c.width)) + METRICS.branchGap * Math.max(0, m.children.length - 1);
      let left = x + (m.width - branchesWidth) / 2;
      const bottom = y + m.height;
      const entries: Entry[] = [];
      const branchExits: string[] = [];
      for (const child of m.children) {
        const placed = place(child, left, bottom - child.height, depth, sink);
        entries.push(...placed.entries);
        branchExits.push(...placed.exits);
        left += child.width + METRICS.branchGap;
      }
      if (!item.merge) return { entries, exits: branchExits };
      const span = mergeSpan(m.children);
      const width = Math.max(item.merge.width, span.right - span.left + 2 * METRICS.mergeOverhang);
      sink.boxes.push(positioned(item.merge, x + m.axis - width / 2, y, width, depth));
      connect(branchExits, [{ address: item.merge.address }], sink);
      return { entries, exits: [item.merge.address] };
    }
    case 'residual': {
      const [body] = m.children;
      const bottom = y + m.height;
      const bodyLeft = x + m.axis - body.axis;
      const placed = place(body, bodyLeft, bottom - body.height, depth, sink);
      const addTop = bottom - body.height - METRICS.rowGap - item.add.height;
      sink.boxes.push(positioned(item.add, x + m.axis - item.add.width / 2, addTop, item.add.width, depth));
      connect(placed.exits, [{ address: item.add.address }], sink);
      let exit = item.add.address;
      if (item.activation) {
        const top = addTop - METRICS.rowGap - item.activation.height;
        sink.boxes.push(
          positioned(item.activation, x + m.axis - item.activation.width / 2, top, item.activation.width, depth),
        );
        connect([exit], [{ address: item.activation.address }], sink);
        exit = item.activation.address;
      }
      const laneX = bodyLeft - METRICS.skipLane / 2;
      return { entries: [...placed.entries, { address: item.add.address, laneX }], exits: [exit] };
    }
    case 'frame': {
      const [content] = m.children;
      sink.boxes.push(positioned(item.frame, x, y, m.width, depth, m.height));
      return place(content, x + m.frameLeft!, y + METRICS.frameHeader, depth + 1, sink);
    }
  }
}

function positioned(spec: BoxSpec, x: number, y: number, width: number, depth: number, height = spec.height): Box {
  const { stretch: _stretch, ...box } = spec;
  return { ...box, x, y, width, height, depth };
}

function connect(exits: readonly string[], entries: readonly Entry[], sink: Sink): void {
  for (const from of exits) {
    for (const entry of entries) {
      sink.edges.push(
        entry.laneX === undefined
          ? { from, to: entry.address, kind: 'flow' }
          : { from, to: entry.address, kind: 'skip', laneX: entry.laneX },
      );
    }
  }
}

/** Moves everything (boxes, edges, labels) into [margin, extent − margin] and rounds to 0.1 px. */
function normalize(kind: Layout['kind'], title: string, boxes: readonly Box[], edges: readonly RoutedEdge[]): Layout {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const b of boxes) {
    xs.push(b.x, b.x + b.width);
    ys.push(b.y, b.y + b.height);
  }
  for (const e of edges) {
    xs.push(...e.points.map((p) => p.x));
    ys.push(...e.points.map((p) => p.y));
    if (e.labelAt) {
      xs.push(e.labelAt.x, e.labelAt.x + e.labelWidth);
      ys.push(e.labelAt.y - METRICS.smallSize, e.labelAt.y + 3);
    }
  }
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const dx = METRICS.margin - minX;
  const dy = METRICS.margin - minY;
  const r = (v: number) => Math.round(v * 10) / 10;
  const move = (p: Point): Point => ({ x: r(p.x + dx), y: r(p.y + dy) });
  return {
    kind,
    title,
    width: r(Math.max(...xs) - minX + 2 * METRICS.margin),
    height: r(Math.max(...ys) - minY + 2 * METRICS.margin),
    boxes: boxes.map((b) => ({ ...b, x: r(b.x + dx), y: r(b.y + dy), width: r(b.width), height: r(b.height) })),
    edges: edges.map(({ labelWidth: _w, ...e }): Edge => ({
      ...e,
      points: e.points.map(move),
      ...(e.labelAt ? { labelAt: move(e.labelAt) } : {}),
    })),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
