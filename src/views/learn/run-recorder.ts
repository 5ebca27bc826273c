/**
 * Keeps one live run: its records in memory, and in storage in chunks (every two seconds, at each
 * epoch's end and when the race ends); when every network still racing has ended an epoch, the race's
 * snapshot is asked for and stored, with the epoch it reached (the point a reload resumes from). Writes
 * happen one after another, in order.
 */
import type { ProgressRecord, RaceSnapshot, RaceStatus } from '../../runtime/training/protocol.ts';
import type { LabStorage, StoredRun } from './persistence.ts';

export interface RecorderHooks {
  /** The race's latest end-of-epoch snapshot (TrainingApi.snapshot). */
  snapshot: () => Promise<RaceSnapshot | undefined>;
  /** A write failed (the storage's error): the run will not survive a reload as it is. */
  failed: (error: unknown) => void;
  /** The stored run changed (a snapshot was stored). */
  changed: (stored: StoredRun) => void;
}

const ENDED: ReadonlySet<string> = new Set(['finished', 'stopped', 'failed']);
const FLUSH_MS = 2000;

export class RunRecorder {
  readonly runId: string;
  private readonly list: ProgressRecord[];
  private pending: ProgressRecord[] = [];
  private writes: Promise<void> = Promise.resolve();
  private stored: StoredRun;
  /** Epoch records seen per network, and the networks that stopped. */
  private readonly epochs = new Map<string, number>();
  private readonly stopped = new Set<string>();
  private snapshotAsked: number;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    stored: StoredRun,
    records: readonly ProgressRecord[],
    private readonly storage: LabStorage,
    private readonly hooks: RecorderHooks,
  ) {
    this.runId = stored.runId;
    this.stored = stored;
    this.list = [...records];
    for (const r of records) this.count(r);
    this.snapshotAsked = stored.snapshotEpoch ?? 0;
  }

  /** The records so far (a copy: the page's charts are computed again when it changes). */
  records(): ProgressRecord[] {
    return this.list.slice();
  }

  append(records: readonly ProgressRecord[]): void {
    this.list.push(...records);
    this.pending.push(...records);
    for (const r of records) this.count(r);
    const racing = this.stored.networks.filter((n) => !this.stopped.has(n));
    const ended = racing.length > 0 ? Math.min(...racing.map((n) => this.epochs.get(n) ?? 0)) : 0;
    if (ended > this.snapshotAsked) {
      this.snapshotAsked = ended;
      this.flush();
      this.queue(async () => {
        const snapshot = await this.hooks.snapshot();
        if (!snapshot || snapshot.epoch <= (this.stored.snapshotEpoch ?? 0)) return;
        await this.storage.saveSnapshot(snapshot);
        this.stored = { ...this.stored, snapshotEpoch: snapshot.epoch };
        await this.storage.saveRun(this.stored);
        this.hooks.changed(this.stored);
      });
    } else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), FLUSH_MS);
    }
  }

  /** Takes the worker's status into the stored run (and stores it); the race's end flushes the records. */
  setStatus(status: RaceStatus, now: number): StoredRun {
    this.stored = {
      ...this.stored,
      phase: status.phase,
      updatedAt: now,
      ...(status.backend ? { backend: status.backend } : {}),
      ...(status.failure ? { failure: status.failure } : {}),
    };
    if (ENDED.has(status.phase)) this.flush();
    // The run as it is when written: a snapshot stored meanwhile keeps its epoch.
    this.queue(() => this.storage.saveRun(this.stored));
    return this.stored;
  }

  /** The run as stored (or about to be). */
  current(): StoredRun {
    return this.stored;
  }

  /** Stores the run's state (at its start). */
  store(): Promise<void> {
    this.queue(() => this.storage.saveRun(this.stored));
    return this.settled();
  }

  /** Stores the records kept in memory in place of those stored (resuming from a snapshot drops later ones). */
  replaceStored(): void {
    const records = this.list.slice();
    this.queue(() => this.storage.replaceRecords(this.runId, records));
  }

  settled(): Promise<void> {
    this.flush();
    return this.writes;
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    this.queue(() => this.storage.appendRecords(this.runId, records));
  }

  private queue(write: () => Promise<void>): void {
    this.writes = this.writes.then(write).catch((error: unknown) => this.hooks.failed(error));
  }

  private count(r: ProgressRecord): void {
    if (r.type === 'epoch') this.epochs.set(r.network, (this.epochs.get(r.network) ?? 0) + 1);
    else if (r.type === 'stopped') this.stopped.add(r.network);
  }
}
