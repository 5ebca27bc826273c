/**
 * Where the view lands when the drawing changes under the reader (Expand all, Collapse all, a search
 * opening blocks) or when they ask to fit it: on what they were looking at, not at the old zoom and
 * position of a drawing that no longer exists. Pure: layouts, a transform and the viewport's size in,
 * a transform out (d3-zoom applies it).
 */
import type { Box, Layout } from '../../layout/types.ts';
import { DETAIL_SCALE } from './semantic-zoom.ts';

export interface Transform {
  x: number;
  y: number;
  k: number;
}

export interface Viewport {
  width: number;
  height: number;
}

/** Below this scale a label (12 px) is under 9 px on screen: the drawing opens no smaller than this. */
export const READABLE_SCALE = 0.75;
/** Fitting never enlarges a small drawing beyond this (labels would look oversized). */
export const MAX_FIT_SCALE = 1.5;
/** Room kept between what is fitted and the viewport's edges. */
const MARGIN = 16;

const toScreen = (t: Transform, x: number, y: number) => ({ x: t.x + x * t.k, y: t.y + y * t.k });

function distanceTo(box: Box, x: number, y: number): number {
  const dx = Math.max(box.x - x, 0, x - (box.x + box.width));
  const dy = Math.max(box.y - y, 0, y - (box.y + box.height));
  return Math.hypot(dx, dy);
}

/**
 * The box the reader is looking at: the selected box if it is in view; else the smallest box under the
 * viewport's centre (an opened block's frame counts when nothing inside it is); else the box nearest it.
 */
export function lookedAt(layout: Layout, t: Transform, view: Viewport, selected?: string): Box | undefined {
  const inView = (b: Box) => {
    const a = toScreen(t, b.x, b.y);
    const z = toScreen(t, b.x + b.width, b.y + b.height);
    return z.x > 0 && z.y > 0 && a.x < view.width && a.y < view.height;
  };
  const chosen = selected ? layout.boxes.find((b) => b.address === selected) : undefined;
  if (chosen && inView(chosen)) return chosen;
  const cx = (view.width / 2 - t.x) / t.k;
  const cy = (view.height / 2 - t.y) / t.k;
  let best: Box | undefined;
  let bestScore = Infinity;
  for (const b of layout.boxes) {
    const d = distanceTo(b, cx, cy);
    // Inside: the smallest wins; outside: the nearest.
    const score = d === 0 ? -1e12 + b.width * b.height : d;
    if (score < bestScore) {
      best = b;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The box of `after` standing for `box` of the layout before: the same address (a block now opened or
 * rolled up keeps it), else the nearest drawn ancestor of its node (a layer now rolled up into its block).
 */
export function counterpart(after: Layout, box: Box): Box | undefined {
  const byAddress = new Map(after.boxes.map((b) => [b.address, b]));
  const same = byAddress.get(box.address);
  if (same) return same;
  const node = box.node ?? box.address;
  let best: Box | undefined;
  for (const b of after.boxes) {
    const n = b.node ?? b.address;
    if ((node === n || node.startsWith(`${n}/`)) && (!best || n.length > (best.node ?? best.address).length)) best = b;
  }
  return best;
}

/** The scale at which the whole drawing fits (1 while the viewport has no size). */
export function fitScale(layout: Pick<Layout, 'width' | 'height'>, view: Viewport): number {
  if (view.width <= 2 * MARGIN || view.height <= 2 * MARGIN) return 1;
  return Math.min(MAX_FIT_SCALE, (view.width - 2 * MARGIN) / layout.width, (view.height - 2 * MARGIN) / layout.height);
}

/** The whole drawing, centred. */
export function fitAll(layout: Pick<Layout, 'width' | 'height'>, view: Viewport): Transform {
  const k = fitScale(layout, view);
  return { k, x: (view.width - layout.width * k) / 2, y: (view.height - layout.height * k) / 2 };
}

/**
 * The first view of a drawing: all of it when readable; all of it too when only its width is too large (a
 * block's figure on a phone, wider still with a photo's thumbnails) and fitting it across still draws its
 * labels (`DETAIL_SCALE`), so that no branch opens cut off; else, at a readable scale (or the width's, if
 * larger), its bottom — the input, where the data enters — centred across, and the whole height centred
 * when it fits.
 */
export function opening(layout: Pick<Layout, 'width' | 'height'>, view: Viewport): Transform {
  // Not laid out yet (or in a test without layout): as drawn.
  if (view.width <= 2 * MARGIN || view.height <= 2 * MARGIN) return { x: 0, y: 0, k: 1 };
  const whole = fitAll(layout, view);
  if (whole.k >= READABLE_SCALE) return whole;
  const across = (view.width - 2 * MARGIN) / layout.width;
  if (across >= DETAIL_SCALE && layout.height * across <= view.height - 2 * MARGIN) return whole;
  const k = Math.min(1, Math.max(READABLE_SCALE, (view.width - 2 * MARGIN) / layout.width));
  // Too wide but not too tall (a block on a phone): centred down the screen, not pressed to its bottom.
  const height = layout.height * k;
  const y = height <= view.height - 2 * MARGIN ? (view.height - height) / 2 : view.height - height;
  return { k, x: (view.width - layout.width * k) / 2, y };
}

/** `box` fitted into the viewport, as large as `maxScale` allows; a tall box shows its bottom. */
export function fitBox(box: Box, view: Viewport, maxScale = MAX_FIT_SCALE): Transform {
  const k = Math.min(maxScale, (view.width - 2 * MARGIN) / box.width, (view.height - 2 * MARGIN) / box.height);
  const readable = Math.max(k, Math.min(READABLE_SCALE, (view.width - 2 * MARGIN) / box.width));
  const x = view.width / 2 - (box.x + box.width / 2) * readable;
  const y =
    readable === k
      ? view.height / 2 - (box.y + box.height / 2) * readable
      : view.height - MARGIN - (box.y + box.height) * readable;
  return { k: readable, x, y };
}

/**
 * After `before` became `after` in place: the box the reader was looking at (or its counterpart) keeps
 * its bottom edge's centre where it was on screen, at the same scale unless it would no longer fit across
 * the viewport (then smaller) or the whole new drawing fits at a larger one (then that); and it is moved
 * fully into view across. Undefined when nothing can be anchored.
 */
export function landing(
  before: Layout,
  after: Layout,
  t: Transform,
  view: Viewport,
  selected?: string,
): Transform | undefined {
  if (view.width <= 0 || view.height <= 0) return undefined;
  const seen = lookedAt(before, t, view, selected);
  const box = seen && counterpart(after, seen);
  if (!seen || !box) return undefined;
  const anchor = toScreen(t, seen.x + seen.width / 2, seen.y + seen.height);
  let k = Math.min(t.k, (view.width - 2 * MARGIN) / box.width);
  k = Math.max(k, Math.min(fitScale(after, view), 1));
  let x = anchor.x - (box.x + box.width / 2) * k;
  // Down the screen: the bottom edge stays put, but in view, and low enough that a box that fits is whole.
  const lowest = view.height - MARGIN;
  const highest = Math.min(lowest, MARGIN + box.height * k);
  const y = Math.min(lowest, Math.max(highest, anchor.y)) - (box.y + box.height) * k;
  // Across: the whole box in view when it fits, else its middle in the middle.
  const left = x + box.x * k;
  const right = left + box.width * k;
  if (box.width * k <= view.width - 2 * MARGIN) {
    if (left < MARGIN) x += MARGIN - left;
    else if (right > view.width - MARGIN) x -= right - (view.width - MARGIN);
  } else {
    x = view.width / 2 - (box.x + box.width / 2) * k;
  }
  return { x, y, k };
}

/**
 * Fit, landing where the reader is looking: when the whole drawing is readable at its fitting scale, all
 * of it; otherwise first the outermost block around what is looked at (its stage), and from there, on a
 * second press, the whole drawing (an overview, which semantic zoom labels by block).
 */
export function fitTarget(layout: Layout, t: Transform, view: Viewport, selected?: string): Transform {
  const whole = fitAll(layout, view);
  if (whole.k >= READABLE_SCALE) return whole;
  const seen = lookedAt(layout, t, view, selected);
  const outer = seen && outermost(layout, seen);
  if (!outer) return whole;
  const target = fitBox(outer, view, 1);
  const already = Math.abs(target.k - t.k) < 1e-3 && Math.abs(target.x - t.x) < 1 && Math.abs(target.y - t.y) < 1;
  return already ? whole : target;
}

/** The outermost frame containing `box`, or the box itself at the top level. */
function outermost(layout: Layout, box: Box): Box {
  let best = box;
  for (const f of layout.boxes) {
    if (!f.expanded || f.depth !== 0) continue;
    if (box.x >= f.x && box.y >= f.y && box.x + box.width <= f.x + f.width && box.y + box.height <= f.y + f.height)
      best = f;
  }
  return best;
}
