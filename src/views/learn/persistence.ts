/**
 * Where the lab's runs live so that a reload loses nothing but the current epoch: IndexedDB through
 * idb-keyval (as the evaluate page's results). Three databases, each one object store (idb-keyval opens
 * one store per database): the runs' settings and state, their progress records in chunks keyed
 * [runId, n] (read back with one key range), and each run's latest end-of-epoch snapshot (the networks'
 * weights and optimiser state, to resume from). Without IndexedDB, runs live in memory and the page says
 * they will not survive a reload.
 */
import { del, get, promisifyRequest, set, values, type UseStore } from 'idb-keyval';
import { watchedStore } from '../storage/watched-store.ts';
import type { ProgressRecord, RacePhase, RaceSnapshot } from '../../runtime/training/protocol.ts';
import type { LabSettings } from './settings.ts';
import type { FailureDetail } from '../../runtime/failure-words.ts';

export interface StoredRun {
  version: 1;
  runId: string;
  settings: LabSettings;
  /** The networks' ids, in race order. */
  networks: string[];
  /** The dropped archive's or chosen folder's name: it is asked for again to resume. */
  dataName?: string;
  /** The phase when last stored: a run stored as "training" or "paused" was cut short by a reload. */
  phase: RacePhase;
  backend?: string;
  /** Why the race failed as a whole (a plain message in a run stored before failures had codes). */
  failure?: FailureDetail | string;
  /** Epochs completed at the latest stored snapshot. */
  snapshotEpoch?: number;
  /** Milliseconds since 1970. */
  startedAt: number;
  updatedAt: number;
}

export interface LabStorage {
  /** False when runs live only in this page (no IndexedDB). */
  readonly persistent: boolean;
  /** Every stored run, the latest started first. */
  runs(): Promise<StoredRun[]>;
  saveRun(run: StoredRun): Promise<void>;
  appendRecords(runId: string, records: readonly ProgressRecord[]): Promise<void>;
  records(runId: string): Promise<ProgressRecord[]>;
  /** Replaces a run's records (resuming from a snapshot drops those after it). */
  replaceRecords(runId: string, records: readonly ProgressRecord[]): Promise<void>;
  saveSnapshot(snapshot: RaceSnapshot): Promise<void>;
  snapshot(runId: string): Promise<RaceSnapshot | undefined>;
  /** Forgets a run: its state, records and snapshot. */
  remove(runId: string): Promise<void>;
}

const latestFirst = (runs: StoredRun[]) =>
  runs.filter((r) => r.version === 1).sort((a, b) => b.startedAt - a.startedAt);

export class IndexedDbLabStorage implements LabStorage {
  readonly persistent = true;
  private readonly runStore: UseStore;
  private readonly recordStore: UseStore;
  private readonly snapshotStore: UseStore;
  /** The next chunk number of each run written in this page. */
  private readonly nextChunk = new Map<string, number>();

  constructor(prefix = 'inception-explorer-learn') {
    // A database deleted under the page (site data cleared): writes fail and the page says so.
    this.runStore = watchedStore(`${prefix}-runs`, 'runs').use;
    this.recordStore = watchedStore(`${prefix}-records`, 'records').use;
    this.snapshotStore = watchedStore(`${prefix}-snapshots`, 'snapshots').use;
  }

  static available(): boolean {
    try {
      return typeof indexedDB !== 'undefined' && indexedDB !== null;
    } catch {
      return false;
    }
  }

  async runs(): Promise<StoredRun[]> {
    return latestFirst(await values<StoredRun>(this.runStore));
  }

  saveRun(run: StoredRun): Promise<void> {
    return set(run.runId, run, this.runStore);
  }

  async appendRecords(runId: string, records: readonly ProgressRecord[]): Promise<void> {
    if (records.length === 0) return;
    const chunk = this.nextChunk.get(runId) ?? (await this.chunkCount(runId));
    this.nextChunk.set(runId, chunk + 1);
    await set([runId, chunk], records, this.recordStore);
  }

  async records(runId: string): Promise<ProgressRecord[]> {
    const chunks = await this.recordStore('readonly', (s) => promisifyRequest(s.getAll(chunksOf(runId))));
    return (chunks as ProgressRecord[][]).flat();
  }

  async replaceRecords(runId: string, records: readonly ProgressRecord[]): Promise<void> {
    await this.recordStore('readwrite', (s) => {
      s.delete(chunksOf(runId));
      s.put(records, [runId, 0]);
      return promisifyRequest(s.transaction);
    });
    this.nextChunk.set(runId, 1);
  }

  saveSnapshot(snapshot: RaceSnapshot): Promise<void> {
    return set(snapshot.runId, snapshot, this.snapshotStore);
  }

  snapshot(runId: string): Promise<RaceSnapshot | undefined> {
    return get<RaceSnapshot>(runId, this.snapshotStore);
  }

  async remove(runId: string): Promise<void> {
    await del(runId, this.runStore);
    await this.recordStore('readwrite', (s) => promisifyRequest(s.delete(chunksOf(runId))));
    await del(runId, this.snapshotStore);
    this.nextChunk.delete(runId);
  }

  private async chunkCount(runId: string): Promise<number> {
    const keys = await this.recordStore('readonly', (s) => promisifyRequest(s.getAllKeys(chunksOf(runId))));
    return keys.reduce<number>((n, key) => Math.max(n, Number((key as [string, number])[1]) + 1), 0);
  }
}

/** Every chunk key [runId, n] of a run (numbers sort before strings, so the upper bound is any string). */
function chunksOf(runId: string): IDBKeyRange {
  return IDBKeyRange.bound([runId, 0], [runId, '']);
}

/** Runs for this page only. */
export class MemoryLabStorage implements LabStorage {
  readonly persistent = false;
  private readonly stored = new Map<string, { run: StoredRun; records: ProgressRecord[]; snapshot?: RaceSnapshot }>();

  async runs(): Promise<StoredRun[]> {
    return latestFirst([...this.stored.values()].map((s) => s.run));
  }

  async saveRun(run: StoredRun): Promise<void> {
    const entry = this.stored.get(run.runId);
    if (entry) entry.run = run;
    else this.stored.set(run.runId, { run, records: [] });
  }

  async appendRecords(runId: string, records: readonly ProgressRecord[]): Promise<void> {
    this.stored.get(runId)?.records.push(...records);
  }

  async records(runId: string): Promise<ProgressRecord[]> {
    return [...(this.stored.get(runId)?.records ?? [])];
  }

  async replaceRecords(runId: string, records: readonly ProgressRecord[]): Promise<void> {
    const entry = this.stored.get(runId);
    if (entry) entry.records = [...records];
  }

  async saveSnapshot(snapshot: RaceSnapshot): Promise<void> {
    const entry = this.stored.get(snapshot.runId);
    if (entry) entry.snapshot = snapshot;
  }

  async snapshot(runId: string): Promise<RaceSnapshot | undefined> {
    return this.stored.get(runId)?.snapshot;
  }

  async remove(runId: string): Promise<void> {
    this.stored.delete(runId);
  }
}
