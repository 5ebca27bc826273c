/**
 * The shape problems of an analysis as facts to be worded (written for the paper Inception-ResNet-v2's
 * residual width mismatches): for a residual whose input and projection widths differ, the numbers, where
 * the input comes from and how it adds up, and what the released network has. The views say it in the
 * reader's language (views/explorer/problem-words.ts); a problem of another kind keeps its message.
 */
import type { AnalyzedNode, NetworkAnalysis } from './analyze.ts';
import { stageName } from './diff.ts';

/** A stage's output width and how it adds up ("384 + 384 + 384 = 1152"). */
export interface WidthSource {
  /** The stage's name: "Reduction-A". */
  name: string;
  width: number;
  sum: string;
}

export type ProblemExplanation = { address: string; message: string } & (
  | { kind: 'other'; node: string }
  | {
      kind: 'residual-width';
      /** The residual block's name and the paper's figure that draws it. */
      block: string;
      figure?: number | string;
      /** Channels of its input and of its Linear 1×1 projection. */
      input: number;
      projection: number;
      /** The stage whose output is the input. */
      from?: WidthSource;
      /** The released network's widths at the same place. */
      released?: { from: WidthSource; projection: number };
    }
);

const channels = (a: AnalyzedNode) => a.output[a.output.length - 1] ?? 0;

/** The stage before the one holding `address`, and how its output width adds up. */
function producer(analysis: NetworkAnalysis, address: string): WidthSource | undefined {
  const index = analysis.stages.findIndex((s) => s.address === address.split('/')[0]);
  const stage = analysis.stages[index - 1];
  if (!stage) return undefined;
  const block = stage.node.kind === 'repeat' ? stage.children[stage.children.length - 1] : stage;
  const sum =
    block.node.kind === 'concat'
      ? `${block.children.map(channels).join(' + ')} = ${channels(block)}`
      : `${channels(block)}`;
  return { name: stageName(stage.node), width: channels(block), sum };
}

/** The shape problems of an analysis as facts, with the released network's widths where `released` is given. */
export function explainProblems(analysis: NetworkAnalysis, released?: NetworkAnalysis): ProblemExplanation[] {
  return analysis.problems.map((problem): ProblemExplanation => {
    const node = analysis.byAddress.get(problem.address);
    const base = { address: problem.address, message: problem.message };
    if (!node || node.node.kind !== 'residual') return { ...base, kind: 'other', node: problem.node };
    const from = producer(analysis, problem.address);
    const twin = released?.stages.find((s) => s.address === problem.address.split('/')[0]);
    const twinBlock = twin?.node.kind === 'repeat' ? twin.children[0] : twin;
    const twinFrom = released ? producer(released, problem.address) : undefined;
    const figure = node.node.block?.figure;
    return {
      ...base,
      kind: 'residual-width',
      block: stageName(node.node),
      ...(figure !== undefined ? { figure } : {}),
      input: node.input[node.input.length - 1],
      projection: channels(node.children[0]),
      ...(from ? { from } : {}),
      ...(twinBlock && twinFrom
        ? { released: { from: twinFrom, projection: channels(twinBlock.children[0] ?? twinBlock) } }
        : {}),
    };
  });
}
