/**
 * What to draw for a layout, as plain shapes: the single source of the diagram's look. `Diagram.tsx`
 * turns the shapes into React elements (interactive, colours from CSS custom properties) and
 * `render-svg.ts` into a standalone SVG string (concrete colours), so the golden files test exactly what
 * the app shows. Pure; d3 builds the edge paths.
 */
import { line } from 'd3';
import type { Box, Edge, Layout, Point } from '../../layout/types.ts';
import { roleOf } from '../../layout/address.ts';
import { METRICS } from '../../layout/metrics.ts';
import { labelCenterX } from '../../layout/thumbnails.ts';
import type { Palette } from './palette.ts';
import type { DiagramMarks, DiffMark } from './props.ts';
import { explorer as english, type ExplorerMessages } from '../i18n/en/explorer.ts';

export type Tag = 'rect' | 'circle' | 'path' | 'text';

export interface Shape {
  tag: Tag;
  /** Geometry and text attributes, SVG (kebab-case) names. */
  attrs: Readonly<Record<string, string | number>>;
  /** Colours and strokes, SVG names; a style in the interactive diagram, attributes in a standalone SVG. */
  paint: Readonly<Record<string, string | number>>;
  text?: string;
}

export interface BoxScene {
  box: Box;
  shapes: Shape[];
  /** "1×7 conv, 160 — output 17×17×160". */
  ariaLabel: string;
  /** Multi-line tooltip: label, sublabel, output, diff, problem. */
  tooltip: string;
  diff?: DiffMark;
  problem?: string;
  selected: boolean;
  highlighted: boolean;
}

export interface EdgeScene {
  edge: Edge;
  shapes: Shape[];
}

export interface Scene {
  width: number;
  height: number;
  /** Opened blocks, drawn first (outermost first), then edges, then boxes. */
  frames: BoxScene[];
  edges: EdgeScene[];
  boxes: BoxScene[];
}

export interface SceneOptions {
  /** Adds the disclosure glyphs of expandable boxes (not in exported figures). */
  interactive?: boolean;
  /** The words of boxes' accessible names and tooltips: the reader's language live, English in exports. */
  words?: ExplorerMessages['box'];
}

const ARROW_LENGTH = 6;
const ARROW_HALF_WIDTH = 3.2;
const round = (v: number) => Math.round(v * 100) / 100;
const path = line<Point>()
  .x((p) => p.x)
  .y((p) => p.y)
  .digits(2);

export function buildScene(layout: Layout, marks: DiagramMarks, palette: Palette, options: SceneOptions = {}): Scene {
  const frames: BoxScene[] = [];
  const boxes: BoxScene[] = [];
  const highlighted = marks.highlighted && new Map([...marks.highlighted].map((a) => [a, true] as const));
  for (const box of layout.boxes)
    (box.expanded ? frames : boxes).push(boxScene(box, marks, highlighted, palette, options));
  return {
    width: layout.width,
    height: layout.height,
    frames,
    edges: layout.edges.map((edge) => edgeScene(edge, palette)),
    boxes,
  };
}

/**
 * A mark keyed by the box's address or its node; a rolled-up box also shows what is inside it. Of the
 * boxes drawn for one node, the node's mark goes on the one that stands for it: the "+" of a residual
 * and the bar of a concatenation, not the activation after it or the input below.
 */
function lookup<T>(map: ReadonlyMap<string, T> | undefined, box: Box, inside: boolean): T | undefined {
  if (!map) return undefined;
  const role = roleOf(box.address);
  const byNode = box.node !== undefined && role !== 'relu' && role !== 'input';
  const direct = map.get(box.address) ?? (byNode ? map.get(box.node!) : undefined);
  if (direct !== undefined || !inside) return direct;
  const prefix = `${box.address}/`;
  for (const [key, value] of map) if (key.startsWith(prefix)) return value;
  return undefined;
}

function boxScene(
  box: Box,
  marks: DiagramMarks,
  highlights: ReadonlyMap<string, true> | undefined,
  palette: Palette,
  options: SceneOptions,
): BoxScene {
  const rolledUp = box.expandable === true && !box.expanded;
  const diff = lookup(marks.diff, box, false);
  const problem = lookup(marks.problems, box, rolledUp);
  const highlighted = lookup(highlights, box, rolledUp) === true;
  const selected = marks.selected !== undefined && marks.selected === box.address;

  const shapes: Shape[] = [];
  if (highlighted) shapes.push(ring(box, 5, { stroke: palette.highlight, 'stroke-width': 3, fill: 'none' }));
  shapes.push(...(box.expanded ? frameShapes(box, palette, options) : bodyShapes(box, palette, options)));
  if (diff) {
    shapes.push(
      ring(box, 2.5, {
        stroke: palette[diff],
        'stroke-width': 2,
        fill: 'none',
        ...(diff === 'removed' ? { 'stroke-dasharray': '4 3' } : {}),
      }),
    );
  }
  if (selected)
    shapes.push(ring(box, box.expanded ? 1.5 : 3.5, { stroke: palette.selected, 'stroke-width': 2.5, fill: 'none' }));
  if (problem) shapes.push(...problemBadge(box, palette));

  const what = [box.label, box.sublabel].filter(Boolean).join(', ');
  // The accessible name starts with the box's visible text as shown (WCAG 2.5.3, label in name).
  const shown = [box.label, box.sublabel].filter(Boolean).join(' ');
  const words = options.words ?? english.box;
  const output = box.output ? ` — ${words.output(box.output)}` : '';
  const notes = [
    diff ? words.diff(diff, marks.diffAgainst) : undefined,
    problem ? words.problem(problem) : undefined,
  ].filter(Boolean);
  return {
    box,
    shapes,
    ariaLabel: `${shown}${output}${notes.length ? `; ${notes.join('; ')}` : ''}`,
    tooltip: [what, box.output ? words.output(box.output) : undefined, ...notes].filter(Boolean).join('\n'),
    ...(diff ? { diff } : {}),
    ...(problem ? { problem } : {}),
    selected,
    highlighted,
  };
}

function fillAndStroke(box: Box, p: Palette): { fill: string; stroke: string } {
  switch (box.kind) {
    case 'layer':
      if (box.layer === 'maxpool' || box.layer === 'avgpool') return { fill: p.poolFill, stroke: p.poolStroke };
      if (box.layer === 'conv') return { fill: box.marks.linear ? p.background : p.convFill, stroke: p.convStroke };
      return { fill: p.classifierFill, stroke: p.classifierStroke };
    case 'concat':
      return { fill: p.mergeFill, stroke: p.mergeStroke };
    case 'add':
      return { fill: p.addFill, stroke: p.addStroke };
    case 'activation':
      return { fill: p.activationFill, stroke: p.activationStroke };
    case 'block':
    case 'repeat':
      return { fill: p.blockFill, stroke: p.blockStroke };
    case 'input':
    case 'output':
      return { fill: p.ioFill, stroke: p.ioStroke };
  }
}

function cornerRadius(box: Box): number {
  if (box.kind === 'activation') return box.height / 2;
  if (box.kind === 'block' || box.kind === 'repeat') return 5;
  return box.kind === 'concat' ? 2 : 3;
}

function bodyShapes(box: Box, p: Palette, options: SceneOptions): Shape[] {
  const { fill, stroke } = fillAndStroke(box, p);
  const cx = round(box.x + box.width / 2);
  const cy = round(box.y + box.height / 2);
  if (box.kind === 'add') {
    const r = METRICS.addRadius;
    const arm = 5;
    return [
      { tag: 'circle', attrs: { cx, cy, r }, paint: { fill, stroke, 'stroke-width': 1.3 } },
      {
        tag: 'path',
        attrs: { d: `M${round(cx - arm)},${cy}H${round(cx + arm)}M${cx},${round(cy - arm)}V${round(cy + arm)}` },
        paint: { fill: 'none', stroke: p.text, 'stroke-width': 1.6 },
      },
      ...(box.sublabel
        ? [text(box.sublabel, round(cx + r + 5), round(cy + 3.5), METRICS.smallSize, p.muted, 'start')]
        : []),
    ];
  }
  const shapes: Shape[] = [];
  // Labels are centred in what a thumbnail leaves of the box.
  const tx = round(labelCenterX(box));
  const rx = cornerRadius(box);
  const strokeWidth = box.marks.stride && box.marks.stride > 1 ? 2 : 1;
  const rectPaint = {
    fill,
    stroke,
    'stroke-width': strokeWidth,
    ...(box.marks.linear ? { 'stroke-dasharray': '4 2' } : {}),
  };
  // A rolled-up repeat is drawn as a stack, one card behind another.
  if (box.kind === 'repeat') shapes.push(rect(box.x + 4, box.y - 4, box.width, box.height, rx, rectPaint));
  shapes.push(rect(box.x, box.y, box.width, box.height, rx, rectPaint));
  if (box.sublabel) {
    const top = round(cy - METRICS.boxHeight2 / 2);
    shapes.push(text(box.label, tx, round(top + 16), METRICS.labelSize, p.text));
    shapes.push(text(box.sublabel, tx, round(top + 30), METRICS.smallSize, p.muted));
  } else {
    shapes.push(text(box.label, tx, round(cy + 4.2), METRICS.labelSize, p.text));
  }
  if (options.interactive && box.expandable) shapes.push(disclosure(box.x + box.width - 10, cy, false, p));
  return shapes;
}

function frameShapes(box: Box, p: Palette, options: SceneOptions): Shape[] {
  const shapes: Shape[] = [
    rect(box.x, box.y, box.width, box.height, 6, { fill: p.frameFill, stroke: p.frameStroke, 'stroke-width': 1 }),
    text(
      box.label,
      round(box.x + METRICS.framePadding),
      round(box.y + 14),
      METRICS.frameLabelSize,
      p.muted,
      'start',
      true,
    ),
  ];
  if (options.interactive) shapes.push(disclosure(box.x + box.width - 12, box.y + 10, true, p));
  return shapes;
}

/** "+" on a rolled-up box, "−" on an opened frame. */
function disclosure(x: number, y: number, open: boolean, p: Palette): Shape {
  const arm = 3.5;
  const d = `M${round(x - arm)},${round(y)}H${round(x + arm)}${open ? '' : `M${round(x)},${round(y - arm)}V${round(y + arm)}`}`;
  return {
    tag: 'path',
    attrs: { d, class: 'ie-diagram-disclosure' },
    paint: { fill: 'none', stroke: p.muted, 'stroke-width': 1.5 },
  };
}

/** Radius of the "!" badge of a problem. */
export const BADGE_RADIUS = 7;

/**
 * Where the "!" badge goes: a box's top-right corner; for an addition, below-left of its circle (its
 * residual scale is written right of the circle, the shortcut enters from the left at mid-height, and
 * the title of an opened block may run just above it).
 */
export function badgeCentre(box: Box): { x: number; y: number } {
  if (box.kind === 'add') {
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    return { x: round(cx - METRICS.addRadius - BADGE_RADIUS), y: round(cy + METRICS.addRadius) };
  }
  return { x: round(box.x + box.width - 2), y: round(box.y + 2) };
}

function problemBadge(box: Box, p: Palette): Shape[] {
  const { x, y } = badgeCentre(box);
  return [
    {
      tag: 'circle',
      attrs: { cx: x, cy: y, r: BADGE_RADIUS },
      paint: { fill: p.problem, stroke: p.background, 'stroke-width': 1.5 },
    },
    text('!', x, round(y + 3.6), 10, p.problemText, 'middle', true),
  ];
}

function ring(box: Box, gap: number, paint: Shape['paint']): Shape {
  if (box.kind === 'add') {
    return {
      tag: 'circle',
      attrs: { cx: round(box.x + box.width / 2), cy: round(box.y + box.height / 2), r: METRICS.addRadius + gap },
      paint,
    };
  }
  return rect(
    box.x - gap,
    box.y - gap,
    box.width + 2 * gap,
    box.height + 2 * gap,
    (box.expanded ? 6 : cornerRadius(box)) + gap,
    paint,
  );
}

function rect(x: number, y: number, width: number, height: number, rx: number, paint: Shape['paint']): Shape {
  return {
    tag: 'rect',
    attrs: { x: round(x), y: round(y), width: round(width), height: round(height), rx: round(rx) },
    paint,
  };
}

function text(
  content: string,
  x: number,
  y: number,
  size: number,
  fill: string,
  anchor: 'middle' | 'start' = 'middle',
  bold = false,
): Shape {
  return {
    tag: 'text',
    attrs: { x, y, 'font-size': size, 'text-anchor': anchor, ...(bold ? { 'font-weight': 700 } : {}) },
    paint: { fill },
    text: content,
  };
}

function edgeScene(edge: Edge, p: Palette): EdgeScene {
  const points = edge.points;
  const end = points[points.length - 1];
  const before = points[points.length - 2];
  const length = Math.hypot(end.x - before.x, end.y - before.y) || 1;
  const ux = (end.x - before.x) / length;
  const uy = (end.y - before.y) / length;
  // The line stops at the arrowhead's base, so that its end does not blunt the tip.
  const base = { x: end.x - ux * ARROW_LENGTH, y: end.y - uy * ARROW_LENGTH };
  const arrow =
    `M${round(end.x)},${round(end.y)}L${round(base.x - uy * ARROW_HALF_WIDTH)},${round(base.y + ux * ARROW_HALF_WIDTH)}` +
    `L${round(base.x + uy * ARROW_HALF_WIDTH)},${round(base.y - ux * ARROW_HALF_WIDTH)}Z`;
  const shapes: Shape[] = [
    {
      tag: 'path',
      attrs: { d: path([...points.slice(0, -1), base]) ?? '' },
      paint: { fill: 'none', stroke: p.edge, 'stroke-width': edge.kind === 'skip' ? 1.4 : 1.2 },
    },
    { tag: 'path', attrs: { d: arrow }, paint: { fill: p.edge, stroke: 'none' } },
  ];
  if (edge.label && edge.labelAt) {
    shapes.push({
      tag: 'text',
      attrs: { x: edge.labelAt.x, y: edge.labelAt.y, 'font-size': METRICS.smallSize, 'text-anchor': 'start' },
      // A halo in the background colour keeps the label legible where an edge crosses it.
      paint: {
        fill: p.muted,
        stroke: p.background,
        'stroke-width': 3,
        'paint-order': 'stroke',
        'stroke-linejoin': 'round',
      },
      text: edge.label,
    });
  }
  return { edge, shapes };
}
