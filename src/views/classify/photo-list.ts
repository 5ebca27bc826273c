/**
 * The photos of the classify page, newest first, with their files while they wait. Memory stays bounded
 * however many results are kept: a photo's file is let go once it is classified, and only the newest
 * MAX_KEPT_CROPS results keep the crops the network saw (an ImageBitmap, and a canvas on the page, each
 * 299×299×4 bytes per network); older ones keep their predictions and say the crop was let go.
 */
import type { ClassifyOutcome, PredictOutcome } from '../../runtime/worker/protocol.ts';
import type { ClassifyMode, PassProgress } from './prediction-mode.ts';
import type { ClassifySaid } from './classify-state.ts';

export const MAX_KEPT_CROPS = 24;

export interface PhotoEntry {
  id: number;
  name: string;
  status: 'waiting' | 'classifying' | 'done' | 'error';
  /** Where the photo is kept in this browser's photo library, for looking inside (once stored). */
  slot?: string;
  outcome?: ClassifyOutcome;
  /** Why it could not be classified, worded when shown. */
  error?: ClassifySaid;
  /** The prediction mode it was (or is being) classified in. */
  mode?: ClassifyMode;
  /** The result in a multi-crop or ensemble mode (instead of `outcome`). */
  prediction?: PredictOutcome;
  /** Forward passes done while a multi-crop prediction runs. */
  progress?: PassProgress;
  /** Its crops were closed to bound memory (it is older than the newest MAX_KEPT_CROPS results). */
  cropsReleased?: boolean;
}

export class PhotoList {
  private entries: PhotoEntry[] = [];
  private readonly files = new Map<number, File>();

  constructor(private readonly nextId: () => number, private readonly changed: (photos: readonly PhotoEntry[]) => void) {}

  add(file: File): PhotoEntry {
    const entry: PhotoEntry = { id: this.nextId(), name: file.name || 'pasted image', status: 'waiting' };
    this.files.set(entry.id, file);
    this.commit([entry, ...this.entries]);
    return entry;
  }

  remove(id: number): void {
    const entry = this.entries.find((p) => p.id === id);
    if (entry) closeCrops(entry);
    this.files.delete(id);
    this.commit(this.entries.filter((p) => p.id !== id));
  }

  /** The oldest photo still waiting. */
  nextWaiting(): PhotoEntry | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i].status === 'waiting') return this.entries[i];
    return undefined;
  }

  fileOf(id: number): File | undefined {
    return this.files.get(id);
  }

  set(id: number, change: Partial<PhotoEntry>): void {
    this.commit(this.entries.map((p) => (p.id === id ? { ...p, ...change } : p)));
  }

  /** A photo is finished (done or failed): its file is let go, and the oldest crops beyond the cap too. */
  settle(id: number, change: Partial<PhotoEntry>): void {
    this.files.delete(id);
    let kept = 0;
    this.commit(this.entries.map((p) => {
      const next = p.id === id ? { ...p, ...change } : p;
      if ((!next.outcome && !next.prediction) || next.cropsReleased) return next;
      if (++kept <= MAX_KEPT_CROPS) return next;
      closeCrops(next);
      return { ...next, cropsReleased: true };
    }));
  }

  /** Files still held (photos waiting or being classified). */
  get heldFiles(): number {
    return this.files.size;
  }

  private commit(entries: PhotoEntry[]): void {
    this.entries = entries;
    this.changed(entries);
  }
}

function closeCrops(entry: PhotoEntry): void {
  for (const result of entry.outcome?.results ?? []) result.crop.close?.();
  for (const result of entry.prediction?.networks ?? []) result.crop?.close?.();
}
