import { useMemo } from 'react';
import { diffNetworks, type NetworkDiff } from '../../model/analysis/diff.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import type { NetworkDefinition, NetworkId } from '../../model/types.ts';
import type { DiffMark } from '../diagram/props.ts';
import { differenceText } from './diff-text.ts';
import { diffText } from '../i18n/diff.ts';
import type { DiffMessages } from '../i18n/en/diff.ts';
import { useMessages } from '../i18n/messages.ts';
import { markBoxes, type BoxIndex } from './marks.ts';
import { analysisOf, isWithin } from './resolve.ts';

export interface DiffItem {
  mark: DiffMark;
  text: string;
  /** Only the drawing order differs. */
  cosmetic: boolean;
  /** Where it is in the variant shown, if it exists there. */
  address?: string;
}

export interface DiffState {
  /** Marks per box of the current layout. */
  boxes: ReadonlyMap<string, DiffMark>;
  /** Sentences per node address of the variant shown. */
  notes: ReadonlyMap<string, string>;
  /** The readable list, limited to the block shown in a block view. */
  list: readonly DiffItem[];
}

const diffs = new Map<NetworkId, NetworkDiff | undefined>();

/** The paper-vs-released diff of a network (computed once), or undefined where one variant is missing. */
export function networkDiff(id: NetworkId): NetworkDiff | undefined {
  if (!diffs.has(id)) {
    const { paper, released } = NETWORKS[id];
    diffs.set(id, paper && released ? diffNetworks(analysisOf(paper), analysisOf(released)) : undefined);
  }
  return diffs.get(id);
}

/** What diff mode shows for `network` (its variant's side of the diff), limited to `scope` if given. */
export function diffState(network: NetworkDefinition, index: BoxIndex, scope?: string, words: DiffMessages = diffText.en): DiffState | undefined {
  const diff = networkDiff(network.id);
  if (!diff) return undefined;
  const side = network.variant;
  const marks = diff[side];
  const notes = new Map<string, string>();
  for (const d of diff.differences) {
    const address = d[side];
    if (address) notes.set(address, notes.has(address) ? `${notes.get(address)} ${differenceText(d, words)}` : differenceText(d, words));
  }
  const list = diff.differences
    .filter((d) => !scope || [d.paper, d.released].some((a) => a !== undefined && isWithin(a, scope)))
    .map((d): DiffItem => ({ mark: d.mark, text: differenceText(d, words), cosmetic: d.cosmetic, ...(d[side] ? { address: d[side] } : {}) }));
  return { boxes: markBoxes(index, marks, 'changed'), notes, list };
}

export function useDiff(network: NetworkDefinition, on: boolean, index: BoxIndex, scope?: string): DiffState | undefined {
  const words = useMessages(diffText);
  return useMemo(() => (on ? diffState(network, index, scope, words) : undefined), [network, on, index, scope, words]);
}
