/**
 * The shape problems of an analysis in words: a title and one paragraph each, computed from the
 * analyses (written for the paper Inception-ResNet-v2's residual width mismatches).
 */
import type { AnalyzedNode, NetworkAnalysis } from './analyze.ts';
import { stageName } from './diff.ts';

export interface ProblemExplanation {
  address: string;
  /** "1152 vs 1154 channels" */
  title: string;
  message: string;
  /** One paragraph: what does not add up, where the numbers come from, what the released network does. */
  explanation: string;
}

const channels = (a: AnalyzedNode) => a.output[a.output.length - 1] ?? 0;

/** The stage before the one holding `address`, and how its output width adds up ("384 + 384 + 384"). */
function producer(analysis: NetworkAnalysis, address: string): { name: string; width: number; sum: string } | undefined {
  const index = analysis.stages.findIndex((s) => s.address === address.split('/')[0]);
  const stage = analysis.stages[index - 1];
  if (!stage) return undefined;
  const block = stage.node.kind === 'repeat' ? stage.children[stage.children.length - 1] : stage;
  const sum = block.node.kind === 'concat' ? `${block.children.map(channels).join(' + ')} = ${channels(block)}` : `${channels(block)}`;
  return { name: stageName(stage.node), width: channels(block), sum };
}

/**
 * The shape problems of an analysis explained in a paragraph each, with the released network's widths
 * where `released` is given. Written for the paper Inception-ResNet-v2's residual width mismatches
 * (1152 vs 1154, 2146 vs 2048), in words computed from the analyses; other problems keep their message.
 */
export function explainProblems(analysis: NetworkAnalysis, released?: NetworkAnalysis): ProblemExplanation[] {
  return analysis.problems.map((problem) => {
    const node = analysis.byAddress.get(problem.address);
    const base = { address: problem.address, message: problem.message };
    if (!node || node.node.kind !== 'residual') return { ...base, title: 'Shape problem', explanation: `${problem.node}: ${problem.message}.` };
    const name = stageName(node.node);
    const figure = node.node.block?.figure ? ` (Fig. ${node.node.block.figure})` : '';
    const input = node.input[node.input.length - 1];
    const projection = channels(node.children[0]);
    const from = producer(analysis, problem.address);
    const difference = projection > input ? `${projection - input} more` : `${input - projection} fewer`;
    const parts = [
      `${name}${figure} adds its input to the output of its Linear 1×1 projection, so both must have the same number of channels.`,
      `Its input has ${input}${from ? `, the output of ${from.name} (${from.sum})` : ''}, but the projection has ${projection} filters, ${difference}.`,
      `The paper's figures do not add up here, so this variant cannot be built exactly as drawn; the explorer carries on with the projection's ${projection} channels to show the rest of the network.`,
    ];
    const twin = released?.stages.find((s) => s.address === problem.address.split('/')[0]);
    const twinBlock = twin?.node.kind === 'repeat' ? twin.children[0] : twin;
    const twinFrom = released ? producer(released, problem.address) : undefined;
    if (twinBlock && twinFrom) {
      parts.push(`The released network's widths agree: its ${twinFrom.name} outputs ${twinFrom.sum} channels and its ${name} projects to ${channels(twinBlock.children[0] ?? twinBlock)}.`);
    }
    return { ...base, title: `${input} vs ${projection} channels`, explanation: parts.join(' ') };
  });
}
