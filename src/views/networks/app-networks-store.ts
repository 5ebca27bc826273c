/**
 * The networks store, one for the app: created the first time a page that shows or uses the networks
 * opens (classify, evaluate, look inside) and kept while the app runs, so loaded networks survive
 * navigating away and back. It talks to the worker only through the app's inference session, which owns
 * the worker's life (restarts included).
 */
import { inferenceSession } from '../../runtime/session/app-inference-session.ts';
import { NetworksStore } from './networks-store.ts';
import { readNetworkSettings } from './settings.ts';

let store: NetworksStore | undefined;

/** This browser's storage, or none where it is disabled. */
export function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function networksStore(): NetworksStore {
  if (!store) {
    store = new NetworksStore(inferenceSession(), readNetworkSettings(globalThis.location?.search ?? '', storage()));
    void store.start();
  }
  return store;
}
