/**
 * The photos of the classify page, newest first, with their files while they wait. Memory stays bounded
 * however many results are kept: a photo's file is let go once it is classified, and only the newest
 * MAX_KEPT_CROPS results keep the crops the network saw (an ImageBitmap, and a canvas on the page, each
 * 299×299×4 bytes per network); older ones keep their predictions and say the crop was let go.
 */
import type { ClassifyOutcome, InferenceNetwork, PredictOutcome } from '../../runtime/worker/protocol.ts';
import type { ClassifyMode, PassProgress } from './prediction-mode.ts';
import type { ClassifySaid } from '../i18n/classify.ts';

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
  /**
   * Networks that were still loading when it was classified: it is classified by each once it is ready
   * (its file is kept until then), or no longer waits for one whose loading ends otherwise.
   */
  awaiting?: readonly InferenceNetwork[];
}

export class PhotoList {
  private entries: PhotoEntry[] = [];
  private readonly files = new Map<number, File>();

  constructor(
    private readonly nextId: () => number,
    private readonly changed: (photos: readonly PhotoEntry[]) => void,
  ) {}

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

  /** Photos still waiting to be classified. */
  waitingCount(): number {
    return this.entries.filter((p) => p.status === 'waiting').length;
  }

  /** Photos classified while a network loaded that is now ready (`ready`) to classify them too. */
  awaitingCount(ready: (network: InferenceNetwork) => boolean): number {
    return this.entries.filter((p) => isAwaiting(p, ready)).length;
  }

  /** The oldest photo classified while a network loaded that is now ready (`ready`) to classify it too. */
  nextAwaiting(ready: (network: InferenceNetwork) => boolean): PhotoEntry | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (isAwaiting(entry, ready)) return entry;
    }
    return undefined;
  }

  /** Photos stop waiting for the networks for which `still` is false (their loading failed or was cancelled). */
  stopAwaiting(still: (network: InferenceNetwork) => boolean): void {
    let changed = false;
    const entries = this.entries.map((entry) => {
      if (!entry.awaiting || entry.status === 'classifying' || entry.awaiting.every(still)) return entry;
      changed = true;
      const awaiting = entry.awaiting.filter(still);
      if (awaiting.length === 0) this.files.delete(entry.id);
      return { ...entry, awaiting: awaiting.length > 0 ? awaiting : undefined };
    });
    if (changed) this.commit(entries);
  }

  get(id: number): PhotoEntry | undefined {
    return this.entries.find((p) => p.id === id);
  }

  fileOf(id: number): File | undefined {
    return this.files.get(id);
  }

  set(id: number, change: Partial<PhotoEntry>): void {
    this.commit(this.entries.map((p) => (p.id === id ? { ...p, ...change } : p)));
  }

  /**
   * A photo is finished (done or failed): its file is let go (unless a network it awaits is loading), and
   * the crops it no longer shows, and the oldest crops beyond the cap too.
   */
  settle(id: number, change: Partial<PhotoEntry>): void {
    const before = this.entries.find((p) => p.id === id);
    // Only a photo with results waits for another network's (one that failed, or was cancelled, does not).
    const merged = before && { ...before, ...change };
    const after = merged && (merged.outcome || merged.prediction ? merged : { ...merged, awaiting: undefined });
    if (!after?.awaiting?.length) this.files.delete(id);
    if (before && after) for (const crop of crops(before)) if (!crops(after).includes(crop)) crop.close?.();
    let kept = 0;
    this.commit(
      this.entries.map((p) => {
        const next = p.id === id && after ? after : p;
        if ((!next.outcome && !next.prediction) || next.cropsReleased) return next;
        if (++kept <= MAX_KEPT_CROPS) return next;
        closeCrops(next);
        return { ...next, cropsReleased: true };
      }),
    );
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

function isAwaiting(entry: PhotoEntry, ready: (network: InferenceNetwork) => boolean): boolean {
  return entry.status !== 'waiting' && entry.status !== 'classifying' && !!entry.awaiting?.some(ready);
}

function crops(entry: PhotoEntry): ImageBitmap[] {
  const networks = entry.prediction?.networks ?? [];
  return [...(entry.outcome?.results ?? []).map((r) => r.crop), ...networks.flatMap((r) => (r.crop ? [r.crop] : []))];
}

function closeCrops(entry: PhotoEntry): void {
  for (const crop of crops(entry)) crop.close?.();
}
