/**
 * State of the lab page, outside React (components read it with useSyncExternalStore): the run shown
 * (live in the training worker, or opened from this browser's storage), a second run to compare with,
 * the stored runs, and the files chosen as data. Records are appended as the worker sends them and stored
 * in chunks; at each epoch's end the race's snapshot is stored, so that after a reload the run resumes
 * from it (`start` with `from`). A network that stops (NaN, divergence) only ends its own records.
 *
 * The worker comes through `startWorker` and the definitions through `entries` (both injected: the page
 * gives the real worker and src/model/small, tests a fake TrainingApi and stand-in networks).
 */
// The training worker's API and the types it takes and gives: Training.RaceRequest and so on.
import type * as Training from '../../runtime/training/protocol.ts';
import type { LabStorage, StoredRun } from './persistence.ts';
import { raceData, type ChosenFiles } from './race-data.ts';
import type { RaceEntriesBuilder } from './race-entries.ts';
import { RunRecorder } from './run-recorder.ts';
import { trainingConfig, type LabSettings, type RaceChoice } from './settings.ts';
import { storageFailure } from '../../model/storage-failure.ts';
import { ACTIVE, interrupted, type LearnState, type RunView, type TrainingWorker } from './learn-state.ts';
import { failureDetailOf } from '../../runtime/failure-words.ts';

export interface LearnDeps {
  startWorker: () => TrainingWorker;
  storage: LabStorage;
  entries: RaceEntriesBuilder;
  now?: () => number;
  newRunId?: () => string;
}

export class LearnStore {
  private state: LearnState;
  private readonly listeners = new Set<() => void>();
  private worker: TrainingWorker | undefined;
  private recorder: RunRecorder | undefined;
  /** Writes of earlier races' recorders still under way. */
  private earlierWrites: Promise<void> = Promise.resolve();
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  private readonly newRunId: () => string;

  constructor(private readonly deps: LearnDeps) {
    this.now = deps.now ?? Date.now;
    this.newRunId = deps.newRunId ?? (() => `run-${this.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
    this.state = {
      live: false,
      racing: false,
      runs: [],
      recordsVersion: 0,
      ...(deps.storage.persistent ? {} : { storageNotice: { kind: 'not-persistent' } }),
    };
  }

  getSnapshot = (): LearnState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Lists the stored runs and shows the latest (a run cut short by a reload can then resume). */
  async restore(): Promise<void> {
    const runs = await this.deps.storage.runs().catch(() => [] as StoredRun[]);
    this.update({ runs });
    if (this.state.run || runs.length === 0) return;
    await this.open(runs[0].runId);
  }

  chooseFiles(files: ChosenFiles | undefined): void {
    this.update({ files, problem: undefined });
  }

  /** Starts a new race with these settings. */
  async start(settings: LabSettings): Promise<void> {
    if (ACTIVE.has(this.livePhase() ?? '')) return;
    const entries = this.build(settings);
    const data = entries && this.dataChoice(settings, entries);
    if (!entries || !data) return;
    const now = this.now();
    const stored: StoredRun = {
      version: 1,
      runId: this.newRunId(),
      settings,
      networks: entries.map((e) => e.id),
      phase: 'loading-data',
      ...(this.state.files && data.kind === this.state.files.kind ? { dataName: this.state.files.name } : {}),
      startedAt: now,
      updatedAt: now,
    };
    await this.race(stored, [], entries, data);
  }

  /** Pauses the live race, or nothing. */
  async pause(): Promise<void> {
    const runId = this.state.run?.stored.runId;
    if (runId && this.state.live && this.phase() === 'training') await this.call((api) => api.pause(runId));
  }

  /** Resumes the live race, or a run cut short by a reload from its latest snapshot. */
  async resume(): Promise<void> {
    const view = this.state.run;
    if (!view) return;
    if (this.state.live) {
      if (this.phase() === 'paused') await this.call((api) => api.resume(view.stored.runId));
      return;
    }
    if (!interrupted(view, false) || ACTIVE.has(this.livePhase() ?? '')) return;
    const snapshot = await this.deps.storage.snapshot(view.stored.runId).catch(() => undefined);
    if (!snapshot) {
      this.update({ problem: { kind: 'no-snapshot' } });
      return;
    }
    const settings = view.stored.settings;
    const entries = this.build(settings);
    const data = entries && this.dataChoice(settings, entries, view.stored.dataName);
    if (!entries || !data) return;
    // Records after the snapshot are done again; networks that had stopped stay stopped.
    const kept = view.records.filter((r) => r.step <= snapshot.step);
    const stopped = new Set(kept.filter((r) => r.type === 'stopped').map((r) => r.network));
    await this.race(
      { ...view.stored, updatedAt: this.now() },
      kept,
      entries.filter((e) => !stopped.has(e.id)),
      data,
      snapshot,
    );
  }

  /** Stops the live race for good (its records stay), or closes a run cut short. */
  async stop(): Promise<void> {
    const view = this.state.run;
    if (!view) return;
    if (this.state.live) {
      if (ACTIVE.has(this.phase() ?? '')) await this.call((api) => api.stop(view.stored.runId));
      return;
    }
    if (interrupted(view, false)) await this.saveRun({ ...view.stored, phase: 'stopped', updatedAt: this.now() });
  }

  /** Shows a stored run; while the race shown is training, the stored run is overlaid on it instead. */
  async open(runId: string): Promise<void> {
    if (runId === this.state.liveRunId && this.recorder) {
      const status = this.state.run?.stored.runId === runId ? this.state.run.status : undefined;
      const run = { stored: this.recorder.current(), records: this.recorder.records(), ...(status ? { status } : {}) };
      this.update({ run, compare: undefined, problem: undefined });
      return;
    }
    const view = await this.load(runId);
    if (!view) return;
    if (this.state.live && ACTIVE.has(this.phase() ?? '')) this.update({ compare: view });
    else this.update({ run: view, compare: undefined, problem: undefined });
  }

  /** Overlays a stored run on the one shown (dashed), or removes the overlay. */
  async compareWith(runId: string | undefined): Promise<void> {
    if (!runId || runId === this.state.run?.stored.runId) {
      this.update({ compare: undefined });
      return;
    }
    const view = await this.load(runId);
    if (view) this.update({ compare: view });
  }

  /** Forgets a stored run (not the live one). */
  async remove(runId: string): Promise<void> {
    if (runId === this.state.liveRunId) return;
    await this.deps.storage.remove(runId).catch(() => undefined);
    const runs = this.state.runs.filter((r) => r.runId !== runId);
    this.update({
      runs,
      ...(this.state.run?.stored.runId === runId ? { run: undefined } : {}),
      ...(this.state.compare?.stored.runId === runId ? { compare: undefined } : {}),
    });
  }

  /** A trained network of the live race as a safetensors file. */
  async exportWeights(network: string): Promise<ArrayBuffer | undefined> {
    const runId = this.state.run?.stored.runId;
    if (!runId || !this.state.live || !this.worker) return undefined;
    this.update({ exporting: network });
    try {
      return await this.worker.api.exportWeights(runId, network);
    } catch (error) {
      this.update({ problem: { kind: 'worker', failure: failureDetailOf(error) } });
      return undefined;
    } finally {
      this.update({ exporting: undefined });
    }
  }

  /** The definitions of these choices (throws where they cannot be built: the page says why). */
  definitions(choices: readonly RaceChoice[], raceScale?: number): Training.RaceEntry[] {
    return this.deps.entries(choices, raceScale);
  }

  /** Resolves once every write so far is stored (tests, and before a reload). */
  async settled(): Promise<void> {
    await this.earlierWrites;
    await this.recorder?.settled();
  }

  /** The phase of the run shown. */
  private phase() {
    return this.state.run?.status?.phase ?? this.state.run?.stored.phase;
  }

  /** The phase of the race the worker holds, shown or not. */
  private livePhase() {
    return this.state.liveRunId ? this.recorder?.current().phase : undefined;
  }

  /** The race's data, or undefined (and the problem said) when its files are not chosen. */
  private dataChoice(
    settings: LabSettings,
    entries: readonly Training.RaceEntry[],
    wanted?: string,
  ): Training.DataChoice | undefined {
    const data = raceData(settings, entries[0]?.network.input[0] ?? 32, this.state.files, wanted);
    if (!data && (settings.data === 'cifar10-files' || settings.data === 'folder')) {
      this.update({ problem: { kind: 'files', dataKind: settings.data, ...(wanted ? { name: wanted } : {}) } });
    }
    return data;
  }

  /** The race's definitions, or undefined (and the problem said) when they cannot be built. */
  private build(settings: LabSettings): Training.RaceEntry[] | undefined {
    try {
      return this.deps.entries(settings.networks, settings.scale);
    } catch (error) {
      this.update({ problem: { kind: 'networks', failure: failureDetailOf(error) } });
      return undefined;
    }
  }

  private async race(
    stored: StoredRun,
    records: Training.ProgressRecord[],
    entries: readonly Training.RaceEntry[],
    data: Training.DataChoice,
    from?: Training.RaceSnapshot,
  ): Promise<void> {
    const worker = this.ensureWorker();
    const recorder: RunRecorder = new RunRecorder(stored, records, this.deps.storage, {
      snapshot: () => worker.api.snapshot(stored.runId),
      failed: (error) => this.update({ storageNotice: { kind: 'write-failed', failure: storageFailure(error) } }),
      changed: (changed) => {
        this.upsertRun(changed);
        const run = this.state.run;
        if (run?.stored.runId === changed.runId) this.update({ run: { ...run, stored: changed } });
      },
    });
    if (from) recorder.replaceStored();
    const earlier = this.recorder;
    if (earlier) this.earlierWrites = this.earlierWrites.then(() => earlier.settled());
    this.recorder = recorder;
    this.update({ run: { stored, records: recorder.records() }, liveRunId: stored.runId, problem: undefined });
    this.upsertRun(stored);
    await recorder.store();
    const request: Training.RaceRequest = {
      runId: stored.runId,
      entries,
      data,
      config: trainingConfig(stored.settings),
      backend: stored.settings.backend,
      ...(from ? { from } : {}),
    };
    const mine = () => this.recorder === recorder;
    // Not awaited: a worker may answer `start` at once or only when the race ends; what happens in between
    // comes through the callbacks.
    worker.api
      .start(
        request,
        (batch) => {
          if (!mine()) return;
          recorder.append(batch);
          this.scheduleNotify();
        },
        (status) => {
          if (mine()) this.onStatus(recorder, status);
        },
      )
      .catch((error: unknown) => {
        if (mine()) this.onStatus(recorder, { runId: stored.runId, phase: 'failed', failure: failureDetailOf(error) });
      });
  }

  private onStatus(recorder: RunRecorder, status: Training.RaceStatus): void {
    const stored = recorder.setStatus(status, this.now());
    this.flushNotify();
    this.upsertRun(stored);
    if (this.state.run?.stored.runId === stored.runId) {
      this.update({ run: { stored, records: recorder.records(), status } });
    }
  }

  private ensureWorker(): TrainingWorker {
    if (this.worker) return this.worker;
    const worker = this.deps.startWorker();
    this.worker = worker;
    void worker.gone.then((why) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const recorder = this.recorder;
      if (recorder && ACTIVE.has(this.livePhase() ?? '')) {
        this.onStatus(recorder, {
          runId: recorder.runId,
          phase: 'failed',
          ...(why ? { failure: { code: 'error', params: { message: why } } } : {}),
        });
      }
      this.update({ liveRunId: undefined });
    });
    return worker;
  }

  private async call(run: (api: Training.TrainingApi) => Promise<void>): Promise<void> {
    if (!this.worker) return;
    try {
      await run(this.worker.api);
    } catch (error) {
      this.update({ problem: { kind: 'worker', failure: failureDetailOf(error) } });
    }
  }

  private async load(runId: string): Promise<RunView | undefined> {
    await this.settled();
    const stored =
      this.state.runs.find((r) => r.runId === runId) ??
      (await this.deps.storage.runs().catch(() => [])).find((r) => r.runId === runId);
    if (!stored) return undefined;
    const records = await this.deps.storage.records(runId).catch(() => []);
    return { stored, records };
  }

  private async saveRun(stored: StoredRun): Promise<void> {
    await this.deps.storage
      .saveRun(stored)
      .catch((error: unknown) =>
        this.update({ storageNotice: { kind: 'write-failed', failure: storageFailure(error) } }),
      );
    this.upsertRun(stored);
    if (this.state.run?.stored.runId === stored.runId) this.update({ run: { ...this.state.run, stored } });
  }

  private upsertRun(stored: StoredRun): void {
    const others = this.state.runs.filter((r) => r.runId !== stored.runId);
    this.update({ runs: [stored, ...others].sort((a, b) => b.startedAt - a.startedAt) });
  }

  /** Records arrive every step: the page is told at most five times a second. */
  private scheduleNotify(): void {
    if (this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => this.flushNotify(), 200);
  }

  private flushNotify(): void {
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    const run = this.state.run;
    if (run && this.recorder && run.stored.runId === this.recorder.runId) {
      this.update({ run: { ...run, records: this.recorder.records() }, recordsVersion: this.state.recordsVersion + 1 });
    }
  }

  private update(change: Partial<Omit<LearnState, 'live' | 'racing'>>): void {
    const next = { ...this.state, ...change };
    const live = next.liveRunId !== undefined && next.run?.stored.runId === next.liveRunId;
    const racing = next.liveRunId !== undefined && ACTIVE.has(this.recorder?.current().phase ?? '');
    this.state = { ...next, live, racing };
    for (const listener of this.listeners) listener();
  }
}
