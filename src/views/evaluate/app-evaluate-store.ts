/**
 * The evaluate page's store, created the first time the page opens and kept while the app runs (a run
 * goes on while the reader looks at other pages). It predicts through the app's one inference session,
 * whose weights the page's weights cards load (the networks store's, views/networks).
 */
import { loadBundledRealLabels } from '../../runtime/evaluation/real-labels.bundled.ts';
import { inferenceSession } from '../../runtime/session/app-inference-session.ts';
import type { Predictor } from './evaluate-state.ts';
import { EvaluateStore } from './evaluate-store.ts';
import { IndexedDbRunStorage, MemoryRunStorage } from './persistence.ts';

let store: EvaluateStore | undefined;

/** Predictions through the session: a worker that fails or hangs fails the image, and is restarted. */
const predictor: Predictor = {
  predict: (image, request, { signal, onProgress }) =>
    inferenceSession().call((client) => client.with({ signal }).predict(image, request, onProgress), {
      task: { kind: 'evaluating', file: image.name },
    }),
};

export function evaluateStore(): EvaluateStore {
  if (store) return store;
  const storage = IndexedDbRunStorage.available() ? new IndexedDbRunStorage() : new MemoryRunStorage();
  store = new EvaluateStore(() => predictor, storage, loadBundledRealLabels);
  void store.restore();
  return store;
}
