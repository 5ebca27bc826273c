/**
 * The same view in the other variant (Paper / Released): the same block where it exists there, and every
 * part of the state that exists on the other side — the selected node (matched by content, or its nearest
 * ancestor there), the opened blocks (each matched likewise), diff mode and the search.
 */
import { canExpand } from '../../layout/network.ts';
import { correspondingAddress } from '../../model/analysis/correspond.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import type { Variant } from '../../model/types.ts';
import { blockHref, networkHref, placeHref, type ViewOptions } from '../routes.ts';
import { analysisOf, blockOfStage, isWithin, type ExplorerView } from './resolve.ts';

export function variantHref(view: ExplorerView, other: Variant): string {
  const { network, analysis, stage, selected, options } = view;
  // A trained network has one variant, its own.
  if (view.place.trained) return placeHref(view.place);
  const target = NETWORKS[network.id][other];
  if (!target) return networkHref(network.id, network.variant);
  const there = analysisOf(target);
  // The attached photo goes along (the paper's view says it runs on the released network).
  const keep: ViewOptions = {
    ...(options.diff ? { diff: true } : {}),
    ...(options.q ? { q: options.q } : {}),
    ...(options.photo ? { photo: options.photo } : {}),
    ...(options.scale ? { scale: options.scale } : {}),
  };
  const stageThere = stage && there.byAddress.has(stage.address) ? stage.address : undefined;
  const inView = (address: string) =>
    !stageThere || isWithin(address, blockOfStage(there.byAddress.get(stageThere)!).address);
  if (selected) {
    const node = correspondingAddress(analysis, there, selected.address)?.address;
    if (node && inView(node)) keep.node = node;
  }
  if (!stageThere && options.expand === 'all') keep.expand = 'all';
  else if (!stageThere && options.expand) {
    const opened = new Set<string>();
    for (const address of options.expand) {
      const found = correspondingAddress(analysis, there, address);
      if (found?.exact && canExpand(there, found.address)) opened.add(found.address);
    }
    if (opened.size > 0) keep.expand = [...opened];
  }
  return stageThere ? blockHref(network.id, other, stageThere, keep) : networkHref(network.id, other, keep);
}
