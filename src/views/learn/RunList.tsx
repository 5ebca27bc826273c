/** The runs kept in this browser: open one, overlay one on the run shown, or delete it. */
import { learnText } from '../i18n/learn.ts';
import { useMessages } from '../i18n/messages.ts';
import type { StoredRun } from './persistence.ts';

export interface RunListProps {
  runs: readonly StoredRun[];
  shownId?: string;
  comparedId?: string;
  /** The run the worker holds: it cannot be deleted. */
  liveId?: string;
  /** Epochs completed by each run, where known. */
  date: (ms: number) => string;
  onOpen: (runId: string) => void;
  onCompare: (runId: string | undefined) => void;
  onRemove: (runId: string) => void;
}

export function RunList({ runs, shownId, comparedId, liveId, date, onOpen, onCompare, onRemove }: RunListProps) {
  const words = useMessages(learnText);
  const t = words.runs;
  if (runs.length === 0) return <p className="meta">{t.none}</p>;
  return (
    <ul className="learn-runs">
      {runs.map((run) => {
        const when = date(run.startedAt);
        const shown = run.runId === shownId;
        const compared = run.runId === comparedId;
        return (
          <li key={run.runId} data-run={run.runId} aria-current={shown ? 'true' : undefined}>
            <span className="summary">
              {t.summary(when, run.networks.length, run.settings.epochs)}
              {' · '}
              {words.run.phase[run.phase]}
              {shown ? ` · ${t.shown}` : ''}
            </span>
            <span className="actions">
              {!shown && (
                <button
                  type="button"
                  className="quiet"
                  aria-label={t.openLabel(when)}
                  onClick={() => onOpen(run.runId)}
                >
                  {t.open}
                </button>
              )}
              {!shown &&
                (compared ? (
                  <button type="button" className="quiet" onClick={() => onCompare(undefined)}>
                    {t.uncompare}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="quiet"
                    aria-label={t.compareLabel(when)}
                    onClick={() => onCompare(run.runId)}
                  >
                    {t.compare}
                  </button>
                ))}
              {run.runId !== liveId && (
                <button
                  type="button"
                  className="quiet"
                  aria-label={t.removeLabel(when)}
                  onClick={() => onRemove(run.runId)}
                >
                  {t.remove}
                </button>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
