/**
 * The photos a reader looked at, kept in this browser (IndexedDB) so that a "look inside" link survives a
 * reload and any view can take a recent photo. Nothing here leaves the device. The newest `LIMIT` photos
 * are kept; older ones are dropped as new ones come. Where IndexedDB is unavailable (a private window
 * that blocks it, a test without it), photos live in memory for the page's life and `persistent` says so.
 *
 * idb-keyval (≈600 B) rather than hand-written IndexedDB requests: a key-value store of Blobs is all this
 * needs, and it handles the database's versioning and transactions.
 */
import type { StorageFailure } from '../../model/storage-failure.ts';
import { KeptRecords, type Listing } from '../kept-records.ts';

export interface PhotoRecord {
  slot: string;
  name: string;
  /** When it was added (ms since the epoch). */
  added: number;
  blob: Blob;
}

export type PhotoListing = Listing<PhotoRecord>;

/** How many photos are kept. */
export const LIMIT = 24;

export class PhotoLibrary {
  private constructor(private readonly records: KeptRecords<PhotoRecord>) {}

  /** The library in IndexedDB, or in memory where IndexedDB cannot be opened. */
  static open(name = 'inception-explorer-photos'): PhotoLibrary {
    return new PhotoLibrary(KeptRecords.open(name, 'photos'));
  }

  static inMemory(): PhotoLibrary {
    return new PhotoLibrary(KeptRecords.inMemory());
  }

  /** Whether photos survive a reload. */
  get persistent(): boolean {
    return this.records.persistent;
  }

  /** Why this browser stopped keeping photos (its storage full, its site data cleared), once it did. */
  get failure(): StorageFailure | undefined {
    return this.records.failure;
  }

  /** Whether the library holds LIMIT photos, so that older ones are being dropped. */
  async full(): Promise<boolean> {
    return (await this.records.all()).length >= LIMIT;
  }

  /**
   * Keeps a photo; resolves with its slot. A photo already kept (the same bytes) keeps its slot, takes the
   * new name and becomes the newest, rather than being listed twice. Drops the oldest photos beyond LIMIT.
   */
  async add(blob: Blob, name: string): Promise<string> {
    const kept = await this.records.all();
    const same = await sameBytes(kept, blob);
    const record: PhotoRecord = {
      slot: same?.slot ?? newSlot(),
      name: name || 'pasted image',
      added: this.records.addedTime(kept),
      blob,
    };
    await this.records.set(record.slot, record);
    // Read again: photos kept concurrently (several dropped at once) count too.
    const old = (await this.records.all()).sort((a, b) => b.added - a.added).slice(LIMIT);
    for (const r of old) await this.records.delete(r.slot);
    this.records.changed();
    return record.slot;
  }

  get(slot: string): Promise<PhotoRecord | undefined> {
    return this.records.get(slot);
  }

  /** Newest first, without the image data. */
  list(): Promise<PhotoListing[]> {
    return this.records.list();
  }

  async remove(slot: string): Promise<void> {
    await this.records.delete(slot);
    this.records.changed();
  }

  /** Forgets every photo. */
  async clear(): Promise<void> {
    for (const record of await this.records.all()) await this.records.delete(record.slot);
    this.records.changed();
  }

  /** Calls `listener` after photos are added or removed; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    return this.records.subscribe(listener);
  }
}

/** The kept photo with the same bytes as `blob`, if any (only photos of the same size are read). */
async function sameBytes(kept: readonly PhotoRecord[], blob: Blob): Promise<PhotoRecord | undefined> {
  const candidates = kept.filter((r) => r.blob.size === blob.size);
  if (candidates.length === 0) return undefined;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  for (const record of candidates) {
    const other = new Uint8Array(await record.blob.arrayBuffer());
    if (other.every((b, i) => b === bytes[i])) return record;
  }
  return undefined;
}

/** Short, unguessable across sessions, URL-safe. */
function newSlot(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 10);
}

let shared: PhotoLibrary | undefined;

/** The app's one photo library. */
export function photoLibrary(): PhotoLibrary {
  shared ??= PhotoLibrary.open();
  return shared;
}
