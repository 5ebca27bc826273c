/** Start, pause, resume, cancel; progress with photos per second and the time left; skipped images. */
import { useState } from 'react';
import { durationText } from '../../runtime/evaluation/duration-text.ts';
import { useModeWords } from './mode-words.ts';
import { skipReason, type ImageRecord } from '../../runtime/evaluation/records.ts';
import { ConfirmDialog } from '../shell/ConfirmDialog.tsx';
import type { SessionStatus } from '../../runtime/session/inference-session.ts';
import type { EvaluateState } from './evaluate-state.ts';
import { evaluateText } from '../i18n/evaluate.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSay, useSayFailure } from '../i18n/said.ts';

export interface RunPanelProps {
  state: EvaluateState;
  /** The inference session's status: what became of a worker that stopped under the run. */
  worker: SessionStatus;
  resumable: boolean;
  /** Why a new run cannot start, if it cannot. */
  startProblem?: string;
  skipped: readonly ImageRecord[];
  onStart: () => void;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
  onExport: () => void;
}

export function RunPanel({
  state,
  worker,
  resumable,
  startProblem,
  skipped,
  onStart,
  onPause,
  onResume,
  onCancel,
  onExport,
}: RunPanelProps) {
  const { run, status, progress } = state;
  const done = progress?.done ?? (state.summary ? state.summary.evaluated + state.summary.skipped.length : 0);
  const total = progress?.total ?? run?.total ?? 0;
  const running = status === 'running';
  const t = useMessages(evaluateText).runPanel;
  const say = useSay(evaluateText);
  const sayFailure = useSayFailure();
  const words = useModeWords();
  // Starting over discards the run's results: asked first when there are any.
  const [asking, setAsking] = useState(false);
  const hasResults = !!run && !!state.summary && state.summary.evaluated + state.summary.skipped.length > 0;
  const ask = t.confirmStartOver;
  return (
    <section className="run-panel" aria-label={t.label} data-status={status}>
      <div className="actions">
        {!running && (
          <button
            type="button"
            className={resumable ? undefined : 'button-primary'}
            disabled={!!startProblem}
            title={startProblem}
            onClick={() => (hasResults ? setAsking(true) : onStart())}
          >
            {run ? t.startOver : t.start}
          </button>
        )}
        {!running && resumable && (
          <button type="button" className="button-primary" disabled={!!startProblem} onClick={onResume}>
            {t.resume(done, total)}
          </button>
        )}
        {running && (
          <button type="button" onClick={onPause}>
            {t.pause}
          </button>
        )}
        {(running || status === 'paused') && (
          <button type="button" onClick={onCancel}>
            {t.cancel}
          </button>
        )}
        {hasResults && (
          <button type="button" onClick={onExport}>
            {t.export}
          </button>
        )}
      </div>
      {run && (
        <ConfirmDialog
          open={asking && hasResults && !running}
          title={ask.title}
          message={ask.message(words.mode(run.mode), run.datasetName, done, total)}
          confirm={ask.discard}
          keep={ask.keep}
          onKeep={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            onStart();
          }}
        />
      )}
      {startProblem && !running && <p className="meta">{startProblem}</p>}
      {run && (
        <div className="run-progress">
          <p>
            <strong className="run-status">{t.status[status]}</strong>
            {t.on(words.mode(run.mode), run.datasetName)}
          </p>
          <progress max={Math.max(total, 1)} value={done} aria-label={t.progressLabel} />
          <p
            className="meta figures"
            data-done={done}
            data-total={total}
            data-images-per-second={progress?.imagesPerSecond ?? 0}
          >
            {t.done(done, total)}
            {running && progress && progress.imagesPerSecond > 0 ? t.rate(progress.imagesPerSecond.toFixed(2)) : ''}
            {running && progress?.etaMs !== undefined && done < total ? t.left(durationText(progress.etaMs)) : ''}
            {skipped.length > 0 ? t.skipped(skipped.length) : ''}
          </p>
        </div>
      )}
      {state.error && (
        <p className="error" role="alert">
          {say(state.error)}
        </p>
      )}
      {state.workerStopped && status === 'paused' && (
        <p className="error" role="alert">
          {worker.phase === 'failed'
            ? t.workerGaveUp(worker.failure ? sayFailure(worker.failure) : '')
            : worker.phase === 'ready'
              ? t.workerBack
              : t.workerRestarting}
        </p>
      )}
      {state.storageNotice && (
        <p className="notice storage-notice" role={state.storageFailed ? 'alert' : 'status'}>
          {say(state.storageNotice)}
          {state.storageFailed && hasResults && (
            <>
              {' '}
              <button type="button" onClick={onExport}>
                {t.export}
              </button>
            </>
          )}
        </p>
      )}
      {skipped.length > 0 && (
        <details className="skipped-images" open={skipped.length <= 5}>
          <summary>{t.unreadable(skipped.length)}</summary>
          <ul>
            {skipped.map((r) => (
              <li key={r.index}>
                <code>{r.path}</code>:{' '}
                {skipReason({ path: r.path, error: r.failure ? sayFailure(r.failure) : r.error })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
