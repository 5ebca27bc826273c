/**
 * Catches what a page throws while rendering — above all a lazily loaded chunk that fails to arrive (a
 * tab left open across a deploy, a 503, a dropped connection) — so one page fails alone: the header stays
 * and the explorer stays usable. A failed chunk is offered a reload (the new deploy's files); any other
 * error is shown with its message. Navigating to another page clears it (`resetKey`: the path), without
 * remounting the pages on every navigation.
 * React has no hook for this: error boundaries are still class components.
 */
import { Component, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useMessages } from '../i18n/messages.ts';
import { shellText } from '../i18n/shell.ts';

/** Chromium, Firefox and Safari word a failed dynamic import differently; Vite's preload adds its own. */
const CHUNK_FAILURE =
  /dynamically imported module|Importing a module script failed|error loading dynamically|Unable to preload CSS/i;

export function isChunkFailure(error: unknown): boolean {
  return error instanceof Error && CHUNK_FAILURE.test(error.message);
}

interface Props {
  /** A change of this value (the location's path) clears a caught error. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: Error | undefined;
}

export class RouteErrorBoundary extends Component<Props, State> {
  state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidUpdate(previous: Props) {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: undefined });
  }

  render() {
    return this.state.error ? <PageFailure error={this.state.error} /> : this.props.children;
  }
}

function PageFailure({ error }: { error: Error }) {
  const t = useMessages(shellText).pageFailure;
  const chunk = isChunkFailure(error);
  return (
    <section className="page page-failure" role="alert" aria-labelledby="page-failure-title">
      <h1 id="page-failure-title">{chunk ? t.chunkTitle : t.errorTitle}</h1>
      <p>{chunk ? t.chunkDetail : t.errorDetail}</p>
      {!chunk && <pre className="page-failure-detail">{error.message}</pre>}
      <p className="page-failure-actions">
        <button type="button" onClick={() => window.location.reload()}>
          {t.reload}
        </button>
        <Link href="/">{t.explorer}</Link>
      </p>
    </section>
  );
}
