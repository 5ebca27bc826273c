/**
 * Room for a thumbnail on boxes: with a photo attached, the explorer draws each box's activation as a
 * small heat map at the box's left, so the layout widens (and where needed heightens) those boxes and the
 * label is centred in the rest. Without the option nothing changes, so the paper's figures stay as drawn.
 */
import type { Item } from './items.ts';
import type { Box } from './types.ts';

export interface LayoutOptions {
  /** Side of the square reserved at the left of every box whose output is a grid (px at zoom 1). */
  thumbnail?: number;
  /** How many thumbnails side by side (two photos compared): 1 unless said. */
  thumbnails?: number;
}

/** Between the box's left border and the thumbnail, and between the thumbnail and the label. */
export const THUMBNAIL_INSET = 4;

/**
 * Boxes standing for a grid-shaped output: layers that keep a grid, blocks, activations, input bars and
 * filter concatenations (the output of every Inception-v4 and reduction block); not the "+" of a residual,
 * whose output the activation box after it shows.
 */
function takesThumbnail(box: { kind: Box['kind']; layer?: Box['layer']; expanded?: boolean }): boolean {
  if (box.expanded) return false;
  switch (box.kind) {
    case 'layer':
      return box.layer === 'conv' || box.layer === 'maxpool' || box.layer === 'avgpool';
    case 'block':
    case 'repeat':
    case 'activation':
    case 'input':
    case 'concat':
      return true;
    default:
      return false;
  }
}

/**
 * Reserves `count` squares of side `size`, side by side, on every box spec of the tree that takes a
 * thumbnail (in place).
 */
export function reserveThumbnails(item: Item, size: number, count = 1): void {
  switch (item.type) {
    case 'box':
      if (takesThumbnail(item.box)) {
        item.box.thumbnail = size;
        if (count > 1) item.box.thumbnails = count;
        item.box.width += count * (size + THUMBNAIL_INSET);
        item.box.height = Math.max(item.box.height, size + 2 * THUMBNAIL_INSET);
      }
      return;
    case 'series':
      item.items.forEach((i) => reserveThumbnails(i, size, count));
      return;
    case 'parallel':
      item.branches.forEach((b) => reserveThumbnails(b, size, count));
      if (item.merge) reserveThumbnails({ type: 'box', box: item.merge }, size, count);
      return;
    case 'residual':
      reserveThumbnails(item.body, size, count);
      if (item.activation) reserveThumbnails({ type: 'box', box: item.activation }, size, count);
      return;
    case 'frame':
      reserveThumbnails(item.content, size, count);
  }
}

/** Where a box's (first) thumbnail goes (top-left corner and side), if it has room for one. */
export function thumbnailRect(box: Box): { x: number; y: number; size: number } | undefined {
  return thumbnailRects(box)[0];
}

/** Where each of a box's thumbnails goes, left to right (none without room). */
export function thumbnailRects(box: Box): Array<{ x: number; y: number; size: number }> {
  const size = box.thumbnail;
  if (!size) return [];
  const y = box.y + (box.height - size) / 2;
  const x = (i: number) => box.x + THUMBNAIL_INSET + i * (size + THUMBNAIL_INSET);
  return Array.from({ length: box.thumbnails ?? 1 }, (_, i) => ({ x: x(i), y, size }));
}

/** The x where a box's label is centred: the middle of the box, or of what the thumbnails leave. */
export function labelCenterX(box: Box): number {
  const left = box.thumbnail ? (box.thumbnails ?? 1) * (box.thumbnail + THUMBNAIL_INSET) : 0;
  return box.x + left + (box.width - left) / 2;
}
