/**
 * The photos a reader looked at, kept in this browser (IndexedDB) so that a "look inside" link survives a
 * reload and any view can take a recent photo. Nothing here leaves the device. The newest `LIMIT` photos
 * are kept; older ones are dropped as new ones come. Where IndexedDB is unavailable (a private window
 * that blocks it, a test without it), photos live in memory for the page's life and `persistent` says so.
 *
 * idb-keyval (≈600 B) rather than hand-written IndexedDB requests: a key-value store of Blobs is all this
 * needs, and it handles the database's versioning and transactions.
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';

export interface PhotoRecord {
  slot: string;
  name: string;
  /** When it was added (ms since the epoch). */
  added: number;
  blob: Blob;
}

export type PhotoListing = Omit<PhotoRecord, 'blob'> & { bytes: number };

/** How many photos are kept. */
export const LIMIT = 24;

interface Backend {
  get(slot: string): Promise<PhotoRecord | undefined>;
  set(record: PhotoRecord): Promise<void>;
  delete(slot: string): Promise<void>;
  all(): Promise<PhotoRecord[]>;
}

function indexedDbBackend(store: UseStore): Backend {
  return {
    get: (slot) => get<PhotoRecord>(slot, store),
    set: (record) => set(record.slot, record, store),
    delete: (slot) => del(slot, store),
    all: async () => (await entries<string, PhotoRecord>(store)).map(([, record]) => record),
  };
}

function memoryBackend(): Backend {
  const records = new Map<string, PhotoRecord>();
  return {
    get: async (slot) => records.get(slot),
    set: async (record) => void records.set(record.slot, record),
    delete: async (slot) => void records.delete(slot),
    all: async () => [...records.values()],
  };
}

export class PhotoLibrary {
  private readonly listeners = new Set<() => void>();

  private constructor(private backend: Backend, private persistentStore: boolean) {}

  /** The library in IndexedDB, or in memory where IndexedDB cannot be opened. */
  static open(name = 'inception-explorer-photos'): PhotoLibrary {
    if (typeof indexedDB === 'undefined') return new PhotoLibrary(memoryBackend(), false);
    return new PhotoLibrary(indexedDbBackend(createStore(name, 'photos')), true);
  }

  static inMemory(): PhotoLibrary {
    return new PhotoLibrary(memoryBackend(), false);
  }

  /** Whether photos survive a reload. */
  get persistent(): boolean {
    return this.persistentStore;
  }

  /**
   * Keeps a photo; resolves with its slot. A photo already kept (the same bytes) keeps its slot, takes the
   * new name and becomes the newest, rather than being listed twice. Drops the oldest photos beyond LIMIT.
   */
  async add(blob: Blob, name: string): Promise<string> {
    const same = await this.find(blob);
    const record: PhotoRecord = { slot: same?.slot ?? newSlot(), name: name || 'pasted image', added: Date.now(), blob };
    await this.attempt((backend) => backend.set(record));
    const all = await this.attempt((backend) => backend.all());
    const old = all.sort((a, b) => b.added - a.added).slice(LIMIT);
    for (const r of old) await this.attempt((backend) => backend.delete(r.slot));
    this.changed();
    return record.slot;
  }

  /** The kept photo with the same bytes as `blob`, if any (only photos of the same size are read). */
  private async find(blob: Blob): Promise<PhotoRecord | undefined> {
    const candidates = (await this.attempt((backend) => backend.all())).filter((r) => r.blob.size === blob.size);
    if (candidates.length === 0) return undefined;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    for (const record of candidates) {
      const other = new Uint8Array(await record.blob.arrayBuffer());
      if (other.every((b, i) => b === bytes[i])) return record;
    }
    return undefined;
  }

  get(slot: string): Promise<PhotoRecord | undefined> {
    return this.attempt((backend) => backend.get(slot));
  }

  /** Newest first, without the image data. */
  async list(): Promise<PhotoListing[]> {
    const all = await this.attempt((backend) => backend.all());
    return all.sort((a, b) => b.added - a.added).map(({ blob, ...rest }) => ({ ...rest, bytes: blob.size }));
  }

  async remove(slot: string): Promise<void> {
    await this.attempt((backend) => backend.delete(slot));
    this.changed();
  }

  /** Forgets every photo. */
  async clear(): Promise<void> {
    for (const record of await this.attempt((backend) => backend.all())) await this.attempt((backend) => backend.delete(record.slot));
    this.changed();
  }

  /** Calls `listener` after photos are added or removed; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An IndexedDB that fails (blocked, quota, a browser bug) degrades to memory instead of losing the photo. */
  private async attempt<T>(run: (backend: Backend) => Promise<T>): Promise<T> {
    try {
      return await run(this.backend);
    } catch (error) {
      if (!this.persistentStore) throw error;
      this.backend = memoryBackend();
      this.persistentStore = false;
      return run(this.backend);
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Short, unguessable across sessions, URL-safe. */
function newSlot(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 10);
}

let shared: PhotoLibrary | undefined;

/** The app's one photo library. */
export function photoLibrary(): PhotoLibrary {
  shared ??= PhotoLibrary.open();
  return shared;
}
