/** The schema of a whole network (Figs. 9 and 15), with repeats and blocks rolled up or opened in place. */
import { walk, type NetworkAnalysis } from '../model/analysis/analyze.ts';
import { formatShape } from '../model/analysis/layer-shape.ts';
import { NETWORK } from './address.ts';
import { convertStage, inputBox, isExpandable, outputBox } from './convert.ts';
import { layoutItems } from './engine.ts';
import type { Item } from './items.ts';
import { reserveThumbnails, type LayoutOptions } from './thumbnails.ts';
import type { Expansion, Layout } from './types.ts';

/**
 * Input at the bottom, the stages upwards with their output shapes on the edges, the softmax on top.
 * Addresses in `expansion` are opened: a repeat shows its repetitions, a block its layers (recursively).
 */
export function layoutNetwork(
  analysis: NetworkAnalysis,
  expansion: Expansion = new Set(),
  options: LayoutOptions = {},
): Layout {
  const { network } = analysis;
  const input = formatShape(analysis.stages[0]?.input ?? network.input);
  const items: Item[] = [
    { type: 'box', box: inputBox(NETWORK, 'Input', input, false) },
    ...analysis.stages.map((stage) => convertStage(stage, { expansion })),
    { type: 'box', box: outputBox('Softmax', formatShape(analysis.output)) },
  ];
  const root: Item = { type: 'series', items };
  if (options.thumbnail) reserveThumbnails(root, options.thumbnail, options.thumbnails);
  return layoutItems(root, 'network', `${network.title} (${network.variant})`);
}

/** Every expandable address: the fully expanded graph, down to every layer. */
export function expandAll(analysis: NetworkAnalysis): Set<string> {
  const all = new Set<string>();
  for (const stage of analysis.stages) {
    for (const a of walk(stage)) if (isExpandable(a)) all.add(a.address);
  }
  return all;
}

/** Whether `address` can be rolled up or opened in `layoutNetwork`. */
export function canExpand(analysis: NetworkAnalysis, address: string): boolean {
  const a = analysis.byAddress.get(address);
  return a !== undefined && isExpandable(a);
}
