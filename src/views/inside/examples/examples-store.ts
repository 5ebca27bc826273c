/**
 * Channel-example indexes kept in this browser (IndexedDB through idb-keyval, as the photo library), one
 * record per network, weights (their SHA-256) and node: the photos in the order indexed, how many are
 * done, the top-K table and the network's view of each photo that is some channel's example. A run that
 * stops (Cancel, a reload) resumes from `done`. Where IndexedDB cannot be opened or fails, the records
 * live in memory for the page's life.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { TopExamplesState } from '../../../runtime/inside/top-examples.ts';
import type { InferenceNetwork } from '../../../runtime/worker/protocol.ts';

export interface ExamplesRecord {
  key: string;
  network: InferenceNetwork;
  sha256: string;
  node: string;
  /** The node's output [h, w, c]. */
  shape: readonly number[];
  /** Kept photos in the order they are indexed (an image's number is its position here). */
  photos: Array<{ slot: string; name: string }>;
  /** Photos indexed so far (the first `done` of `photos`). */
  done: number;
  table: TopExamplesState;
  /** The network's input view (PNG) of each photo that is some channel's example, by its number. */
  views: Record<number, Blob>;
}

export interface ExamplesStore {
  get(key: string): Promise<ExamplesRecord | undefined>;
  set(record: ExamplesRecord): Promise<void>;
  delete(key: string): Promise<void>;
}

export const examplesKey = (network: InferenceNetwork, sha256: string, node: string) => `${network}|${sha256}|${node}`;

export function memoryExamplesStore(): ExamplesStore {
  const records = new Map<string, ExamplesRecord>();
  return {
    get: async (key) => records.get(key),
    set: async (record) => void records.set(record.key, record),
    delete: async (key) => void records.delete(key),
  };
}

/** The store in IndexedDB, falling back to memory for good at its first failure (a full quota, a blocked database). */
export function openExamplesStore(name = 'inception-explorer-channel-examples'): ExamplesStore {
  if (typeof indexedDB === 'undefined') return memoryExamplesStore();
  const idb: UseStore = createStore(name, 'indexes');
  const memory = memoryExamplesStore();
  let failed = false;
  const attempt = async <T>(run: () => Promise<T>, fallback: () => Promise<T>): Promise<T> => {
    if (failed) return fallback();
    try {
      return await run();
    } catch {
      failed = true;
      return fallback();
    }
  };
  return {
    get: (key) =>
      attempt(
        () => get<ExamplesRecord>(key, idb),
        () => memory.get(key),
      ),
    set: (record) =>
      attempt(
        () => set(record.key, record, idb),
        () => memory.set(record),
      ),
    delete: (key) =>
      attempt(
        () => del(key, idb),
        () => memory.delete(key),
      ),
  };
}
