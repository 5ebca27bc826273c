/**
 * The §3.3 monitor: how large each residual group's scaled branch is against its shortcut, and whether
 * the last layer before the average pooling has "died" (the paper's symptom: it produced only zeros).
 */
import * as tf from '@tensorflow/tfjs-core';
import { walk, type NetworkAnalysis } from '../../model/analysis/analyze.ts';
import type { ResidualGroup } from '../../model/analysis/residual-groups.ts';
import type { ResidualProbe, Tap } from '../executor/run-options.ts';

export interface Monitor {
  /** Per residual group (its stage address): the mean over its blocks of ‖s·r‖/‖x‖ over the batch. */
  groups: Record<string, number>;
  /** The fraction of exact zeros in the output of the last layer before global average pooling. */
  zeroFraction: number;
}

/**
 * The node whose output the global average pooling reads: the outermost node ending just before it (a
 * whole top-level stage, e.g. Inception-ResNet-v2's conv2d_7b, or a repeat, whose taps observe its last
 * repetition). Throws for a network without global average pooling.
 */
export function beforeGlobalPooling(analysis: NetworkAnalysis): string {
  const order = analysis.stages.flatMap((s) => [...walk(s)]);
  const pool = order.findIndex((n) => n.node.kind === 'global-avgpool');
  if (pool < 0) throw new Error(`${analysis.network.title} has no global average pooling: nothing to monitor`);
  const target = order[pool].address;
  const contains = (i: number) => target.startsWith(`${order[i].address}/`);
  // The pooling's enclosing nodes that start right before it (the head's sequence), then what ends there.
  let start = pool;
  while (start > 0 && contains(start - 1)) start -= 1;
  const before = order.findIndex((n, i) => i < start && !contains(i) && i + [...walk(n)].length === start);
  if (before < 0) {
    throw new Error(`${analysis.network.title} has no layer before its global average pooling: nothing to monitor`);
  }
  return order[before].address;
}

/** The tap that reduces a layer's output to its fraction of exact zeros (a scalar). */
export const zeroFractionTap: Tap = (y) => tf.mean(tf.cast(tf.equal(y, 0), 'float32'));

/** Per group, the mean over its blocks of scale·‖r‖/‖x‖, from the run's residual probes (read back). */
export async function residualRatios(
  groups: readonly ResidualGroup[],
  probes: ReadonlyMap<string, ResidualProbe>,
): Promise<Record<string, number>> {
  const sums = new Map<string, { total: number; count: number }>();
  for (const [address, probe] of probes) {
    const group = address.split('/')[0];
    if (!groups.some((g) => g.address === group)) continue;
    const [x, r] = await probe.norms.data();
    const entry = sums.get(group) ?? { total: 0, count: 0 };
    entry.total += (probe.scale * r) / x;
    entry.count += 1;
    sums.set(group, entry);
  }
  return Object.fromEntries(
    groups
      .filter((g) => sums.has(g.address))
      .map((g) => {
        const { total, count } = sums.get(g.address)!;
        return [g.address, total / count];
      }),
  );
}
