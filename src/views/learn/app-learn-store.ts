/**
 * The lab's store, created the first time the page opens and kept while the app runs (a race goes on
 * while the reader looks at other pages). It trains in a worker of its own (training-worker.ts), takes
 * its networks from raceEntries and keeps its runs in IndexedDB.
 */
import { LearnStore } from './learn-store.ts';
import { IndexedDbLabStorage, MemoryLabStorage } from './persistence.ts';
import { raceEntries } from './race-entries.ts';
import { startTrainingWorker } from './training-worker.ts';

let store: LearnStore | undefined;

export function learnStore(): LearnStore {
  if (store) return store;
  const storage = IndexedDbLabStorage.available() ? new IndexedDbLabStorage() : new MemoryLabStorage();
  store = new LearnStore({ startWorker: startTrainingWorker, storage, entries: raceEntries });
  void store.restore();
  return store;
}
