/**
 * Where a node sits, in the paper's terms rather than its internal address: "inception-resnet-b/0/0/0/1/1"
 * is the stage Inception-ResNet-B, repetition 1 of 20, branch 2 of 2 (the views word it: "Inception-ResNet-B
 * › 1 of 20 › branch 2 of 2"). Steps are the stage, the repetition of a repeated block, the branch of a
 * concatenation and any named block on the way; sequences and residual bodies add nothing a reader would name.
 */
import type { NetworkAnalysis } from './analyze.ts';
import { stageName } from './diff.ts';

export type PathStep =
  /** A whole stage: its place in the network. */
  | { kind: 'stage-of'; network: string; index: number; count: number }
  /** A block by its paper (or released) name: the stage, or a named block on the way. */
  | { kind: 'name'; name: string }
  | { kind: 'repetition'; index: number; count: number }
  | { kind: 'branch'; index: number; count: number };

/** The steps to `address` (1-based indices); none for an unknown address. */
export function paperPath(analysis: NetworkAnalysis, address: string): PathStep[] {
  const [stageId, ...indices] = address.split('/');
  const stage = analysis.byAddress.get(stageId);
  if (!stage || !analysis.byAddress.has(address)) return [];
  if (indices.length === 0) {
    return [
      {
        kind: 'stage-of',
        network: analysis.network.title,
        index: analysis.stages.indexOf(stage) + 1,
        count: analysis.stages.length,
      },
    ];
  }
  const steps: PathStep[] = [{ kind: 'name', name: stageName(stage.node) }];
  let parent = stage;
  indices.forEach((part, i) => {
    const index = Number(part);
    const child = parent.children[index];
    if (parent.node.kind === 'repeat')
      steps.push({ kind: 'repetition', index: index + 1, count: parent.children.length });
    else if (parent.node.kind === 'concat')
      steps.push({ kind: 'branch', index: index + 1, count: parent.children.length });
    else if (child.node.name && i < indices.length - 1) steps.push({ kind: 'name', name: child.node.name });
    parent = child;
  });
  return steps;
}
