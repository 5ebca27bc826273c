/**
 * The classify page's store, one for the app: created the first time the classify page opens and kept
 * while the app runs, so loaded networks and results survive navigating away and back. It talks to the
 * worker only through the app's inference session, which owns the worker's life (restarts included).
 */
import { inferenceSession } from '../../runtime/session/app-inference-session.ts';
import { readClassifyMode } from './prediction-mode.ts';
import { readClassifySettings } from './settings.ts';
import { ClassifyStore } from './store.ts';

let store: ClassifyStore | undefined;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function classifyStore(): ClassifyStore {
  if (!store) {
    const search = globalThis.location?.search ?? '';
    store = new ClassifyStore(
      inferenceSession(),
      readClassifySettings(search, storage()),
      readClassifyMode(search, storage()),
    );
    void store.start();
  }
  return store;
}
