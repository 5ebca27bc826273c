/**
 * Two photos inside one network: the second photo's inside store (the same kind as the first's, its
 * photo kept in the worker under a slot of its own, so the same photo picked twice is still two runs)
 * and the "where they part" store, both created the first time a second photo is picked. Both share the
 * first store's chain of worker requests.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PartingApi } from '../../runtime/inside/parting-protocol.ts';
import type { InsideApi } from '../../runtime/inside/protocol.ts';
import { inferenceSession } from '../../runtime/session/app-inference-session.ts';
import { networksStore } from '../networks/app-networks-store.ts';
import { photoLibrary } from '../photos/library.ts';
import { InsideStore, type InsideState } from './inside-store.ts';
import { PartingStore, type PartingState } from './parting-store.ts';
import { insideChains, insideStore, insideThrough, weightsGate } from './app-inside-store.ts';

/** The worker's slot of the second photo (its library slot is the URL's `compare`). */
export const secondSlot = (slot: string) => `${slot}#second`;

/** The inside methods with every slot moved to `secondSlot`. */
export function secondPhotoApi(api: InsideApi): InsideApi {
  return {
    attachPhoto: (slot, image) => api.attachPhoto(secondSlot(slot), image),
    lookInside: (slot, ...rest) => api.lookInside(secondSlot(slot), ...rest),
    summaries: (slot, ...rest) => api.summaries(secondSlot(slot), ...rest),
    detail: (slot, ...rest) => api.detail(secondSlot(slot), ...rest),
    classMaps: (slot, ...rest) => api.classMaps(secondSlot(slot), ...rest),
    cancelGradCam: (gradCamId) => api.cancelGradCam(gradCamId),
    channelMaxima: (slot, ...rest) => api.channelMaxima(secondSlot(slot), ...rest),
    releasePhoto: (slot) => api.releasePhoto(secondSlot(slot)),
  };
}

export interface Comparison {
  /** The second photo's inside store. */
  second: InsideStore;
  parting: PartingStore;
}

let comparison: Comparison | undefined;

function comparisonStores(): Comparison {
  if (comparison) return comparison;
  const session = inferenceSession();
  const secondApi = secondPhotoApi(insideThrough(session));
  const second = new InsideStore(secondApi, photoLibrary(), weightsGate(networksStore()), insideChains);
  const first = insideStore();
  const api: PartingApi = {
    partWays: (a, b, network, scales) => session.call((c) => c.partWays(a, b, network, scales)),
  };
  const parting = new PartingStore(api, insideChains, (network) => {
    first.workerMoved(network);
    second.workerMoved(network);
  });
  comparison = { second, parting };
  return comparison;
}

/** The app's comparison stores, or ones a provider hands down (tests). */
export const ComparisonContext = createContext<Comparison | undefined>(undefined);

export function useComparison(): { second: [InsideState, InsideStore]; parting: [PartingState, PartingStore] } {
  const stores = useContext(ComparisonContext) ?? comparisonStores();
  return {
    second: [useSyncExternalStore(stores.second.subscribe, stores.second.getSnapshot), stores.second],
    parting: [useSyncExternalStore(stores.parting.subscribe, stores.parting.getSnapshot), stores.parting],
  };
}
