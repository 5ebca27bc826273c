/** Start, pause, resume, cancel; progress with photos per second and the time left; skipped images. */
import { durationText } from '../../runtime/evaluation/duration-text.ts';
import { modeTitle } from '../../runtime/evaluation/mode.ts';
import { skipReason, type ImageRecord } from '../../runtime/evaluation/records.ts';
import type { EvaluateState } from './evaluate-store.ts';

export interface RunPanelProps {
  state: EvaluateState;
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

const STATUS_TEXT = { idle: '', running: 'Running', paused: 'Paused', done: 'Finished', cancelled: 'Cancelled' } as const;

export function RunPanel({ state, resumable, startProblem, skipped, onStart, onPause, onResume, onCancel, onExport }: RunPanelProps) {
  const { run, status, progress } = state;
  const done = progress?.done ?? (state.summary ? state.summary.evaluated + state.summary.skipped.length : 0);
  const total = progress?.total ?? run?.total ?? 0;
  const running = status === 'running';
  return (
    <section className="run-panel" aria-label="Run" data-status={status}>
      <div className="actions">
        {!running && (
          <button type="button" className={resumable ? undefined : 'button-primary'} disabled={!!startProblem} title={startProblem} onClick={onStart}>
            {run ? 'Start over' : 'Start'}
          </button>
        )}
        {!running && resumable && <button type="button" className="button-primary" disabled={!!startProblem} onClick={onResume}>Resume ({done} of {total} done)</button>}
        {running && <button type="button" onClick={onPause}>Pause</button>}
        {(running || status === 'paused') && <button type="button" onClick={onCancel}>Cancel</button>}
        {run && state.summary && state.summary.evaluated + state.summary.skipped.length > 0 && (
          <button type="button" onClick={onExport}>Export predictions (CSV)</button>
        )}
      </div>
      {startProblem && !running && <p className="meta">{startProblem}</p>}
      {run && (
        <div className="run-progress">
          <p>
            <strong className="run-status">{STATUS_TEXT[status]}</strong>: {modeTitle(run.mode)} on “{run.datasetName}”
          </p>
          <progress max={Math.max(total, 1)} value={done} aria-label="Images evaluated" />
          <p className="meta figures" data-done={done} data-total={total} data-images-per-second={progress?.imagesPerSecond ?? 0}>
            {done} of {total} images
            {running && progress && progress.imagesPerSecond > 0 ? ` · ${progress.imagesPerSecond.toFixed(2)} images/s` : ''}
            {running && progress?.etaMs !== undefined && done < total ? ` · about ${durationText(progress.etaMs)} left` : ''}
            {skipped.length > 0 ? ` · ${skipped.length} skipped` : ''}
          </p>
        </div>
      )}
      {state.error && <p className="error" role="alert">{state.error}</p>}
      {state.storageNotice && <p className="notice" role="status">{state.storageNotice}</p>}
      {skipped.length > 0 && (
        <details className="skipped-images" open={skipped.length <= 5}>
          <summary>{skipped.length} unreadable image{skipped.length === 1 ? '' : 's'} skipped (not counted)</summary>
          <ul>{skipped.map((r) => <li key={r.index}><code>{r.path}</code>: {skipReason(r)}</li>)}</ul>
        </details>
      )}
    </section>
  );
}
