/**
 * Which node's output each box's thumbnail shows: the box's own node (a repeat shows its last
 * repetition's output, an activation box its residual block's), the producer of a block's input for the
 * input bar under a block, and the photo itself for the network's input box.
 */
import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { producerOf } from '../../model/analysis/producer.ts';
import { NETWORK, nodeOf, roleOf } from '../../layout/address.ts';
import type { Layout } from '../../layout/types.ts';

/** "photo": the crop the network saw. */
export type ThumbnailTarget = string | 'photo';

export function thumbnailTargets(analysis: NetworkAnalysis, layout: Layout): Map<string, ThumbnailTarget> {
  const targets = new Map<string, ThumbnailTarget>();
  for (const box of layout.boxes) {
    if (!box.thumbnail) continue;
    const node = nodeOf(box.address);
    if (roleOf(box.address) === 'input') {
      const consumer = analysis.byAddress.get(node);
      const producer = node === NETWORK || !consumer ? undefined : producerOf(analysis, consumer);
      targets.set(box.address, producer?.address ?? 'photo');
    } else if (analysis.byAddress.has(node)) {
      targets.set(box.address, node);
    }
  }
  return targets;
}

/** The distinct node addresses among targets. */
export function targetNodes(targets: ReadonlyMap<string, ThumbnailTarget>): string[] {
  return [...new Set([...targets.values()].filter((t) => t !== 'photo'))];
}
