import { useMemo } from 'react';
import { diffNetworks } from '../../model/analysis/diff.ts';
import type { NetworkDiff } from '../../model/analysis/diff-types.ts';
import { comparisonOf } from '../../model/networks/comparison.ts';
import type { NetworkDefinition, NetworkId } from '../../model/types.ts';
import type { DiffMark } from '../diagram/props.ts';
import { differenceText } from './diff-text.ts';
import { derivedDiffText, diffText } from '../i18n/diff.ts';
import type { DiffMessages } from '../i18n/en/diff.ts';
import type { explorer } from '../i18n/en/explorer.ts';
import { explorerText } from '../i18n/explorer.ts';
import type { Locale } from '../i18n/locale.ts';
import { useLocale } from '../i18n/useLocale.ts';
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
  /** What the network is compared with, as the diff list's heading says it ("Paper vs released"). */
  label: string;
  /** The title of the network a derived one is compared with (the boxes' words name it). */
  against?: string;
  /** Marks per box of the current layout. */
  boxes: ReadonlyMap<string, DiffMark>;
  /** Sentences per node address of the variant shown. */
  notes: ReadonlyMap<string, string>;
  /** The readable list, limited to the block shown in a block view. */
  list: readonly DiffItem[];
}

const diffs = new Map<NetworkId, NetworkDiff | undefined>();

/**
 * The diff of a network with what it is compared with (`comparisonOf`: its other form, or the network it
 * is derived from), computed once; undefined where there is nothing to compare with.
 */
export function networkDiff(id: NetworkId): NetworkDiff | undefined {
  if (!diffs.has(id)) {
    const comparison = comparisonOf(id);
    const { from, to, options } = comparison ?? {};
    diffs.set(id, from && to ? diffNetworks(analysisOf(from), analysisOf(to), options) : undefined);
  }
  return diffs.get(id);
}

/** The sentences for a network's comparison, naming its sides (paper and released, or two titles). */
function diffWords(id: NetworkId, locale: Locale): DiffMessages {
  const comparison = comparisonOf(id);
  if (comparison?.kind !== 'derived') return diffText[locale];
  return derivedDiffText[locale](comparison.from.title, comparison.to.title);
}

/** The diff button's and list's name for what `id` is compared with; undefined where nothing is. */
export function comparisonLabel(id: NetworkId, t: typeof explorer): string | undefined {
  const comparison = comparisonOf(id);
  if (!comparison) return undefined;
  return comparison.kind === 'derived' ? t.versus(comparison.from.title) : t.paperVsReleased;
}

/** What diff mode shows for `network` (its side of the diff), limited to `scope` if given. */
export function diffState(
  network: NetworkDefinition,
  index: BoxIndex,
  scope?: string,
  locale: Locale = 'en',
): DiffState | undefined {
  const diff = networkDiff(network.id);
  const label = comparisonLabel(network.id, explorerText[locale]);
  if (!diff || !label) return undefined;
  const words = diffWords(network.id, locale);
  // The side of the variant shown: a derived network is the second ("released") side of its comparison.
  const side = network.variant;
  const marks = diff[side];
  const notes = new Map<string, string>();
  for (const d of diff.differences) {
    const address = d[side];
    if (address)
      notes.set(
        address,
        notes.has(address) ? `${notes.get(address)} ${differenceText(d, words)}` : differenceText(d, words),
      );
  }
  const list = diff.differences
    .filter((d) => !scope || [d.paper, d.released].some((a) => a !== undefined && isWithin(a, scope)))
    .map((d): DiffItem => ({
      mark: d.mark,
      text: differenceText(d, words),
      cosmetic: d.cosmetic,
      ...(d[side] ? { address: d[side] } : {}),
    }));
  const comparison = comparisonOf(network.id);
  const against = comparison?.kind === 'derived' ? { against: comparison.from.title } : {};
  return { label, ...against, boxes: markBoxes(index, marks, 'changed'), notes, list };
}

export function useDiff(
  network: NetworkDefinition,
  on: boolean,
  index: BoxIndex,
  scope?: string,
): DiffState | undefined {
  const { locale } = useLocale();
  return useMemo(
    () => (on ? diffState(network, index, scope, locale) : undefined),
    [network, on, index, scope, locale],
  );
}
