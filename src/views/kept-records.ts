/**
 * Records kept in this browser by key (IndexedDB through idb-keyval, ≈600 B: a key-value store of
 * objects and Blobs is all the photo library and the trained networks need). Where IndexedDB cannot be
 * opened, or fails later (blocked, quota, a browser bug), the records live in memory for the page's life
 * and `persistent` says so, instead of losing what was being kept; `failure` says why, read from the
 * storage error as every page reads one (a full quota, site data cleared), so that a view can say it.
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import { storageFailure, type StorageFailure } from '../model/storage-failure.ts';

interface Backend<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, record: T): Promise<void>;
  delete(key: string): Promise<void>;
  all(): Promise<T[]>;
}

function indexedDbBackend<T>(store: UseStore): Backend<T> {
  return {
    get: (key) => get<T>(key, store),
    set: (key, record) => set(key, record, store),
    delete: (key) => del(key, store),
    all: async () => (await entries<string, T>(store)).map(([, record]) => record),
  };
}

function memoryBackend<T>(): Backend<T> {
  const records = new Map<string, T>();
  return {
    get: async (key) => records.get(key),
    set: async (key, record) => void records.set(key, record),
    delete: async (key) => void records.delete(key),
    all: async () => [...records.values()],
  };
}

/** What a list shows of a record: all but its file, and the file's size. */
export type Listing<T extends { blob: Blob }> = Omit<T, 'blob'> & { bytes: number };

export class KeptRecords<T extends { added: number; blob: Blob }> {
  private lost: StorageFailure | undefined;
  private lastAdded = -Infinity;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private backend: Backend<T>,
    private persistentStore: boolean,
  ) {}

  /** Records in the IndexedDB database `name` (one object store, `store`), or in memory without IndexedDB. */
  static open<T extends { added: number; blob: Blob }>(name: string, store: string): KeptRecords<T> {
    if (typeof indexedDB === 'undefined') return new KeptRecords<T>(memoryBackend(), false);
    return new KeptRecords<T>(indexedDbBackend(createStore(name, store)), true);
  }

  static inMemory<T extends { added: number; blob: Blob }>(): KeptRecords<T> {
    return new KeptRecords<T>(memoryBackend(), false);
  }

  /** Whether the records survive a reload. */
  get persistent(): boolean {
    return this.persistentStore;
  }

  /** Why IndexedDB stopped keeping the records, once it failed (not where there never was IndexedDB). */
  get failure(): StorageFailure | undefined {
    return this.lost;
  }

  get(key: string): Promise<T | undefined> {
    return this.attempt((backend) => backend.get(key));
  }

  set(key: string, record: T): Promise<void> {
    return this.attempt((backend) => backend.set(key, record));
  }

  delete(key: string): Promise<void> {
    return this.attempt((backend) => backend.delete(key));
  }

  all(): Promise<T[]> {
    return this.attempt((backend) => backend.all());
  }

  /**
   * The `added` time for a record kept now beside `kept` (all the records, read for this): the clock, or
   * 1 ms after the newest of them, or after the last time given out here, where the clock has not moved past
   * it (several photos dropped at once, kept concurrently; a clock set back). So "newest first" and "drop
   * the oldest" never rest on a tie, which IndexedDB's key order would break at random.
   */
  addedTime(kept: ReadonlyArray<{ added: number }>): number {
    const newest = kept.reduce((max, r) => Math.max(max, r.added), this.lastAdded);
    this.lastAdded = Math.max(Date.now(), newest + 1);
    return this.lastAdded;
  }

  /** Newest first, without the files. */
  async list(): Promise<Array<Listing<T>>> {
    const all = await this.all();
    return all.sort((a, b) => b.added - a.added).map(({ blob, ...rest }) => ({ ...rest, bytes: blob.size }));
  }

  /** Calls `listener` after each `changed()`; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the subscribers that records were kept or forgotten. */
  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async attempt<R>(run: (backend: Backend<T>) => Promise<R>): Promise<R> {
    try {
      return await run(this.backend);
    } catch (error) {
      if (!this.persistentStore) throw error;
      this.lost = storageFailure(error);
      this.backend = memoryBackend();
      this.persistentStore = false;
      return run(this.backend);
    }
  }
}
