/**
 * The differences between two networks (model/analysis/diff.ts, data) in words: one sentence each, as the
 * explorer's diff list and the diagram's notes show them, in the reader's language and naming the sides
 * as the comparison does (`i18n/en/diff.ts`, `i18n/zh/diff.ts`: paper and released, or two titles).
 */
import type { Difference } from '../../model/analysis/diff-types.ts';
import { formatShape } from '../../model/analysis/layer-shape.ts';
import { diffText } from '../i18n/diff.ts';
import type { DiffMessages } from '../i18n/en/diff.ts';

/** The widest filter counts a width difference names. */
const WIDTH_EXAMPLES = 4;

export function differenceText({ stage, detail }: Difference, words: DiffMessages = diffText.en): string {
  switch (detail.kind) {
    case 'stage-removed':
      return words.stageRemoved(stage);
    case 'stage-added': {
      const what =
        detail.position !== undefined && detail.total !== undefined
          ? words.separateRepeat(stage, detail.position, detail.total)
          : `${stage}${detail.layer !== undefined ? ` (${detail.layer})` : ''}`;
      return `${words.stageAdded(what, formatShape(detail.output))}${detail.note ? ` ${words.blockNote(detail.note)}` : ''}`;
    }
    case 'repeats': {
      const extra = detail.split?.slice(1) ?? [];
      const split = detail.split && extra.length ? words.split(detail.split[0]!, extra) : '';
      return words.repeats(stage, detail.paper, detail.released, split);
    }
    case 'output-shape':
      return (detail.sameLayers ? words.outputSameLayers : words.output)(
        stage,
        formatShape(detail.paper),
        formatShape(detail.released),
      );
    case 'layer':
      return words.layer(stage, detail.paper, detail.released);
    case 'kernel-order':
      return words.kernelOrder(
        stage,
        detail.pairs.map((p) => `${p.paper} → ${p.released}`),
      );
    case 'residual-scale':
      return words.residualScale(stage, detail.paper, detail.released);
    case 'activation':
      return words.activation(stage, detail.paper, detail.released);
    case 'branch-removed':
      return words.branchRemoved(stage, detail.first);
    case 'branch-added':
      return words.branchAdded(stage, detail.first);
    case 'branch-order':
      return words.branchOrder(stage, detail.paper.join(' | '), detail.released.join(' | '));
    case 'replaced':
      return `${words.replaced(stage, detail.removed, detail.added)}${detail.note ? ` ${words.blockNote(detail.note)}` : ''}`;
    case 'input':
      return words.input(formatShape(detail.paper), formatShape(detail.released));
    case 'width':
      return words.width(`×${detail.width}`, [
        ...detail.examples.slice(0, WIDTH_EXAMPLES).map(([a, b]) => `${a} → ${b}`),
        ...(detail.examples.length > WIDTH_EXAMPLES ? ['…'] : []),
      ]);
    case 'classes':
      return words.classes(stage, detail.paper, detail.released);
    case 'shortcut-removed':
      return words.shortcutRemoved(stage, detail.activation, detail.scale);
  }
}
