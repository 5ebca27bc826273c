/**
 * Where the lab's runs live so that a reload loses nothing but the current epoch: IndexedDB through
 * idb-keyval (as the evaluate page's results). Three databases, each one object store (idb-keyval opens
 * one store per database): the runs' settings and state, their progress records in chunks keyed
 * [runId, n] (read back with one key range), and each run's latest end-of-epoch snapshot (the networks'
 * weights and optimiser state, to resume from). Without IndexedDB, runs live in memory and the page says
 * they will not survive a reload.
 *
 * A snapshot is written in pieces of at most SNAPSHOT_PIECE_BYTES, each in a transaction of its own: an
 * IndexedDB put serialises its value on the page's thread, and one put of a race's whole snapshot was the
 * lab's only long task while training (bench:learn-long-tasks: ~20 ms of CPU, 60–70 ms of wall time while
 * the worker's threads held both cores). The pieces [runId, epoch, network, i] are written first, then the
 * snapshot's entry under runId that names them, then the pieces of other epochs are deleted: a page closed
 * midway leaves the previous snapshot whole.
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

  async saveSnapshot(snapshot: RaceSnapshot): Promise<void> {
    const { runId, epoch, step } = snapshot;
    const pieces: Record<string, number> = {};
    for (const [network, bytes] of Object.entries(snapshot.networks)) {
      pieces[network] = Math.max(1, Math.ceil(bytes.byteLength / SNAPSHOT_PIECE_BYTES));
      for (let i = 0; i < pieces[network]; i++) {
        const piece = bytes.slice(i * SNAPSHOT_PIECE_BYTES, (i + 1) * SNAPSHOT_PIECE_BYTES);
        await set([runId, epoch, network, i], piece, this.snapshotStore);
      }
    }
    const entry: SnapshotEntry = { runId, epoch, step, pieces };
    await set(runId, entry, this.snapshotStore);
    await this.snapshotStore('readwrite', (s) => {
      s.delete(IDBKeyRange.bound([runId], [runId, epoch], false, true));
      s.delete(IDBKeyRange.bound([runId, epoch, []], [runId, []], true, true));
      return promisifyRequest(s.transaction);
    });
  }

  async snapshot(runId: string): Promise<RaceSnapshot | undefined> {
    const entry = await get<SnapshotEntry | RaceSnapshot>(runId, this.snapshotStore);
    // A snapshot stored whole, as pages before the pieces stored it.
    if (!entry || 'networks' in entry) return entry;
    const networks: Record<string, ArrayBuffer> = {};
    for (const [network, count] of Object.entries(entry.pieces)) {
      const range = IDBKeyRange.bound([runId, entry.epoch, network, 0], [runId, entry.epoch, network, '']);
      const pieces = (await this.snapshotStore('readonly', (s) => promisifyRequest(s.getAll(range)))) as ArrayBuffer[];
      if (pieces.length !== count) return undefined;
      networks[network] = joined(pieces);
    }
    return { runId, epoch: entry.epoch, step: entry.step, networks };
  }

  async remove(runId: string): Promise<void> {
    await del(runId, this.runStore);
    await this.recordStore('readwrite', (s) => promisifyRequest(s.delete(chunksOf(runId))));
    await this.snapshotStore('readwrite', (s) => {
      s.delete(runId);
      s.delete(IDBKeyRange.bound([runId], [runId, []]));
      return promisifyRequest(s.transaction);
    });
    this.nextChunk.delete(runId);
  }

  private async chunkCount(runId: string): Promise<number> {
    const keys = await this.recordStore('readonly', (s) => promisifyRequest(s.getAllKeys(chunksOf(runId))));
    return keys.reduce<number>((n, key) => Math.max(n, Number((key as [string, number])[1]) + 1), 0);
  }
}

/** The largest piece of a snapshot that one put serialises on the page's thread. */
export const SNAPSHOT_PIECE_BYTES = 1 << 20;

/** A snapshot's entry: its epoch and step, and how many pieces [runId, epoch, network, i] hold each network. */
interface SnapshotEntry {
  runId: string;
  epoch: number;
  step: number;
  pieces: Record<string, number>;
}

function joined(pieces: readonly ArrayBuffer[]): ArrayBuffer {
  const whole = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const piece of pieces) {
    whole.set(new Uint8Array(piece), at);
    at += piece.byteLength;
  }
  return whole.buffer;
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
