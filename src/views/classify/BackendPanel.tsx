import type { BackendChoice } from '../../runtime/worker/protocol.ts';
import { BACKEND_TITLES } from './names.ts';
import type { ClassifyState } from './store.ts';

const CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** What the panel says runs: the backend, or where the inference worker is in its life. */
function activeText(state: ClassifyState): string {
  switch (state.session.phase) {
    case 'starting': return 'starting…';
    case 'restarting': return 'restarting the inference worker…';
    case 'failed': return 'none (the inference worker stopped)';
    case 'ready': return state.backendBusy ? 'starting…' : state.backend?.active ? BACKEND_TITLES[state.backend.active] : 'none';
  }
}

/** The backend in use, why preferred ones were skipped, and a switch. */
export function BackendPanel({ state, onChoose }: { state: ClassifyState; onChoose: (choice: BackendChoice) => void }) {
  const report = state.backend;
  return (
    <section className="backend-panel" aria-label="Backend">
      <p>
        <strong>Backend:</strong>{' '}
        <span className="backend-active" data-backend={report?.active ?? ''} data-session={state.session.phase}>
          {activeText(state)}
        </span>
        {!state.backendBusy && report?.detail && <span className="meta"> ({report.detail})</span>}{' '}
        <label>
          <span className="visually-hidden">Choose a backend</span>
          <select value={state.settings.backend} disabled={state.backendBusy || state.session.phase !== 'ready'} onChange={(e) => onChoose(e.currentTarget.value as BackendChoice)}>
            {CHOICES.map((c) => <option key={c} value={c}>{c === 'auto' ? 'Automatic (fastest available)' : BACKEND_TITLES[c]}</option>)}
          </select>
        </label>
      </p>
      {report?.notice && <p className="notice" role="status">{report.notice}</p>}
      {state.backendNotice && <p className="notice fallback" role="status">{state.backendNotice}</p>}
      {state.backendError && <p className="error" role="alert">{state.backendError}</p>}
      {report && report.skipped.length > 0 && (
        <ul className="skipped">
          {report.skipped.map((s) => <li key={s.backend}>{BACKEND_TITLES[s.backend]} skipped: {s.reason}</li>)}
        </ul>
      )}
    </section>
  );
}
