/** React access to the classify page's store. */
import { useSyncExternalStore } from 'react';
import { classifyStore } from './classify-store.ts';
import type { ClassifyState, ClassifyStore } from './store.ts';

export function useClassify(store: ClassifyStore = classifyStore()): [ClassifyState, ClassifyStore] {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return [state, store];
}
