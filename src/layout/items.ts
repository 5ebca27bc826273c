/**
 * The intermediate form between an analysed definition and positioned boxes: the definition's
 * series-parallel structure with one box spec per drawn box. `convert.ts` builds it, `engine.ts` sizes
 * (bottom-up) and positions (top-down) it.
 */
import type { Box } from './types.ts';
import { METRICS } from './metrics.ts';
import { textWidth } from './text.ts';

/** A box before positioning: everything but its place. */
export type BoxSpec = Omit<Box, 'x' | 'y' | 'depth'> & {
  /** Widen to the full width of the enclosing series (a block's input box, like the paper's wide bars). */
  stretch?: boolean;
};

export type Item =
  | { type: 'box'; box: BoxSpec }
  /** Bottom to top. */
  | { type: 'series'; items: Item[] }
  /** Side by side, left to right; their outputs meet in `merge` (absent: they feed the enclosing merge directly). */
  | { type: 'parallel'; branches: Item[]; merge?: BoxSpec }
  /** body, then "+" (with the identity shortcut), then the activation box if any. */
  | { type: 'residual'; body: Item; add: BoxSpec; activation?: BoxSpec }
  /** An opened block or repeat: `frame` drawn around `content`. */
  | { type: 'frame'; frame: BoxSpec; content: Item };

/** Width of a box holding `label` (and `sublabel`), at least `min`. */
export function fitWidth(label: string, sublabel: string | undefined, min: number): number {
  const text = Math.max(textWidth(label, METRICS.labelSize), sublabel ? textWidth(sublabel, METRICS.smallSize) : 0);
  return Math.max(min, Math.ceil(text + 2 * METRICS.boxPadding));
}

export function boxHeight(sublabel: string | undefined): number {
  return sublabel ? METRICS.boxHeight2 : METRICS.boxHeight;
}

/** The box on top of an item (where its output leaves), if there is a single one. */
export function topBox(item: Item): BoxSpec | undefined {
  switch (item.type) {
    case 'box':
      return item.box;
    case 'series':
      return item.items.length ? topBox(item.items[item.items.length - 1]) : undefined;
    case 'parallel':
      return item.merge;
    case 'residual':
      return item.activation ?? item.add;
    case 'frame':
      return topBox(item.content);
  }
}

/** Sets a sublabel (and grows the box to hold it). */
export function withSublabel(box: BoxSpec, sublabel: string): void {
  box.sublabel = sublabel;
  box.height = Math.max(box.height, boxHeight(sublabel));
  if (box.kind !== 'add') box.width = Math.max(box.width, fitWidth(box.label, sublabel, 0));
}
