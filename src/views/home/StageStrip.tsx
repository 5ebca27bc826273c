import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { alignStages } from '../compare/stages.ts';
import { useMessages } from '../i18n/messages.ts';
import { pagesText } from '../i18n/pages.ts';
import { percent } from '../format.ts';

/**
 * Where the multiply-adds go, stage by stage: one bar split in proportion, as a quick portrait of a
 * network, with a key under it naming every segment and its share (segments of a few pixels cannot hold
 * a label, and a clipped "Red-" helps nobody). `sized`: the groups may be named by the paper's grids
 * (35×35, 17×17, 8×8); a small network's grids are others, so its groups go by their short names.
 */
export function StageStrip({ analysis, sized = true }: { analysis: NetworkAnalysis; sized?: boolean }) {
  const aligned = alignStages(analysis);
  const t = useMessages(pagesText).stages;
  const names = sized ? t.groups : t.short;
  const label = t.label(aligned.map((a) => `${names[a.group]} ${percent(a.macs / analysis.macs)}`).join(', '));
  return (
    <figure className="stage-strip">
      <figcaption>{t.caption}</figcaption>
      <div className="stage-bar" role="img" aria-label={label}>
        {aligned.map((a) => {
          const share = a.macs / analysis.macs;
          return (
            <span
              key={a.group}
              className={`segment segment-${a.group}`}
              style={{ flexGrow: share }}
              title={t.share(names[a.group], percent(share))}
            />
          );
        })}
      </div>
      <ol className="stage-key" aria-hidden="true">
        {aligned.map((a) => (
          <li key={a.group}>
            <i className={`segment-${a.group}`} />
            {t.short[a.group]} {percent(a.macs / analysis.macs)}
          </li>
        ))}
      </ol>
    </figure>
  );
}
