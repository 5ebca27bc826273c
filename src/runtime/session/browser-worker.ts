/**
 * The inference worker in the browser, as the session needs it (a WorkerHandle): started from its own
 * chunk, and known to be gone when it reports an error (its script failed to load, or an uncaught error
 * — after which it is not trusted) or when the Web Lock it holds while alive is released (it closed
 * itself, or the browser ended it: no event says so otherwise).
 */
import type { FailureDetail } from '../failure-words.ts';
import { connectWorker } from './client.ts';
import type { WorkerHandle } from './inference-session.ts';
import { startInferenceWorker } from './start-worker.ts';

export function startBrowserWorker(generation: number): WorkerHandle {
  // A name of its own per worker: it names the liveness lock too.
  const name = `inference-${generation}-${Math.random().toString(36).slice(2, 10)}`;
  const worker = startInferenceWorker(name);
  const client = connectWorker(worker);
  const watching = new AbortController();
  const gone = new Promise<FailureDetail>((resolve) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      resolve(
        event instanceof ErrorEvent && event.message
          ? { code: 'worker.error', params: { detail: event.message } }
          : { code: 'worker.no-script', params: {} },
      );
    });
    worker.addEventListener('messageerror', () => resolve({ code: 'worker.message-unreadable', params: {} }));
    void client
      .alive()
      .then(({ lock }) => {
        const locks = globalThis.navigator?.locks;
        if (!lock || !locks) return;
        // Granted only when the worker no longer holds it: it is gone.
        return locks.request(lock, { signal: watching.signal }, () => resolve({ code: 'worker.ended', params: {} }));
      })
      .catch(() => undefined);
  });
  return {
    client,
    gone,
    terminate() {
      watching.abort();
      client.terminate();
    },
  };
}
