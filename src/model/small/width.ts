/** The width multiplier: every convolution keeps its place and kernel, with a fraction of its filters. */
import type { BlockInfo, NetworkDefinition, Node } from '../types.ts';
import { mapNetwork } from './map-nodes.ts';

/** `filters` × `width`, rounded to the nearest whole filter, never below one. */
export function scaledFilters(filters: number, width: number): number {
  return Math.max(1, Math.round(filters * width));
}

/**
 * Every convolution's filters scaled, and the filter counts a block names (Reduction-A's k, l, m, n of
 * Table 1 — the only block parameters the definitions have) scaled alike, so the inspector's numbers are
 * the layers'. Residual projections are scaled too; `fitProjections` then sets them to their input width.
 */
export function scaleWidth(network: NetworkDefinition, width: number): NetworkDefinition {
  const scaleBlock = (block: BlockInfo): BlockInfo =>
    block.params
      ? {
          ...block,
          params: Object.fromEntries(Object.entries(block.params).map(([name, n]) => [name, scaledFilters(n, width)])),
        }
      : block;
  return mapNetwork(network, (node: Node): Node => {
    if (node.kind === 'conv') return { ...node, filters: scaledFilters(node.filters, width) };
    if ('block' in node && node.block) return { ...node, block: scaleBlock(node.block) };
    return node;
  });
}
