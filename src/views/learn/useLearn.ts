/**
 * React access to the lab's store: the app's one (see app-learn-store.ts), or one a provider hands down (tests,
 * harness).
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LearnState } from './learn-state.ts';
import type { LearnStore } from './learn-store.ts';
import { learnStore } from './app-learn-store.ts';

export const LearnContext = createContext<LearnStore | undefined>(undefined);

export function useLearn(): [LearnState, LearnStore] {
  const provided = useContext(LearnContext);
  const store = provided ?? learnStore();
  return [useSyncExternalStore(store.subscribe, store.getSnapshot), store];
}
