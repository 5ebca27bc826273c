/** A node's place (model/analysis/paper-path.ts) in words: "Inception-ResNet-B › 1 of 20 › branch 2 of 2". */
import type { PathStep } from '../../model/analysis/paper-path.ts';
import type { InspectorMessages } from '../i18n/en/inspector.ts';

export function pathText(steps: readonly PathStep[], words: InspectorMessages['path']): string {
  return steps
    .map((step) => {
      switch (step.kind) {
        case 'stage-of':
          return words.stageOf(step.network, step.index, step.count);
        case 'name':
          return step.name;
        case 'repetition':
          return words.repetition(step.index, step.count);
        case 'branch':
          return words.branch(step.index, step.count);
      }
    })
    .join(' › ');
}
