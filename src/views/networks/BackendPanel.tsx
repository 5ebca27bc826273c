import type { BackendChoice, BackendReport } from '../../runtime/worker/protocol.ts';
import { BACKEND_TITLES } from './names.ts';
import type { NetworksState } from './networks-state.ts';
import { networksText } from '../i18n/networks.ts';
import { useMessages } from '../i18n/messages.ts';
import { useSay, useSayFailure } from '../i18n/said.ts';
import type { NetworksMessages } from '../i18n/en/networks.ts';
import './networks.css';

const CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** What the panel says runs: the backend, or where the inference worker is in its life. */
function activeText(state: NetworksState, t: NetworksMessages['backend']): string {
  switch (state.session.phase) {
    case 'starting':
      return t.starting;
    case 'restarting':
      return t.restarting;
    case 'failed':
      return t.failed;
    case 'ready':
      return state.backendBusy ? t.starting : state.backend?.active ? BACKEND_TITLES[state.backend.active] : t.none;
  }
}

/** The backend's facts in the reader's language; a GPU's adapter or renderer is its own name. */
function backendDetail(report: BackendReport, t: NetworksMessages['backend']): string {
  const w = report.wasm;
  return w ? t.wasm(w.simd, w.threads, w.single, w.failure) : (report.detail ?? '');
}

/** The backend in use, why preferred ones were skipped, and a switch. */
export function BackendPanel({ state, onChoose }: { state: NetworksState; onChoose: (choice: BackendChoice) => void }) {
  const report = state.backend;
  const t = useMessages(networksText).backend;
  const say = useSay(networksText);
  const sayFailure = useSayFailure();
  return (
    <section className="backend-panel" aria-label={t.label}>
      <p>
        <strong>{t.heading}</strong>{' '}
        <span className="backend-active" data-backend={report?.active ?? ''} data-session={state.session.phase}>
          {activeText(state, t)}
        </span>
        {!state.backendBusy && report?.detail && <span className="meta">{t.detail(backendDetail(report, t))}</span>}{' '}
        <label>
          <span className="visually-hidden">{t.choose}</span>
          <select
            value={state.settings.backend}
            disabled={state.backendBusy || state.session.phase !== 'ready'}
            onChange={(e) => onChoose(e.currentTarget.value as BackendChoice)}
          >
            {CHOICES.map((c) => (
              <option key={c} value={c}>
                {c === 'auto' ? t.auto : BACKEND_TITLES[c]}
              </option>
            ))}
          </select>
        </label>
      </p>
      {report?.notice && (
        <p className="notice" role="status">
          {sayFailure(report.notice)}
        </p>
      )}
      {state.backendNotice && (
        <p className="notice fallback" role="status">
          {say(state.backendNotice)}
        </p>
      )}
      {state.backendError && (
        <p className="error" role="alert">
          {say(state.backendError)}
        </p>
      )}
      {report && report.skipped.length > 0 && (
        <ul className="skipped">
          {report.skipped.map((s) => (
            <li key={s.backend}>{t.skipped(BACKEND_TITLES[s.backend], sayFailure(s.reason))}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
