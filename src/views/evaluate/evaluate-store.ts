/**
 * State of the evaluate page, outside React (components read it with useSyncExternalStore): the chosen
 * labelled set, the prediction mode, the run (start, pause, resume, cancel) with its progress, the
 * per-image records, and their summary. Predictions come from the app's one inference worker (the
 * classify session's client, whose weights cards load the networks). Each record is stored as soon as it
 * exists, so a reload resumes where the run stopped once the same folder is chosen again.
 */
import { datasetFingerprint, DatasetError, findLocCsv, labelDataset } from '../../runtime/evaluation/dataset.ts';
import { predictionsCsv } from '../../runtime/evaluation/export-csv.ts';
import { LocCsvError } from '../../runtime/evaluation/loc-csv.ts';
import {
  DEFAULT_MODE,
  modeKey,
  modeNetworks,
  modelTitle,
  passesPerImage,
  type PredictionMode,
} from '../../runtime/evaluation/mode.ts';
import type { RealLabels } from '../../runtime/evaluation/real-labels.ts';
import {
  summarize,
  worstClasses,
  yieldedModes,
  type ClassConfusion,
  type ImageRecord,
  type Summary,
} from '../../runtime/evaluation/records.ts';
import { runEvaluation, type EvaluateImage } from '../../runtime/evaluation/run.ts';
import { keepsFeatures } from '../../runtime/evaluation/feature-map.ts';
import type { ClassifiableNetwork } from '../../runtime/worker/protocol.ts';
import type { EvaluateState, Predictor } from './evaluate-state.ts';
import { folderName, type FolderFile } from './folder-files.ts';
import type { RunMeta, RunStatus, RunStorage } from './persistence.ts';
import { evaluate as english, type EvaluateMessages } from '../i18n/en/evaluate.ts';
import { storageFailure } from '../../model/storage-failure.ts';
import { failed } from '../i18n/said.ts';

const messageOf = (error: unknown) => failed(error).failure;
const kindOf = (error: unknown) =>
  error instanceof Error && 'kind' in error ? (error as { kind: string }).kind : undefined;
const isImageFailure = (error: unknown) => kindOf(error) === 'image';

export class EvaluateStore {
  private state: EvaluateState;
  private readonly listeners = new Set<() => void>();
  private files = new Map<string, File>();
  private controller: AbortController | undefined;
  private stopAs: RunStatus = 'paused';
  private summaryTimer: ReturnType<typeof setTimeout> | undefined;
  private worst: { key: string; version: number; classes: ClassConfusion[] } | undefined;
  /** Records of the run shown, in order of completion. */
  records: ImageRecord[] = [];
  /** The pooled features of the run's first images, by index (the feature map's; see feature-map.ts). */
  features = new Map<number, Float32Array>();
  /** The words of messages said from now on (the page sets the reader's language; English until then). */
  private words: EvaluateMessages = english;

  constructor(
    private readonly inference: () => Predictor,
    private readonly storage: RunStorage,
    private readonly loadReal: () => Promise<RealLabels>,
  ) {
    this.state = {
      mode: DEFAULT_MODE,
      choosing: false,
      status: 'idle',
      recordsVersion: 0,
      real: { on: false },
      ...(storage.persistent ? {} : { storageNotice: { code: 'store.notPersistent' } as const }),
    };
  }

  getSnapshot = (): EvaluateState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Shows the run kept in this browser, if any; a run that was running when the page closed is paused. */
  async restore(): Promise<void> {
    const stored = await this.storage.load().catch(() => undefined);
    if (!stored || this.state.run) return;
    this.records = stored.records;
    this.features = stored.features;
    // A run stored as done whose results did not all reach storage is not done here: it resumes.
    const partial = stored.meta.status === 'done' && stored.records.length < stored.meta.total;
    const status = stored.meta.status === 'running' || partial ? 'paused' : stored.meta.status;
    this.update({
      run: { ...stored.meta, status },
      mode: stored.meta.mode,
      status,
      recordsVersion: this.state.recordsVersion + 1,
      summary: this.computeSummary(),
      ...(partial
        ? { storageNotice: { code: 'store.partlyKept', params: [stored.records.length, stored.meta.total] } as const }
        : {}),
    });
  }

  /** The files of a chosen or dropped folder: labels them by layout and recognises a stored run's set. */
  async choose(files: readonly FolderFile[]): Promise<void> {
    if (this.state.status === 'running') return;
    this.update({ choosing: true, chooseError: undefined });
    try {
      const csv = findLocCsv(files);
      const dataset = labelDataset(files, csv ? await csv.file.text() : undefined);
      const fingerprint = await datasetFingerprint(dataset);
      this.files = new Map(files.map((f) => [f.path, f.file]));
      this.update({ chosen: { name: folderName(files, this.words), dataset, fingerprint }, choosing: false });
    } catch (error) {
      const known = error instanceof DatasetError || error instanceof LocCsvError;
      this.update({
        choosing: false,
        chooseError: known
          ? { code: 'store.folderProblem', params: [folderName(files, this.words), messageOf(error)] }
          : { code: 'store.unreadableFolder', params: [messageOf(error)] },
      });
    }
  }

  /** Says what it says from now on in these words (the reader's language). */
  setWords(words: EvaluateMessages): void {
    this.words = words;
  }

  setMode(mode: PredictionMode): void {
    if (this.state.status !== 'running') this.update({ mode });
  }

  /** Counts ReaL top-1 too; the labels (≈114 kB) are loaded the first time. */
  async setReal(on: boolean): Promise<void> {
    this.update({ real: { ...this.state.real, on, error: undefined } });
    if (!on || this.state.real.labels) return this.refreshSummary();
    this.update({ real: { ...this.state.real, loading: true } });
    try {
      const labels = await this.loadReal();
      this.update({ real: { on: this.state.real.on, labels } });
    } catch (error) {
      this.update({ real: { on: false, error: { code: 'store.realFailed', params: [messageOf(error)] } } });
    }
    this.refreshSummary();
  }

  /** Can the stored run continue with the chosen set? */
  get resumable(): boolean {
    const { run, chosen, status } = this.state;
    return !!run && !!chosen && status === 'paused' && run.fingerprint === chosen.fingerprint;
  }

  /** Why the run cannot start now, or undefined. */
  startProblem(loaded: readonly ClassifiableNetwork[], mode: PredictionMode = this.state.mode): string | undefined {
    if (!this.state.chosen) return this.words.store.chooseFirst;
    const missing = modeNetworks(mode.model).filter((n) => !loaded.includes(n));
    if (missing.length > 0)
      return this.words.store.loadFirst(missing.map((n) => modelTitle(n)).join(this.words.store.and));
    return undefined;
  }

  /** Starts a new run on the chosen set in the current mode, replacing any stored one. */
  async start(): Promise<void> {
    const chosen = this.state.chosen;
    if (!chosen || this.state.status === 'running') return;
    await this.storage.clear().catch(() => undefined);
    this.records = [];
    this.features = new Map();
    if (this.state.storageFailed) this.update({ storageFailed: false, storageNotice: undefined });
    const now = Date.now();
    const meta: RunMeta = {
      version: 1,
      fingerprint: chosen.fingerprint,
      datasetName: chosen.name,
      layout: chosen.dataset.layout,
      total: chosen.dataset.images.length,
      mode: this.state.mode,
      status: 'running',
      startedAt: now,
      updatedAt: now,
    };
    this.update({
      run: meta,
      summary: this.computeSummary(),
      progress: undefined,
      recordsVersion: this.state.recordsVersion + 1,
    });
    await this.runFrom(meta);
  }

  async resume(): Promise<void> {
    if (!this.resumable || !this.state.run) return;
    await this.runFrom(this.state.run);
  }

  /** Stops after the images in flight are dropped; resume does them again. */
  pause(): void {
    this.stop('paused');
  }

  /** Stops for good: the results so far stay, a new run starts over. */
  cancel(): void {
    if (this.state.status === 'running') this.stop('cancelled');
    else if (this.state.status === 'paused' && this.state.run) void this.finish('cancelled');
  }

  /** The per-image predictions as CSV, every mode the run yields. */
  csv(): string {
    const keys = this.state.run ? yieldedModes(this.state.run.mode).map(modeKey) : [];
    return predictionsCsv(this.records, keys, this.state.real.on ? this.state.real.labels : undefined);
  }

  /** The worst classes of a mode, computed again only when the records changed. */
  worstClasses(key: string): ClassConfusion[] {
    const version = this.state.recordsVersion;
    if (this.worst?.key !== key || this.worst.version !== version)
      this.worst = { key, version, classes: worstClasses(this.records, key) };
    return this.worst.classes;
  }

  /** The chosen file at `path` (for thumbnails), while the folder is chosen. */
  fileAt(path: string): File | undefined {
    return this.files.get(path);
  }

  private stop(as: RunStatus): void {
    if (this.state.status !== 'running') return;
    this.stopAs = as;
    this.controller?.abort();
  }

  private async runFrom(meta: RunMeta): Promise<void> {
    const chosen = this.state.chosen!;
    const controller = new AbortController();
    this.controller = controller;
    this.stopAs = 'paused';
    const running = { ...meta, status: 'running' as const, updatedAt: Date.now() };
    this.update({ run: running, status: 'running', error: undefined, workerStopped: undefined });
    await this.saveMeta(running);
    let status: RunStatus;
    try {
      const end = await runEvaluation(
        {
          items: chosen.dataset.images.map((image, index) => ({ ...image, index })),
          done: new Set(this.records.map((r) => r.index)),
          alreadySkipped: this.records.filter((r) => r.error).length,
          passesPerImage: passesPerImage(meta.mode),
          evaluate: this.evaluator(meta.mode),
          isImageProblem: isImageFailure,
          record: (record) => this.keep(record),
          onProgress: (progress) => this.update({ progress }),
        },
        controller.signal,
      );
      status = end === 'done' ? 'done' : this.stopAs;
    } catch (error) {
      status = 'paused';
      if (kindOf(error) === 'restarting') this.update({ workerStopped: true });
      else this.update({ error: { code: 'store.stopped', params: [messageOf(error)] } });
    }
    if (this.controller === controller) this.controller = undefined;
    await this.finish(status);
  }

  private async finish(status: RunStatus): Promise<void> {
    const run = this.state.run && { ...this.state.run, status, updatedAt: Date.now() };
    if (run) await this.saveMeta(run);
    clearTimeout(this.summaryTimer);
    this.summaryTimer = undefined;
    this.update({ run, status, summary: this.computeSummary(), recordsVersion: this.state.recordsVersion + 1 });
  }

  private evaluator(mode: PredictionMode): EvaluateImage {
    const networks = modeNetworks(mode.model);
    const client = this.inference();
    return async (item, { signal, onPass }) => {
      const file = this.files.get(item.path);
      if (!file) throw new Error(`${item.path} is no longer available: choose the folder again`);
      const outcome = await client.predict(
        { kind: 'blob', blob: file, name: item.path },
        {
          networks,
          crops: mode.crops,
          ensemble: mode.model === 'ensemble',
          topK: 5,
          features: keepsFeatures(item.index),
        },
        // Pass-by-pass progress only where an image takes long: each callback is a message.
        { signal, ...(mode.crops > 1 ? { onProgress: () => onPass() } : {}) },
      );
      if (mode.crops === 1) networks.forEach(() => onPass());
      if (outcome.features) await this.keepFeatures(item.index, outcome.features.values);
      return {
        predictions: Object.fromEntries(
          outcome.modes.map((m) => [
            modeKey(m as PredictionMode),
            { top5: m.top.map((t) => t.classIndex), p1: m.top[0]?.probability ?? 0 },
          ]),
        ),
      };
    };
  }

  private async keep(record: ImageRecord): Promise<void> {
    try {
      await this.storage.addRecord(record);
    } catch (error) {
      this.storageFailed(error);
    }
    this.records.push(record);
    this.scheduleSummary();
  }

  /** A compact copy (the worker's array may view a larger buffer), stored beside the records. */
  private async keepFeatures(index: number, values: Float32Array): Promise<void> {
    const copy = values.slice();
    await this.storage.addFeatures(index, copy).catch((error: unknown) => this.storageFailed(error));
    this.features.set(index, copy);
  }

  private async saveMeta(meta: RunMeta): Promise<void> {
    await this.storage.saveMeta(meta).catch((error: unknown) => this.storageFailed(error));
  }

  /** A write failed (quota, site data cleared under the page): say once that results are not kept, and why. */
  private storageFailed(error: unknown): void {
    if (this.state.storageFailed) return;
    const failure = storageFailure(error);
    const reason = failure.kind === 'other' ? failure.detail : { word: `storage.${failure.kind}` as const };
    this.update({ storageFailed: true, storageNotice: { code: 'store.notKept', params: [reason] } });
  }

  /** Summaries cost O(records): at most a few a second, however fast images come. */
  private scheduleSummary(): void {
    if (this.summaryTimer) return;
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = undefined;
      this.refreshSummary();
    }, 300);
  }

  private refreshSummary(): void {
    this.update({ summary: this.computeSummary(), recordsVersion: this.state.recordsVersion + 1 });
  }

  private computeSummary(): Summary | undefined {
    if (!this.state.run && this.records.length === 0) return undefined;
    return summarize(this.records, this.state.real.on ? this.state.real.labels : undefined);
  }

  private update(change: Partial<EvaluateState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
