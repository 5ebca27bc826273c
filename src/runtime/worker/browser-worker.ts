/**
 * The inference worker in the browser, as the session needs it (a WorkerHandle): started from its own
 * chunk, and known to be gone when it reports an error (its script failed to load, or an uncaught error
 * — after which it is not trusted) or when the Web Lock it holds while alive is released (it closed
 * itself, or the browser ended it: no event says so otherwise).
 */
import { InferenceClient } from './client.ts';
import type { WorkerHandle } from './session.ts';
import { startInferenceWorker } from './start-worker.ts';

export function startBrowserWorker(generation: number): WorkerHandle {
  // A name of its own per worker: it names the liveness lock too.
  const name = `inference-${generation}-${Math.random().toString(36).slice(2, 10)}`;
  const worker = startInferenceWorker(name);
  const client = new InferenceClient(worker);
  const watching = new AbortController();
  const gone = new Promise<string>((resolve) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      resolve(event instanceof ErrorEvent && event.message
        ? `an error in the worker: ${event.message}`
        : 'its script could not be loaded; check the connection, or reload the page if the app was just updated');
    });
    worker.addEventListener('messageerror', () => resolve('a message from it could not be read'));
    void client.alive().then(({ lock }) => {
      const locks = globalThis.navigator?.locks;
      if (!lock || !locks) return;
      // Granted only when the worker no longer holds it: it is gone.
      return locks.request(lock, { signal: watching.signal }, () => resolve('it closed or was ended by the browser without an error'));
    }).catch(() => undefined);
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
