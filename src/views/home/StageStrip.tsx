import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { alignStages, STAGE_GROUPS, type StageGroupId } from '../compare/stages.ts';
import { percent } from '../format.ts';

/** Short names for the key under the bar (the card is narrow). */
const SHORT: Readonly<Record<StageGroupId, string>> = {
  stem: 'Stem', 'grid-35': 'A blocks', 'reduction-a': 'Reduction-A', 'grid-17': 'B blocks', 'reduction-b': 'Reduction-B', 'grid-8': 'C blocks', head: 'Classifier',
};

/** What a stage group is, for its colour: the grids' blocks, the reductions between them, stem and classifier. */
function kindOf(group: StageGroupId): 'stem' | 'grid' | 'reduction' | 'head' {
  if (group === 'stem' || group === 'head') return group;
  return group.startsWith('grid') ? 'grid' : 'reduction';
}

/**
 * Where the multiply-adds go, stage by stage: one bar split in proportion, as a quick portrait of a
 * network, with a key under it naming every segment and its share (segments of a few pixels cannot hold
 * a label, and a clipped "Red-" helps nobody).
 */
export function StageStrip({ analysis }: { analysis: NetworkAnalysis }) {
  const aligned = alignStages(analysis);
  const titles = new Map(STAGE_GROUPS.map((g) => [g.id, g.title]));
  const label = `Multiply-adds by stage: ${aligned.map((a) => `${titles.get(a.group)} ${percent(a.macs / analysis.macs)}`).join(', ')}`;
  return (
    <figure className="stage-strip">
      <figcaption>Multiply-adds by stage</figcaption>
      <div className="stage-bar" role="img" aria-label={label}>
        {aligned.map((a) => {
          const share = a.macs / analysis.macs;
          return <span key={a.group} className={`segment segment-${kindOf(a.group)}`} style={{ flexGrow: share }} title={`${titles.get(a.group)}: ${percent(share)} of multiply-adds`} />;
        })}
      </div>
      <ol className="stage-key" aria-hidden="true">
        {aligned.map((a) => (
          <li key={a.group}><i className={`segment-${kindOf(a.group)}`} />{SHORT[a.group]} {percent(a.macs / analysis.macs)}</li>
        ))}
      </ol>
    </figure>
  );
}
