/**
 * The paper-vs-released differences (model/analysis/diff.ts, data) in words: one sentence each, as the
 * explorer's diff list and the diagram's notes show them.
 */
import type { Difference } from '../../model/analysis/diff.ts';
import { formatShape } from '../../model/analysis/layer-shape.ts';

const activation = (a: 'relu' | 'linear') => (a === 'relu' ? 'a ReLU' : 'no activation');

export function differenceText({ stage, detail }: Difference): string {
  switch (detail.kind) {
    case 'stage-removed':
      return `${stage} is not in the released network.`;
    case 'stage-added': {
      const what = detail.repeats !== undefined
        ? `One more ${stage}, after the ${detail.repeats} before it,`
        : `${stage}${detail.layer !== undefined ? ` (${detail.layer})` : ''}`;
      return `${what} is not in the paper (output ${formatShape(detail.output)}).${detail.note ? ` ${detail.note}` : ''}`;
    }
    case 'repeats': {
      const extra = detail.split?.slice(1) ?? [];
      const split = detail.split && extra.length
        ? ` (${detail.split[0]} + ${extra.join(' + ')} as separate ${extra.length > 1 ? 'stages' : 'stage'})` : '';
      return `${stage}: ${detail.paper} repetitions in the paper, ${detail.released} released${split}.`;
    }
    case 'output-shape':
      return detail.sameLayers
        ? `${stage}: the same layers, but its input differs, so it outputs ${formatShape(detail.paper)} in the paper and ${formatShape(detail.released)} released.`
        : `${stage}: outputs ${formatShape(detail.paper)} in the paper, ${formatShape(detail.released)} released.`;
    case 'layer':
      return `${stage}: ${detail.paper} in the paper, ${detail.released} released.`;
    case 'kernel-order':
      return `${stage}: asymmetric kernels in the other order (paper → released: ${detail.pairs.map((p) => `${p.paper} → ${p.released}`).join('; ')}); same parameters.`;
    case 'residual-scale':
      return `${stage}: residual scale ${detail.paper} in the paper, ${detail.released} released.`;
    case 'activation':
      return `${stage}: ${activation(detail.paper)} after the addition in the paper, ${activation(detail.released)} released.`;
    case 'branch-removed':
      return `${stage}: the branch starting with ${detail.first} is not in the released network.`;
    case 'branch-added':
      return `${stage}: the branch starting with ${detail.first} is not in the paper.`;
    case 'branch-order':
      return `${stage}: the branches are drawn in another order than the released code concatenates them (paper: ${detail.paper.join(' | ')}; released: ${detail.released.join(' | ')}); the weights follow the code's order.`;
    case 'replaced':
      return `${stage}: ${detail.removed.length ? `the paper's ${detail.removed.join(', ')}` : 'nothing of the paper'} replaced by ${detail.added.length ? detail.added.join(', ') : 'nothing'} in the released network.`;
  }
}
