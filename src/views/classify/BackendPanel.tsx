import type { BackendChoice } from '../../runtime/worker/protocol.ts';
import { BACKEND_TITLES } from './names.ts';
import type { ClassifyState } from './store.ts';

const CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** The backend in use, why preferred ones were skipped, and a switch. */
export function BackendPanel({ state, onChoose }: { state: ClassifyState; onChoose: (choice: BackendChoice) => void }) {
  const report = state.backend;
  return (
    <section className="backend-panel" aria-label="Backend">
      <p>
        <strong>Backend:</strong>{' '}
        <span className="backend-active" data-backend={report?.active ?? ''}>
          {state.backendBusy ? 'starting…' : report?.active ? BACKEND_TITLES[report.active] : 'none'}
        </span>
        {!state.backendBusy && report?.detail && <span className="meta"> ({report.detail})</span>}{' '}
        <label>
          <span className="visually-hidden">Choose a backend</span>
          <select value={state.settings.backend} disabled={state.backendBusy} onChange={(e) => onChoose(e.currentTarget.value as BackendChoice)}>
            {CHOICES.map((c) => <option key={c} value={c}>{c === 'auto' ? 'Automatic (fastest available)' : BACKEND_TITLES[c]}</option>)}
          </select>
        </label>
      </p>
      {report?.notice && <p className="notice" role="status">{report.notice}</p>}
      {state.backendError && <p className="error" role="alert">{state.backendError}</p>}
      {report && report.skipped.length > 0 && (
        <ul className="skipped">
          {report.skipped.map((s) => <li key={s.backend}>{BACKEND_TITLES[s.backend]} skipped: {s.reason}</li>)}
        </ul>
      )}
    </section>
  );
}
