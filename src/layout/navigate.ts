/**
 * Keyboard moves between boxes: up and down follow the edges (data flows up), left and right go to the
 * nearest box beside (the sibling branch). Frames of opened blocks are not stops: they are containers.
 */
import type { Box, Layout } from './types.ts';

export type Direction = 'up' | 'down' | 'left' | 'right';

const cx = (b: Box) => b.x + b.width / 2;
const cy = (b: Box) => b.y + b.height / 2;

/** The box to move to from `address` in `direction`, or undefined at the border of the drawing. */
export function neighbour(layout: Layout, address: string, direction: Direction): string | undefined {
  const boxes = new Map(layout.boxes.map((b) => [b.address, b]));
  const current = boxes.get(address);
  if (!current) return undefined;
  const stops = layout.boxes.filter((b) => !b.expanded && b.address !== address);

  if (direction === 'up' || direction === 'down') {
    const along = layout.edges
      .filter((e) => (direction === 'up' ? e.from === address : e.to === address))
      .map((e) => ({ edge: e, box: boxes.get(direction === 'up' ? e.to : e.from)! }))
      .filter(({ box }) => box && !box.expanded);
    if (along.length > 0) {
      // The data path first, then the shortcut; among equals the one most in line.
      along.sort(
        (a, b) =>
          rank(a.edge.kind) - rank(b.edge.kind) ||
          Math.abs(cx(a.box) - cx(current)) - Math.abs(cx(b.box) - cx(current)),
      );
      return along[0].box.address;
    }
    const sign = direction === 'up' ? -1 : 1;
    return nearest(
      stops.filter((b) => sign * (cy(b) - cy(current)) > 1),
      (b) => Math.abs(cy(b) - cy(current)) + 3 * Math.abs(cx(b) - cx(current)),
    );
  }
  // Beside means entirely beside: a merge bar spanning the branches is not a sibling.
  const beside =
    direction === 'left'
      ? (b: Box) => b.x + b.width <= current.x + 1
      : (b: Box) => b.x >= current.x + current.width - 1;
  return nearest(stops.filter(beside), (b) => Math.abs(cx(b) - cx(current)) + 3 * Math.abs(cy(b) - cy(current)));
}

/** The innermost opened block or repeat around the box at `address` (to roll it up from inside). */
export function enclosingFrame(layout: Layout, address: string): string | undefined {
  const box = layout.boxes.find((b) => b.address === address);
  if (!box) return undefined;
  let best: Box | undefined;
  for (const f of layout.boxes) {
    if (!f.expanded || f.depth >= box.depth) continue;
    const inside =
      box.x >= f.x && box.y >= f.y && box.x + box.width <= f.x + f.width && box.y + box.height <= f.y + f.height;
    if (inside && (!best || f.depth > best.depth)) best = f;
  }
  return best?.address;
}

function rank(kind: 'flow' | 'skip'): number {
  return kind === 'flow' ? 0 : 1;
}

function nearest(candidates: readonly Box[], cost: (b: Box) => number): string | undefined {
  let best: Box | undefined;
  let bestCost = Infinity;
  for (const b of candidates) {
    const c = cost(b);
    if (c < bestCost) {
      best = b;
      bestCost = c;
    }
  }
  return best?.address;
}
