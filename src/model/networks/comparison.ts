/**
 * What each network is compared with (the explorer's diff, `diffNetworks`): a paper network's paper
 * form with its released form; a small network's base, the released network it is derived from, with the
 * small one (its width multiplier given, so that scaled filters are said once); the no-shortcut twin's
 * residual twin with the twin. Inception-ResNet-v1 has one form and nothing to be compared with.
 */
import type { DiffOptions } from '../analysis/diff-types.ts';
import { SMALL_PRESETS, smallNetworkId } from '../small/spec.ts';
import type { NetworkDefinition, NetworkId } from '../types.ts';
import { isSmallNetworkId, NETWORKS } from './index.ts';

export interface Comparison {
  /** "paper-released": a network's two forms; "derived": `to` is derived from `from`. */
  kind: 'paper-released' | 'derived';
  /** The first network (the diff's "paper" side). */
  from: NetworkDefinition;
  /** The second network (the diff's "released" side). */
  to: NetworkDefinition;
  options: DiffOptions;
}

export function comparisonOf(id: NetworkId): Comparison | undefined {
  const { paper, released } = NETWORKS[id];
  if (!released) return undefined;
  if (!isSmallNetworkId(id)) {
    return paper ? { kind: 'paper-released', from: paper, to: released, options: {} } : undefined;
  }
  const spec = SMALL_PRESETS[id];
  if (!spec.shortcuts) {
    // Same spec with its shortcuts: the twins differ in nothing else.
    const twin = NETWORKS[smallNetworkId({ ...spec, shortcuts: true })].released!;
    return { kind: 'derived', from: twin, to: released, options: {} };
  }
  return { kind: 'derived', from: NETWORKS[spec.base].released!, to: released, options: { width: spec.width } };
}
