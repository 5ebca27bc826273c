/** React access to the inside store: the app's one (see app-inside-store.ts), or one a provider hands down (tests). */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { InsideState, InsideStore } from './inside-store.ts';
import { insideStore } from './app-inside-store.ts';

export const InsideContext = createContext<InsideStore | undefined>(undefined);

export function useInside(): [InsideState, InsideStore] {
  const provided = useContext(InsideContext);
  const store = provided ?? insideStore();
  return [useSyncExternalStore(store.subscribe, store.getSnapshot), store];
}
