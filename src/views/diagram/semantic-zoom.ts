/**
 * Semantic zoom: what the interactive diagram shows at a given scale. Zoomed in, every box with its text;
 * zoomed out so far that a 12 px label would be under 6 px on screen, the layers' text is dropped and
 * opened blocks are drawn rolled up again as cards with a label at a readable size — the repetitions of
 * a block while they are large enough on screen, else the block as a whole — so that the fully expanded
 * Inception-ResNet-v2 fitted to the screen reads as its stages, not as a hairline. Pure.
 */
import type { Box, Layout } from '../../layout/types.ts';
import { textWidth } from '../../layout/text.ts';

/** Scales at and above this draw everything (labels 6 px and up). */
export const DETAIL_SCALE = 0.5;
/** On-screen size of a card's label, px. */
export const CARD_LABEL_PX = 11;
/** A block is shown open (its inner blocks as cards) when each inner block is at least this big on screen. */
const MIN_CARD_SCREEN = { width: 56, height: 22 };

export interface Card {
  box: Box;
  /** Label text, its baseline start and size, in layout units (the size is `CARD_LABEL_PX / k`). */
  label?: { text: string; x: number; y: number; size: number; inside: boolean };
}

export interface Detail {
  /** Draw the boxes' and edges' text. */
  text: boolean;
  /** Rolled-up cards over opened blocks (and over rolled-up blocks, whose own text is dropped). */
  cards: Card[];
}

const FULL: Detail = { text: true, cards: [] };

function inside(outer: Box, inner: Box): boolean {
  return (
    inner !== outer &&
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

export function semanticDetail(layout: Layout, k: number): Detail {
  if (k >= DETAIL_SCALE) return FULL;
  const frames = layout.boxes.filter((b) => b.expanded);
  const innerFrames = (f: Box) => frames.filter((g) => g.depth === f.depth + 1 && inside(f, g));
  const bigEnough = (b: Box) => b.width * k >= MIN_CARD_SCREEN.width && b.height * k >= MIN_CARD_SCREEN.height;
  const chosen: Box[] = [];
  // Outermost first: a frame stays open only when all its inner blocks are big enough to be cards.
  const visit = (f: Box) => {
    const inner = innerFrames(f);
    const innerBlocks = layout.boxes.filter((b) => b.depth === f.depth + 1 && b.expandable === true && inside(f, b));
    if (inner.length > 0 && innerBlocks.every(bigEnough)) {
      inner.forEach(visit);
      chosen.push(...innerBlocks.filter((b) => !b.expanded));
    } else {
      chosen.push(f);
    }
  };
  frames.filter((f) => f.depth === 0).forEach(visit);
  // Rolled-up blocks outside any opened one keep a readable name too.
  chosen.push(...layout.boxes.filter((b) => b.expandable && !b.expanded && b.depth === 0));
  return { text: false, cards: placeLabels(chosen, k) };
}

/**
 * A card's label goes inside it where it fits, else just right of it; labels that would overlap one
 * already placed are left out (the card stays, and its name is in its tooltip).
 */
function placeLabels(cards: readonly Box[], k: number): Card[] {
  const size = CARD_LABEL_PX / k;
  const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const free = (r: { x0: number; y0: number; x1: number; y1: number }) =>
    placed.every((p) => r.x1 <= p.x0 || r.x0 >= p.x1 || r.y1 <= p.y0 || r.y0 >= p.y1);
  return [...cards]
    .sort((a, b) => b.y - a.y)
    .map((box) => {
      const width = textWidth(box.label, CARD_LABEL_PX) / k;
      const pad = 6 / k;
      const fits = width + 2 * pad <= box.width && size + pad <= box.height;
      const x = fits ? box.x + (box.width - width) / 2 : box.x + box.width + pad;
      const y = box.y + box.height / 2 + size * 0.35;
      const rect = { x0: x, y0: y - size, x1: x + width, y1: y + size * 0.3 };
      if (!fits && !free(rect)) return { box };
      placed.push(rect);
      return { box, label: { text: box.label, x, y, size, inside: fits } };
    });
}
