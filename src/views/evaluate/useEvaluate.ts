/** React access to the evaluate page's store. */
import { useSyncExternalStore } from 'react';
import type { EvaluateState } from './evaluate-state.ts';
import type { EvaluateStore } from './evaluate-store.ts';
import { evaluateStore } from './app-evaluate-store.ts';

export function useEvaluate(store: EvaluateStore = evaluateStore()): [EvaluateState, EvaluateStore] {
  return [useSyncExternalStore(store.subscribe, store.getSnapshot), store];
}
