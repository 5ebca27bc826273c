/** React access to the inside store. */
import { useSyncExternalStore } from 'react';
import type { InsideState, InsideStore } from './inside-store.ts';
import { insideStore } from './session.ts';

export function useInside(store: InsideStore = insideStore()): [InsideState, InsideStore] {
  return [useSyncExternalStore(store.subscribe, store.getSnapshot), store];
}
