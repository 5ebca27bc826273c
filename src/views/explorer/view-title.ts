import { blockTitle } from '../../layout/block.ts';
import type { ExplorerMessages } from '../i18n/en/explorer.ts';
import type { ExplorerView } from './resolve.ts';

/**
 * What a view is called, in the reader's language: `here` is the network in its form ("Inception-v4
 * (released)"; a trained network's own title), `title` the block shown ("Inception-ResNet-B (Fig. 17)",
 * "Inception-ResNet-B（图 17）") or, in the network view, `here`.
 */
export function viewTitle(view: ExplorerView, t: ExplorerMessages): { here: string; title: string } {
  const { network, block } = view;
  const here = view.place.trained !== undefined ? network.title : t.networkHere(network.title, network.variant);
  return { here, title: block ? blockTitle(block, t.panel.blockWithFigure) : here };
}
