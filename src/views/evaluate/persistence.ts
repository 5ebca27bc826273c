/**
 * Where an evaluation's results live so that a reload loses nothing: IndexedDB, through idb-keyval (a
 * ≈600-byte wrapper, instead of hand-written IndexedDB transactions). Only results are stored — the run's
 * settings and one small record per image (path, label, top-5 per mode), and the pooled features of the
 * first 5,000 images for the feature map (Float32, 6 kB each, keyed "features/<index>") — never the images:
 * after a reload the same folder is chosen again and the run resumes where it stopped. Without IndexedDB
 * (disabled storage), results live in memory and the page says they will not survive a reload.
 */
import { clear, entries, get, set, type UseStore } from 'idb-keyval';
import { watchedStore, type WatchedStore } from '../storage/watched-store.ts';
import type { PredictionMode } from '../../runtime/evaluation/mode.ts';
import type { ImageRecord } from '../../runtime/evaluation/records.ts';
import type { DatasetLayout } from '../../runtime/evaluation/dataset.ts';

export type RunStatus = 'running' | 'paused' | 'done' | 'cancelled';

/** What is kept about the run itself. */
export interface RunMeta {
  version: 1;
  /** SHA-256 of the labelled set's paths and labels: the same folder is recognised after a reload. */
  fingerprint: string;
  /** The chosen folder's name, to ask for it again. */
  datasetName: string;
  layout: DatasetLayout;
  /** Images in the set (labelled ones). */
  total: number;
  mode: PredictionMode;
  status: RunStatus;
  /** Milliseconds since the epoch. */
  startedAt: number;
  updatedAt: number;
}

export interface StoredRun {
  meta: RunMeta;
  records: ImageRecord[];
  /** Pooled features by image index (the feature map's). */
  features: Map<number, Float32Array>;
}

export interface RunStorage {
  /** False when results live only in this page (no IndexedDB). */
  readonly persistent: boolean;
  load(): Promise<StoredRun | undefined>;
  saveMeta(meta: RunMeta): Promise<void>;
  addRecord(record: ImageRecord): Promise<void>;
  /** Keeps an image's pooled features (feature-map.ts). */
  addFeatures(index: number, values: Float32Array): Promise<void>;
  /** Forgets the run and its records. */
  clear(): Promise<void>;
}

const META = 'meta';
const FEATURES = 'features/';

export class IndexedDbRunStorage implements RunStorage {
  readonly persistent = true;
  private readonly watched: WatchedStore;
  private readonly store: UseStore;

  constructor(database = 'inception-explorer-evaluation') {
    // Its database deleted under the page (site data cleared): writes fail and the page says so.
    this.watched = watchedStore(database, 'run');
    this.store = this.watched.use;
  }

  static available(): boolean {
    try {
      return typeof indexedDB !== 'undefined' && indexedDB !== null;
    } catch {
      return false;
    }
  }

  async load(): Promise<StoredRun | undefined> {
    const meta = await get<RunMeta>(META, this.store);
    if (!meta || meta.version !== 1) return undefined;
    const all = await entries<IDBValidKey, unknown>(this.store);
    const records = all
      .filter(([key]) => typeof key === 'number')
      .map(([, record]) => record as ImageRecord)
      .sort((a, b) => a.index - b.index);
    const features = new Map(
      all
        .filter(([key, value]) => typeof key === 'string' && key.startsWith(FEATURES) && value instanceof Float32Array)
        .map(([key, value]) => [Number((key as string).slice(FEATURES.length)), value as Float32Array]),
    );
    return { meta, records, features };
  }

  saveMeta(meta: RunMeta): Promise<void> {
    return set(META, meta, this.store);
  }

  addRecord(record: ImageRecord): Promise<void> {
    return set(record.index, record, this.store);
  }

  addFeatures(index: number, values: Float32Array): Promise<void> {
    return set(`${FEATURES}${index}`, values, this.store);
  }

  clear(): Promise<void> {
    this.watched.reset();
    return clear(this.store);
  }
}

/** Results for this page only. */
export class MemoryRunStorage implements RunStorage {
  readonly persistent = false;
  private meta: RunMeta | undefined;
  private readonly records = new Map<number, ImageRecord>();
  private readonly features = new Map<number, Float32Array>();

  async load(): Promise<StoredRun | undefined> {
    return (
      this.meta && {
        meta: this.meta,
        records: [...this.records.values()].sort((a, b) => a.index - b.index),
        features: new Map(this.features),
      }
    );
  }

  async saveMeta(meta: RunMeta): Promise<void> {
    this.meta = meta;
  }

  async addRecord(record: ImageRecord): Promise<void> {
    this.records.set(record.index, record);
  }

  async addFeatures(index: number, values: Float32Array): Promise<void> {
    this.features.set(index, values);
  }

  async clear(): Promise<void> {
    this.meta = undefined;
    this.records.clear();
    this.features.clear();
  }
}
