/**
 * Finished feature visualisations, kept per (network, SHA-256 of its weights, node, channel, steps, seed):
 * the same request gives the same image (a seeded optimisation on the same backend), so it is computed
 * once. In the worker the store is IndexedDB; tests pass a Map.
 */
import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { ChannelVisualization, VisualizeRequest } from './visualize-protocol.ts';

export type KeptVisualization = Omit<ChannelVisualization, 'cached'>;

export interface VisualizationStore {
  get(key: string): Promise<KeptVisualization | undefined>;
  set(key: string, value: KeptVisualization): Promise<void>;
}

export function visualizationKey(request: Omit<VisualizeRequest, 'visualizeId'>, sha256: string): string {
  return [request.network, sha256, request.node, request.channel, request.steps, request.seed].join('|');
}

/** The store in this origin's IndexedDB (database "feature-visualizations"). */
export function indexedDbVisualizations(): VisualizationStore {
  let store: UseStore | undefined;
  const database = () => (store ??= createStore('feature-visualizations', 'images'));
  return {
    get: (key) => get<KeptVisualization>(key, database()),
    set: (key, value) => set(key, value, database()),
  };
}

/** A store in memory (tests, and where IndexedDB is missing). */
export function memoryVisualizations(): VisualizationStore & { size(): number } {
  const kept = new Map<string, KeptVisualization>();
  return {
    get: async (key) => kept.get(key),
    set: async (key, value) => void kept.set(key, value),
    size: () => kept.size,
  };
}
