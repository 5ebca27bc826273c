/**
 * What a built network keeps for looking inside: one segment cache per photo slot, the most recently
 * used MAX_INSIDE_RUNS of them (a cache holds about 50 MB of segment inputs for Inception-ResNet-v2).
 * Disposing it (the network is rebuilt on another backend, or forgotten) frees every cache.
 */
import type { NetworkExecutor } from '../executor/network.ts';
import { MAX_INSIDE_RUNS } from './protocol.ts';
import { SegmentCache } from './segment-cache.ts';

export class InsideNetwork {
  private readonly caches = new Map<string, SegmentCache>();
  private disposed = false;

  constructor(
    readonly executor: NetworkExecutor,
    private readonly labels: readonly string[],
    private readonly limit = MAX_INSIDE_RUNS,
  ) {}

  /** The slot's cache, if it is still kept (then it becomes the most recently used). */
  get(slot: string): SegmentCache | undefined {
    const cache = this.caches.get(slot);
    if (cache) {
      this.caches.delete(slot);
      this.caches.set(slot, cache);
    }
    return cache;
  }

  /** A new cache for the slot's photo (replacing the slot's), freeing the least recently used beyond the limit. */
  create(slot: string, input: Float32Array): SegmentCache {
    if (this.disposed) throw new Error('this network was disposed');
    this.release(slot);
    const cache = new SegmentCache(this.executor, input, this.labels);
    this.caches.set(slot, cache);
    for (const [old, c] of this.caches) {
      if (this.caches.size <= this.limit) break;
      c.dispose();
      this.caches.delete(old);
    }
    return cache;
  }

  /** Slots whose caches are kept, least recently used first. */
  slots(): string[] {
    return [...this.caches.keys()];
  }

  release(slot: string): void {
    this.caches.get(slot)?.dispose();
    this.caches.delete(slot);
  }

  dispose(): void {
    this.disposed = true;
    for (const cache of this.caches.values()) cache.dispose();
    this.caches.clear();
  }
}
