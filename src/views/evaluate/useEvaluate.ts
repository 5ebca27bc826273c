/** React access to the evaluate page's store. */
import { useSyncExternalStore } from 'react';
import type { EvaluateState, EvaluateStore } from './evaluate-store.ts';
import { evaluateSession } from './session.ts';

export function useEvaluate(store: EvaluateStore = evaluateSession()): [EvaluateState, EvaluateStore] {
  return [useSyncExternalStore(store.subscribe, store.getSnapshot), store];
}
