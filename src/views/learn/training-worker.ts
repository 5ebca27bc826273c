/**
 * The training worker in the browser: a module worker of its own (its own chunk, where TensorFlow.js
 * lives), behind a Comlink proxy typed by the TrainingApi of src/runtime/training/protocol.ts. The
 * callbacks of `start` travel as Comlink proxies; everything else is structured-cloned. The worker is known
 * to be gone when it reports an error (its script failed to load, or an uncaught error).
 */
import { proxy, releaseProxy, wrap } from 'comlink';
import type { TrainingApi } from '../../runtime/training/protocol.ts';
import type { TrainingWorker } from './learn-state.ts';

/** Wraps a Comlink endpoint (a Worker, or in tests one end of a MessageChannel) as the store's TrainingApi. */
export function trainingApiOver(endpoint: Worker | MessagePort): { api: TrainingApi; release: () => void } {
  const remote = wrap<TrainingApi>(endpoint);
  const api: TrainingApi = {
    start: (request, onRecords, onStatus) => remote.start(request, proxy(onRecords), proxy(onStatus)),
    pause: (runId) => remote.pause(runId),
    resume: (runId) => remote.resume(runId),
    stop: (runId) => remote.stop(runId),
    snapshot: (runId) => remote.snapshot(runId),
    exportWeights: (runId, network) => remote.exportWeights(runId, network),
  };
  return { api, release: () => remote[releaseProxy]() };
}

export function startTrainingWorker(): TrainingWorker {
  const worker = new Worker(new URL('../../runtime/training/training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'training',
  });
  const { api, release } = trainingApiOver(worker);
  const gone = new Promise<string>((resolve) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      resolve(event instanceof ErrorEvent && event.message ? event.message : '');
    });
    worker.addEventListener('messageerror', () => resolve(''));
  });
  return {
    api,
    gone,
    terminate() {
      release();
      worker.terminate();
    },
  };
}
