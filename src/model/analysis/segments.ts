/**
 * A network cut into segments: each top-level stage, except that a repeat is cut into its repetitions
 * ("inception-resnet-b/7"). Looking inside a network keeps the input of every segment, so that a later
 * request re-runs only the segment holding the asked-for nodes; the "through the network" chart has one
 * point per segment.
 */
import type { AnalyzedNode, NetworkAnalysis } from './analyze.ts';
import { nodeLabel } from './labels.ts';

export interface Segment {
  /** A top-level stage's address, or a repetition's ("inception-resnet-b/7"). */
  address: string;
  /** Position along depth, 0 = the first stage. */
  index: number;
  node: AnalyzedNode;
  /** The top-level stage holding it (itself, unless it is a repetition). */
  stage: AnalyzedNode;
  /** The repetition's index within the stage's repeat (0-based). */
  repetition?: number;
  /** "Stem", "Reduction-A", "Inception-ResNet-B 8" (repetitions numbered from 1). */
  label: string;
}

export function segmentsOf(analysis: NetworkAnalysis): Segment[] {
  const segments: Segment[] = [];
  for (const stage of analysis.stages) {
    const node = stage.node;
    if (node.kind === 'repeat') {
      const name = blockName(stage.children[0] ?? stage);
      stage.children.forEach((child, repetition) => {
        segments.push({
          address: child.address,
          index: segments.length,
          node: child,
          stage,
          repetition,
          label: `${name} ${repetition + 1}`,
        });
      });
    } else {
      segments.push({ address: stage.address, index: segments.length, node: stage, stage, label: blockName(stage) });
    }
  }
  return segments;
}

/** Where a node's output is computed: its segment, and the address to observe there. */
export interface SegmentSite {
  segment: Segment;
  /**
   * The node computing the output: the node itself, or for a whole repeat ("inception-resnet-b", shown
   * rolled up) its last repetition, whose output is the repeat's.
   */
  observed: string;
}

/** The segment computing `address`'s output, or undefined for an address that is no node. */
export function siteOf(
  segments: readonly Segment[],
  analysis: NetworkAnalysis,
  address: string,
): SegmentSite | undefined {
  const node = analysis.byAddress.get(address);
  if (!node) return undefined;
  const stageAddress = address.split('/')[0];
  const inStage = segments.filter((s) => s.stage.address === stageAddress);
  if (inStage.length === 0) return undefined;
  if (node.node.kind === 'repeat') {
    const last = inStage[inStage.length - 1];
    return { segment: last, observed: last.address };
  }
  const segment = inStage.find((s) => address === s.address || address.startsWith(`${s.address}/`));
  return segment && { segment, observed: address };
}

function blockName(n: AnalyzedNode): string {
  const node = n.node;
  return node.name ?? nodeLabel(node);
}
