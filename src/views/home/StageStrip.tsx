import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { alignStages, STAGE_GROUPS } from '../compare/stages.ts';
import { percent } from '../format.ts';

const SHORT: Readonly<Record<string, string>> = {
  stem: 'Stem', 'grid-35': 'A', 'reduction-a': 'Red-A', 'grid-17': 'B', 'reduction-b': 'Red-B', 'grid-8': 'C', head: 'Head',
};

/** Where the multiply-adds go, stage by stage: one bar split in proportion, as a quick portrait of a network. */
export function StageStrip({ analysis }: { analysis: NetworkAnalysis }) {
  const aligned = alignStages(analysis);
  const titles = new Map(STAGE_GROUPS.map((g) => [g.id, g.title]));
  const label = `Multiply-adds by stage: ${aligned.map((a) => `${titles.get(a.group)} ${percent(a.macs / analysis.macs)}`).join(', ')}`;
  return (
    <div className="stage-strip" role="img" aria-label={label}>
      {aligned.map((a, i) => {
        const share = a.macs / analysis.macs;
        return (
          <span key={a.group} className={`segment segment-${i % 2}`} style={{ flexGrow: share }} title={`${titles.get(a.group)}: ${percent(share)} of multiply-adds`}>
            {share > 0.08 ? SHORT[a.group] : ''}
          </span>
        );
      })}
    </div>
  );
}
