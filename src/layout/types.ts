/**
 * The layout contract: plain positioned boxes and edges, computed from an analysed definition by pure
 * functions (`layoutBlock`, `layoutNetwork`) and drawn by `src/views/diagram/` (React or a standalone SVG
 * string). Coordinates are SVG user units (px at zoom 1), origin top-left, y growing downwards; the data
 * flows bottom to top like the paper's figures, so a network's input box has the largest y.
 */
import type { LayerKind, PaperNetworkId, Variant } from '../model/types.ts';

/**
 * "activation": the "Relu activation" after a residual addition; "input" / "output": a block's input bar
 * ("Previous layer", "Filter concat", "Relu activation") and a network's input and softmax.
 */
export type BoxKind = 'layer' | 'block' | 'repeat' | 'concat' | 'add' | 'activation' | 'input' | 'output';

/** Roles of boxes that do not stand for an analysed node by themselves (see `syntheticAddress`). */
export type SyntheticRole = 'input' | 'concat' | 'add' | 'relu' | 'output';

export interface BoxMarks {
  /** Valid padding (the paper's "V"). */
  valid?: boolean;
  /** Stride, when above 1 (the paper's "stride 2"). */
  stride?: number;
  /** The 1×1 "Linear" projection of a residual block (no batch norm, no ReLU). */
  linear?: boolean;
  /** Residual scale as the paper writes it: "×0.17", "×0.1–0.3". */
  scale?: string;
  /** Repetitions of a rolled-up repeat ("×10"). */
  count?: number;
  /** A residual addition followed by no ReLU (the released network's last Block8). */
  noActivation?: boolean;
}

export interface Box {
  /**
   * Unique within the layout. The `AnalyzedNode.address` the box stands for ("inception-resnet-b/0/0/0/1/1"),
   * or a synthetic id "<node address>#<role>" for merge, addition, activation, input and output boxes
   * ("inception-a/0#concat", "inception-resnet-b/0#add", "network#input").
   */
  address: string;
  /**
   * The `AnalyzedNode.address` to inspect for this box (its own address, or the address before "#"),
   * absent for the network's input and output.
   */
  node?: string;
  kind: BoxKind;
  /** For `kind: 'layer'`: what layer it is (for styling convolutions, pools, the classifier apart). */
  layer?: LayerKind;
  /** Top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** How the paper writes it: "1×7 conv, 160", "Filter concat", "10 × Inception-ResNet-A", "+". */
  label: string;
  /** A second, smaller line: the input/output shape of a block's input and output boxes, a residual scale. */
  sublabel?: string;
  /** Output shape of the node, formatted "17×17×160" (for accessible names and tooltips). */
  output?: string;
  marks: BoxMarks;
  /** A repeat or block that `layoutNetwork` can show rolled up or opened (toggle its address in `expansion`). */
  expandable?: boolean;
  /**
   * An opened repeat or block: the box is a frame enclosing the boxes of its contents (drawn behind
   * them, label in its top-left corner). Only frames contain other boxes; no other boxes overlap.
   */
  expanded?: boolean;
  /** Nesting depth of frames around the box (0 at the top level). */
  depth: number;
  /**
   * Side of a square reserved at the box's left for a thumbnail (a photo's activation), when the layout was
   * asked for room (`LayoutOptions.thumbnail`); see `thumbnailRect` and `labelCenterX`.
   */
  thumbnail?: number;
  /** How many thumbnails of that side sit in a row (two photos compared: `LayoutOptions.thumbnails`); 1 unless set. */
  thumbnails?: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Edge {
  /** Unique within the layout: "<from>-><to>". */
  id: string;
  /** Addresses of the boxes it connects; data flows from `from` to `to`. */
  from: string;
  to: string;
  /** "flow": a tensor passed on; "skip": the identity shortcut of a residual block. */
  kind: 'flow' | 'skip';
  /** Polyline from the source's border to the target's border (straight segments; draw an arrowhead at the end). */
  points: readonly Point[];
  /** The tensor carried, "17×17×1088" (omitted on repeated fan-out edges carrying the same tensor). */
  label?: string;
  /** Where the label's text starts (left end of its baseline, text-anchor start). */
  labelAt?: Point;
}

export interface Layout {
  /** A single block like the paper's Figs. 3–8, 10–14, 16–19, or a network schema like Figs. 9 and 15. */
  kind: 'block' | 'network';
  /** "Inception-ResNet-B (Fig. 17)", "Inception-ResNet-v2 (released)". */
  title: string;
  /** Extent of everything drawn, labels included; every coordinate lies in [0, width] × [0, height]. */
  width: number;
  height: number;
  /** Frames (expanded boxes) come before the boxes they contain. */
  boxes: readonly Box[];
  edges: readonly Edge[];
}

/** Which repeats and blocks of a network schema are opened, by `AnalyzedNode.address`. */
export type Expansion = ReadonlySet<string>;

/** A figure of the paper and the (network, variant, block) that reproduces it. */
export interface PaperFigure {
  figure: number;
  network: PaperNetworkId;
  variant: Variant;
  /** `BlockInfo.id` of the block ("inception-resnet-b"). */
  blockId: string;
  /** Address to pass to `layoutBlock` (a repeat's first repetition: "inception-resnet-b/0"). */
  address: string;
  /** "Inception-ResNet-B" */
  title: string;
}
