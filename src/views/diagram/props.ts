/** Props of `<Diagram>` and options of `renderDiagramSvg`: the contract between the diagram and the app. */
import type { ReactNode } from 'react';
import type { Box, Layout } from '../../layout/types.ts';
import type { DiffMark } from '../../model/analysis/diff-types.ts';

/** How a node differs between the paper and the released variant (see `diffNetworks`). */
export type { DiffMark };

/** Colour scheme of a standalone SVG; the interactive diagram follows the page's CSS custom properties. */
export type DiagramTheme = 'light' | 'dark';

/** What is drawn on top of the layout. Maps and sets are keyed by `Box.address` or `Box.node`. */
export interface DiagramMarks {
  /** Address of the selected box (drawn emphasised; the interactive diagram keeps it in view). */
  selected?: string;
  /** Search matches and the like (drawn with a highlight ring). */
  highlighted?: ReadonlySet<string>;
  /** Paper-vs-released marks, or those against the network this one is derived from (`diffAgainst`). */
  diff?: ReadonlyMap<string, DiffMark>;
  /** The title of the network the `diff` marks compare with, where it is not this network's other form. */
  diffAgainst?: string;
  /** Problems found by the analysis (a warning badge; the message is the box's tooltip). */
  problems?: ReadonlyMap<string, string>;
}

export interface DiagramProps extends DiagramMarks {
  layout: Layout;
  /** Accessible name of the whole diagram, e.g. "Inception-ResNet-B, Fig. 17". */
  ariaLabel: string;
  /** Click, Space, or Enter without `onOpen`: the box's address. */
  onSelect?: (address: string) => void;
  /** Opening or rolling up an expandable box: its disclosure button, "+" / "-" keys. */
  onToggle?: (address: string) => void;
  /** Double click or Enter: go into the box (e.g. the block page of a block). */
  onOpen?: (address: string) => void;
  /** Escape or Backspace: go up a level. */
  onUp?: () => void;
  /**
   * Extra SVG drawn in a box's group, over its shapes (e.g. a photo's activation thumbnail in the room the
   * layout reserved, see `thumbnailRect`): render pieces injected by the app, so the diagram itself stays
   * free of what they show. Return null for boxes without one.
   */
  overlay?: (box: Box) => ReactNode;
  /** Smooth zoom and pan (wheel, drag, pinch) with zoom-to-fit; default true. */
  zoomable?: boolean;
  className?: string;
}

export interface RenderSvgOptions extends DiagramMarks {
  theme?: DiagramTheme;
  /** Written as the document's <title> (default: the layout's title). */
  title?: string;
  /** Scale of the explicit width/height against the viewBox (e.g. 2 for a sharper rasterisation); default 1. */
  scale?: number;
}
