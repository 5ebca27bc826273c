/**
 * Building a channel-example index from the kept photos, outside React (components read it with
 * `useSyncExternalStore`): per photo the worker runs the network and sends back each channel's maximum
 * at the node and its cell (InsideApi.channelMaxima); the table keeps the top K per channel, and the
 * network's view of a photo (the crop it saw) is kept while the photo is some channel's example, to cut
 * the receptive-field boxes from when shown. The record is saved after every photo, so Cancel or a
 * reload loses at most the photo in progress; indexing again resumes, and adds photos kept since.
 */
import { failureDetailOf, type FailureDetail } from '../../../runtime/failure-words.ts';
import type { InsideApi } from '../../../runtime/inside/protocol.ts';
import { TopExamples } from '../../../runtime/inside/top-examples.ts';
import type { InferenceNetwork } from '../../../runtime/worker/protocol.ts';
import type { PhotoLibrary } from '../../photos/library.ts';
import { examplesKey, type ExamplesRecord, type ExamplesStore } from './examples-store.ts';

/** Examples kept per channel. */
export const EXAMPLES_PER_CHANNEL = 6;
/** The worker slot the indexer attaches its photos to (apart from the one the inside view shows). */
export const INDEX_SLOT = 'channel-examples';

export type IndexState =
  | { status: 'reading' }
  | { status: 'idle' | 'running' | 'cancelled'; record: ExamplesRecord | undefined }
  | { status: 'error'; record: ExamplesRecord | undefined; message: FailureDetail };

export interface IndexTarget {
  network: InferenceNetwork;
  sha256: string;
  node: string;
  shape: readonly number[];
}

export interface IndexerDependencies {
  api: Pick<InsideApi, 'attachPhoto' | 'lookInside' | 'channelMaxima' | 'releasePhoto'>;
  library: Pick<PhotoLibrary, 'list' | 'get'>;
  store: ExamplesStore;
  /** The crop the network saw, as a PNG. */
  toBlob(bitmap: ImageBitmap): Promise<Blob>;
}

const messageOf = failureDetailOf;

export class ExamplesIndexer {
  private states = new Map<string, IndexState>();
  private readonly listeners = new Set<() => void>();
  private readonly cancelled = new Set<string>();
  /** Keys indexed or waiting their turn: one index runs at a time (they share the worker's backend). */
  private readonly queued = new Set<string>();
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly deps: IndexerDependencies) {}

  getSnapshot = (): ReadonlyMap<string, IndexState> => this.states;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reads the kept index of `target` (once). */
  async open(target: IndexTarget): Promise<void> {
    const key = keyOf(target);
    if (this.states.has(key)) return;
    this.set(key, { status: 'reading' });
    try {
      const record = await this.deps.store.get(key);
      if (this.states.get(key)?.status === 'reading') this.set(key, { status: 'idle', record });
    } catch (error) {
      this.set(key, { status: 'error', record: undefined, message: messageOf(error) });
    }
  }

  /**
   * Indexes the kept photos not yet in the index of `target`, one at a time, after any index already
   * running; resolves when done, cancelled or failed.
   */
  index(target: IndexTarget): Promise<void> {
    const key = keyOf(target);
    if (this.queued.has(key)) return this.turn;
    this.queued.add(key);
    this.cancelled.delete(key);
    const state = this.states.get(key);
    this.set(key, { status: 'running', record: state && 'record' in state ? state.record : undefined });
    this.turn = this.turn.then(() => this.run(key, target)).finally(() => this.queued.delete(key));
    return this.turn;
  }

  private async run(key: string, target: IndexTarget): Promise<void> {
    const [, w, c] = target.shape;
    let record: ExamplesRecord | undefined;
    try {
      record = (await this.deps.store.get(key)) ?? {
        key,
        network: target.network,
        sha256: target.sha256,
        node: target.node,
        shape: [...target.shape],
        photos: [],
        done: 0,
        table: new TopExamples(c, EXAMPLES_PER_CHANNEL, w).state,
        views: {},
      };
      const known = new Set(record.photos.map((p) => p.slot));
      const kept = (await this.deps.library.list()).reverse();
      record = {
        ...record,
        photos: [
          ...record.photos,
          ...kept.filter((p) => !known.has(p.slot)).map((p) => ({ slot: p.slot, name: p.name })),
        ],
      };
      this.set(key, { status: 'running', record });
      const table = new TopExamples(c, EXAMPLES_PER_CHANNEL, w, structuredClone(record.table));
      while (record.done < record.photos.length) {
        if (this.cancelled.has(key)) {
          this.set(key, { status: 'cancelled', record });
          return;
        }
        record = await this.indexOne(record, table, target);
        await this.deps.store.set(record);
        this.set(key, { status: 'running', record });
      }
      this.set(key, { status: 'idle', record });
    } catch (error) {
      this.set(key, { status: 'error', record, message: messageOf(error) });
    } finally {
      await this.deps.api.releasePhoto(INDEX_SLOT).catch(() => undefined);
    }
  }

  /** Stops the run of `target` after the photo in progress. */
  cancel(target: IndexTarget): void {
    this.cancelled.add(keyOf(target));
  }

  /** Forgets the index of `target` (its record and views). */
  async forget(target: IndexTarget): Promise<void> {
    const key = keyOf(target);
    await this.deps.store.delete(key);
    this.set(key, { status: 'idle', record: undefined });
  }

  private async indexOne(record: ExamplesRecord, table: TopExamples, target: IndexTarget): Promise<ExamplesRecord> {
    const image = record.done;
    const photo = await this.deps.library.get(record.photos[image].slot);
    // A photo dropped from the library since it was listed is passed over.
    if (!photo) return { ...record, done: image + 1 };
    await this.deps.api.attachPhoto(INDEX_SLOT, { kind: 'blob', blob: photo.blob, name: photo.name });
    const run = await this.deps.api.lookInside(INDEX_SLOT, target.network);
    const [maxima] = await this.deps.api.channelMaxima(INDEX_SLOT, target.network, [target.node]);
    const entered = table.add(image, maxima);
    const views: Record<number, Blob> = {};
    const examples = table.images();
    for (const [n, blob] of Object.entries(record.views)) if (examples.has(Number(n))) views[Number(n)] = blob;
    if (entered.length > 0) views[image] = await this.deps.toBlob(run.crop);
    run.crop.close?.();
    // A copy: the kept record must not change when the next photo is added (a failure then resumes from it).
    return { ...record, done: image + 1, table: structuredClone(table.state), views };
  }

  private set(key: string, state: IndexState): void {
    this.states = new Map(this.states).set(key, state);
    for (const listener of [...this.listeners]) listener();
  }
}

function keyOf(target: IndexTarget): string {
  return examplesKey(target.network, target.sha256, target.node);
}
