/**
 * What a built network keeps for looking inside: one segment cache per photo slot, the most recently
 * used MAX_INSIDE_RUNS of them (a cache holds about 50 MB of segment inputs for Inception-ResNet-v2).
 * A classification of photos with slots goes through here (`classify`): its one run keeps what their
 * look inside needs, so that "Look inside" right after it runs nothing. Disposing it (the network is
 * rebuilt on another backend, or forgotten) frees every cache.
 */
import * as tf from '@tensorflow/tfjs-core';
import { scalesInEffect } from '../../model/analysis/residual-groups.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import { depthGroups, lookRun } from './look-run.ts';
import { MAX_INSIDE_RUNS } from './protocol.ts';
import { SegmentCache } from './segment-cache.ts';
import { TapGroups } from './tap-groups.ts';

/** A photo of a batch to classify: its network input, and the slot whose look inside to keep, if any. */
export interface BatchPhoto {
  input: Float32Array;
  slot?: string;
}

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
    this.alive();
    return this.add(slot, new SegmentCache(this.executor, input, this.labels));
  }

  /**
   * The logits of each photo (those of a plain run), from one run of the batch at the released scales
   * that keeps every segment's input of the last `limit` photos with a slot (and no cache yet): each
   * becomes its slot's cache, as a look inside would have made it.
   */
  async classify(batch: readonly BatchPhoto[]): Promise<Float32Array[]> {
    this.alive();
    const [h, w, c] = this.executor.network.input;
    const { segments, groups } = this.executor.at([h, w]);
    const scales = scalesInEffect(groups, {});
    const keep = this.toKeep(batch);
    const size = h * w * c;
    const stacked = new Float32Array(batch.length * size);
    batch.forEach((photo, i) => stacked.set(photo.input, i * size));
    const x = tf.tensor4d(stacked, [batch.length, h, w, c]);
    let runs;
    try {
      runs = await lookRun(this.executor, x, {
        segments,
        scales,
        groups: depthGroups(new TapGroups(), segments),
        keep,
      });
    } finally {
      x.dispose();
    }
    for (const i of keep) {
      const run = runs[i];
      if (this.disposed) tf.dispose([...run.inputs.values()]);
      else this.add(batch[i].slot!, new SegmentCache(this.executor, batch[i].input, this.labels, { run, scales }));
    }
    return runs.map((run) => run.logits);
  }

  /**
   * Whether `classify` would keep a run of this batch: else a plain run classifies it for less (no depth
   * taps, no kept segment inputs).
   */
  keeps(batch: readonly BatchPhoto[]): boolean {
    return this.toKeep(batch).length > 0;
  }

  /** The photos of the batch whose runs to keep: the last `limit` with a slot that has no cache yet. */
  private toKeep(batch: readonly BatchPhoto[]): number[] {
    // A slot with a cache already keeps it (the same photo, perhaps at other scales that a page shows).
    return batch
      .flatMap((photo, i) => (photo.slot === undefined || this.caches.has(photo.slot) ? [] : [i]))
      .slice(-this.limit);
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

  private add(slot: string, cache: SegmentCache): SegmentCache {
    this.release(slot);
    this.caches.set(slot, cache);
    for (const [old, c] of this.caches) {
      if (this.caches.size <= this.limit) break;
      c.dispose();
      this.caches.delete(old);
    }
    return cache;
  }

  private alive(): void {
    if (this.disposed) throw new Error('this network was disposed');
  }
}
