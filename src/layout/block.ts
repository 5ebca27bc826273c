/** One block drawn like the paper's figures: input bar at the bottom, branches side by side, output on top. */
import type { AnalyzedNode, NetworkAnalysis } from '../model/analysis/analyze.ts';
import { formatShape } from '../model/analysis/layer-shape.ts';
import { blockName, convertContent, inputBox, inputLabel } from './convert.ts';
import { layoutItems } from './engine.ts';
import { topBox, withSublabel, type Item } from './items.ts';
import { reserveThumbnails, type LayoutOptions } from './thumbnails.ts';
import type { Layout } from './types.ts';

/**
 * Lays out the block at `address` (an `AnalyzedNode.address`; a repeat stands for its first repetition).
 * Throws an Error naming the network and the address when there is no such node.
 */
export function layoutBlock(analysis: NetworkAnalysis, address: string, options: LayoutOptions = {}): Layout {
  const block = resolveBlock(analysis, address);
  const content = convertContent(block, {});
  const top = topBox(content);
  // The block's output shape under its top box, as the input shape under its input bar.
  if (top && !top.sublabel) withSublabel(top, formatShape(block.output));
  const input = inputBox(block.address, inputLabel(analysis, block), formatShape(block.input), true);
  const root: Item = { type: 'series', items: [{ type: 'box', box: input }, content] };
  if (options.thumbnail) reserveThumbnails(root, options.thumbnail, options.thumbnails);
  return layoutItems(root, 'block', blockTitle(block));
}

/** The node `layoutBlock` draws for `address`. */
export function resolveBlock(analysis: NetworkAnalysis, address: string): AnalyzedNode {
  const found = analysis.byAddress.get(address);
  if (!found) {
    const { title, variant } = analysis.network;
    throw new Error(`${title} (${variant}) has no block or layer at "${address}"`);
  }
  return found.node.kind === 'repeat' && found.children.length > 0 ? found.children[0] : found;
}

/**
 * "Inception-ResNet-B (Fig. 17)", "Mixed_5b", "Inception-ResNet-C (Block8)". `withFigure` words a block
 * and its figure (a page passes its reader's language: "Inception-ResNet-B（图 17）").
 */
export function blockTitle(
  a: AnalyzedNode,
  withFigure: (name: string, figure: number | string) => string = (name, figure) => `${name} (Fig. ${figure})`,
): string {
  const name = blockName(a.node);
  const block = 'block' in a.node ? a.node.block : undefined;
  if (block?.figure) return withFigure(name, block.figure);
  if (block?.releasedName && block.releasedName !== name) return `${name} (${block.releasedName})`;
  return name;
}
