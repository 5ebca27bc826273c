/** Sizes of the diagram, in px at zoom 1. The renderer draws with the same numbers the layout measures with. */
export const METRICS = {
  /** Box labels. */
  labelSize: 12,
  /** Sublabels, edge labels (tensor shapes). */
  smallSize: 10,
  /** Frame titles (bold). */
  frameLabelSize: 11,
  /** Height of a one-line box; a box with a sublabel is `boxHeight2`. */
  boxHeight: 26,
  boxHeight2: 38,
  /** Horizontal padding inside a box, each side. */
  boxPadding: 12,
  minLayerWidth: 84,
  minBlockWidth: 170,
  /** Between a box and the next one up (room for the edge's shape label). */
  rowGap: 30,
  /** Between parallel branches. */
  branchGap: 22,
  /** A merge box reaches this far beyond the outermost branch axes. */
  mergeOverhang: 28,
  mergeHeight: 24,
  /** Radius of the "+" of a residual addition. */
  addRadius: 11,
  /** Room left of a residual body for its identity shortcut. */
  skipLane: 26,
  /** Inside a frame (an opened block or repeat). */
  framePadding: 12,
  /** Below a frame's contents: room for the bus of edges fanning out to its first row. */
  frameBottom: 20,
  frameHeader: 20,
  /** Around the whole drawing. */
  margin: 16,
  /** How far an edge keeps from a box's corner where it leaves or enters. */
  edgeInset: 10,
} as const;
