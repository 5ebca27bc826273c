/**
 * The one classify session of the app: the inference worker and the page's store, created the first
 * time the classify page opens and kept while the app runs, so loaded networks and results survive
 * navigating away and back. A crashed worker is replaced on the next visit.
 */
import { InferenceClient } from '../../runtime/worker/client.ts';
import { readClassifyMode } from './prediction-mode.ts';
import { readClassifySettings } from './settings.ts';
import { ClassifyStore } from './store.ts';

let session: { store: ClassifyStore; crashed: boolean } | undefined;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function classifySession(): ClassifyStore {
  if (session && !session.crashed) return session.store;
  const client = InferenceClient.start();
  const search = globalThis.location?.search ?? '';
  const store = new ClassifyStore(client, readClassifySettings(search, storage()), readClassifyMode(search, storage()));
  const current = { store, crashed: false };
  client.onCrash(() => {
    current.crashed = true;
  });
  session = current;
  void store.start();
  return store;
}
