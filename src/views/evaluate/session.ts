/**
 * The evaluate page's store, created the first time the page opens and kept while the app runs (a run
 * goes on while the reader looks at other pages). It uses the app's one inference worker, the classify
 * session's, whose weights the page's weights cards load.
 */
import { loadBundledRealLabels } from '../../runtime/evaluation/real-labels.bundled.ts';
import { classifySession } from '../classify/session.ts';
import { EvaluateStore } from './evaluate-store.ts';
import { IndexedDbRunStorage, MemoryRunStorage } from './persistence.ts';

let store: EvaluateStore | undefined;

export function evaluateSession(): EvaluateStore {
  if (store) return store;
  const storage = IndexedDbRunStorage.available() ? new IndexedDbRunStorage() : new MemoryRunStorage();
  store = new EvaluateStore(() => classifySession().inference, storage, loadBundledRealLabels);
  void store.restore();
  return store;
}
