/** Where a node's input comes from: the node whose output it is (data flow of the definition's tree). */
import type { AnalyzedNode, NetworkAnalysis } from './analyze.ts';

/**
 * The node whose output is `a`'s input, or undefined when it is the network's input. In a sequence or
 * repeat that is the previous child; the first child, a branch of a concatenation and a residual's body
 * take their parent's input.
 */
export function producerOf(analysis: NetworkAnalysis, a: AnalyzedNode): AnalyzedNode | undefined {
  const slash = a.address.lastIndexOf('/');
  if (slash < 0) {
    const index = analysis.stages.indexOf(a);
    return index > 0 ? analysis.stages[index - 1] : undefined;
  }
  const parent = analysis.byAddress.get(a.address.slice(0, slash));
  if (!parent) return undefined;
  const index = Number(a.address.slice(slash + 1));
  if ((parent.node.kind === 'sequence' || parent.node.kind === 'repeat') && index > 0)
    return parent.children[index - 1];
  return producerOf(analysis, parent);
}
