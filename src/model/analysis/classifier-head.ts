/**
 * Where a network classifies: the feature map its global average pooling averages and the one linear
 * layer after it. For such a head the class activation map is exact (Zhou et al. 2016): the logit of
 * class c is the mean over the grid of CAM_c(h, w) = Σ_k W[c, k]·F[h, w, k], plus the bias b_c.
 */
import type { NetworkAnalysis } from './analyze.ts';

export interface ClassifierHead {
  /** The node whose output F is pooled (the stage before the head: "conv2d-7b-1x1", "inception-c"). */
  features: string;
  /** The global average pooling. */
  pool: string;
  /** The linear layer producing the logits. */
  dense: string;
}

/** The head, or undefined when the network does not end in global pooling, dropout and one linear layer. */
export function classifierHead(analysis: NetworkAnalysis): ClassifierHead | undefined {
  const stages = analysis.stages;
  const last = stages[stages.length - 1];
  if (!last || last.node.kind !== 'sequence') return undefined;
  const [pool, ...rest] = last.children;
  const dense = rest[rest.length - 1];
  const previous = stages[stages.length - 2];
  if (!pool || pool.node.kind !== 'global-avgpool' || !dense || dense.node.kind !== 'dense' || !previous)
    return undefined;
  if (rest.slice(0, -1).some((n) => n.node.kind !== 'dropout')) return undefined;
  if (previous.output.length !== 3) return undefined;
  return { features: previous.address, pool: pool.address, dense: dense.address };
}
