/**
 * Where a node sits, in the paper's words rather than its internal address: "inception-resnet-b/0/0/0/1/1"
 * is "Inception-ResNet-B › 1 of 20 › branch 2 of 3". Steps are the stage, the repetition of a repeated
 * block, the branch of a concatenation and any named block on the way; sequences and residual bodies
 * add nothing a reader would name.
 */
import type { NetworkAnalysis } from './analyze.ts';
import { stageName } from './diff.ts';

export function paperPath(analysis: NetworkAnalysis, address: string): string[] {
  const [stageId, ...indices] = address.split('/');
  const stage = analysis.byAddress.get(stageId);
  if (!stage || !analysis.byAddress.has(address)) return [];
  if (indices.length === 0) {
    return [`${analysis.network.title}, stage ${analysis.stages.indexOf(stage) + 1} of ${analysis.stages.length}`];
  }
  const steps = [stageName(stage.node)];
  let parent = stage;
  indices.forEach((part, i) => {
    const index = Number(part);
    const child = parent.children[index];
    if (parent.node.kind === 'repeat') steps.push(`${index + 1} of ${parent.children.length}`);
    else if (parent.node.kind === 'concat') steps.push(`branch ${index + 1} of ${parent.children.length}`);
    else if (child.node.name && i < indices.length - 1) steps.push(child.node.name);
    parent = child;
  });
  return steps;
}
