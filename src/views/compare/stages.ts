/**
 * The three networks aligned stage by stage: every network is a stem, blocks on the 35×35 grid, a
 * reduction to 17×17, blocks on it, a reduction to 8×8, blocks on it and a classifier. Stages are grouped
 * by that role so the compare view can put them side by side.
 */
import type { AnalyzedNode, NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { nodeLabel } from '../../model/analysis/labels.ts';

export type StageGroupId = 'stem' | 'grid-35' | 'reduction-a' | 'grid-17' | 'reduction-b' | 'grid-8' | 'head';

/** The groups in order; their names are in the catalogues (`i18n/en/pages.ts`, `stages.groups`). */
export const STAGE_GROUPS: ReadonlyArray<{ id: StageGroupId }> = [
  { id: 'stem' },
  { id: 'grid-35' },
  { id: 'reduction-a' },
  { id: 'grid-17' },
  { id: 'reduction-b' },
  { id: 'grid-8' },
  { id: 'head' },
];

/**
 * Stage address → group. The released Inception-ResNet-v2's Mixed_5b completes its smaller stem; its final Block8 and
 * Conv2d_7b belong to the 8×8 part.
 */
const GROUP_OF_STAGE: Readonly<Record<string, StageGroupId>> = {
  stem: 'stem',
  'mixed-5b': 'stem',
  'inception-a': 'grid-35',
  'inception-resnet-a': 'grid-35',
  'reduction-a': 'reduction-a',
  'inception-b': 'grid-17',
  'inception-resnet-b': 'grid-17',
  'reduction-b': 'reduction-b',
  'inception-c': 'grid-8',
  'inception-resnet-c': 'grid-8',
  'inception-resnet-c-final': 'grid-8',
  'conv2d-7b-1x1': 'grid-8',
  head: 'head',
};

export interface AlignedStage {
  group: StageGroupId;
  /** The stages of one network in this group, e.g. "10 × Inception-ResNet-A". */
  stages: AnalyzedNode[];
  labels: string[];
  params: number;
  macs: number;
  /** Output shape of the group's last stage. */
  output: readonly number[];
}

/** One entry per group, in order; throws if a stage has no group (a new network needs a mapping). */
export function alignStages(analysis: NetworkAnalysis): AlignedStage[] {
  const byGroup = new Map<StageGroupId, AnalyzedNode[]>();
  for (const stage of analysis.stages) {
    const group = GROUP_OF_STAGE[stage.address];
    if (!group)
      throw new Error(
        `stage "${stage.address}" of ${analysis.network.id} (${analysis.network.variant}) has no place in the comparison`,
      );
    byGroup.set(group, [...(byGroup.get(group) ?? []), stage]);
  }
  return STAGE_GROUPS.map(({ id }) => {
    const stages = byGroup.get(id) ?? [];
    return {
      group: id,
      stages,
      labels: stages.map((s) => stageLabel(s)),
      params: stages.reduce((n, s) => n + s.params, 0),
      macs: stages.reduce((n, s) => n + s.macs, 0),
      output: stages.at(-1)?.output ?? [],
    };
  });
}

/** "10 × Inception-ResNet-A", "Mixed_5b", "Conv2d_7b_1x1": a stage as the paper or the released code names it. */
export function stageLabel(stage: AnalyzedNode): string {
  const { node } = stage;
  if (node.kind === 'repeat') return `${node.count} × ${node.body.name ?? nodeLabel(node.body)}`;
  return node.name ?? nodeLabel(node);
}
