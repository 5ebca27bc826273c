/**
 * The explorer's inside store, created the first time a photo is attached: it talks to the app's one
 * inference worker (the classify session's) and learns from the classify store which networks are loaded
 * (a returning visitor's cached weights load by themselves).
 */
import { classifySession } from '../classify/session.ts';
import type { ClassifyStore } from '../classify/store.ts';
import { photoLibrary } from '../photos/library.ts';
import { InsideStore, type WeightsGate } from './inside-store.ts';

let store: InsideStore | undefined;

export function insideStore(): InsideStore {
  if (!store) {
    const classify = classifySession();
    store = new InsideStore(classify.inference, photoLibrary(), weightsGate(classify));
  }
  return store;
}

export function weightsGate(classify: ClassifyStore): WeightsGate {
  return {
    isLoaded: (network) => classify.getSnapshot().weights[network].state?.loaded !== undefined,
    subscribe: classify.subscribe,
  };
}
