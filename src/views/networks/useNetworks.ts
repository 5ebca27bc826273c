/** React access to the networks store (the app's, unless a test hands its own). */
import { useSyncExternalStore } from 'react';
import { networksStore } from './app-networks-store.ts';
import type { NetworksStore } from './networks-store.ts';
import type { NetworksState } from './networks-state.ts';

export function useNetworks(store: NetworksStore = networksStore()): [NetworksState, NetworksStore] {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return [state, store];
}
