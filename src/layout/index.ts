/**
 * Pure layout: analysed definitions to positioned boxes and edges (see `types.ts`). No React, no DOM.
 * Our own series-parallel layout rather than dagre or ELK: see the reasons at the top of `engine.ts`.
 */
export type * from './types.ts';
export { layoutBlock, resolveBlock, blockTitle } from './block.ts';
export { layoutNetwork, expandAll, canExpand } from './network.ts';
export { PAPER_FIGURES, SCHEMA_FIGURES, findFigure, findFigureIn } from './figures.ts';
export { neighbour, enclosingFrame, type Direction } from './navigate.ts';
export { nodeOf, roleOf, syntheticAddress, NETWORK } from './address.ts';
export { blockName } from './convert.ts';
export { layoutProblems } from './validate.ts';
export { labelCenterX, thumbnailRect, THUMBNAIL_INSET, type LayoutOptions } from './thumbnails.ts';
