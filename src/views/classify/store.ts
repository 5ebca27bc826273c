/**
 * State of the classify page, kept outside React so that loaded networks and results survive leaving
 * and re-entering the page. The worker belongs to the app's inference session (runtime/session/inference-session.ts):
 * every call goes through it, and when it restarts a worker that failed, this store loads again what it
 * can (from the cache) and says what happened. Components read it with useSyncExternalStore
 * (useClassify.ts); every change replaces the state object.
 */
import { checkBaseUrl } from '../../runtime/loading/sources.ts';
import type { InferenceFailure } from '../../runtime/worker/errors.ts';
import {
  CLASSIFIABLE_NETWORKS,
  type BackendChoice,
  type ClassifiableNetwork,
  type ClassifyImage,
  type ClassifyOutcome,
  type InferenceNetwork,
  type OnnxFile,
  type TrainedNetworkId,
  type WeightsRequest,
  type WorkerEvent,
} from '../../runtime/worker/protocol.ts';
import { isTrainedNetworkId, trainedNetworkId } from '../../model/trained.ts';
import { trainedLibrary, type TrainedLibrary } from '../trained/library.ts';
import { loadTrained } from './trained.ts';
import type { InferenceSession, SessionStatus } from '../../runtime/session/inference-session.ts';
import { adviceOf, fitsElsewhere } from './advice.ts';
import { sortInputs } from './inputs.ts';
import { BACKEND_TITLES } from './names.ts';
import { photoLibrary, type PhotoLibrary } from '../photos/library.ts';
import { PhotoList } from './photo-list.ts';
import { PhotoQueue, type PhotoJob } from './photo-queue.ts';
import { DEFAULT_CLASSIFY_MODE, isDefaultMode, withEta, type ClassifyMode } from './prediction-mode.ts';
import { cacheUsable } from './progress.ts';
import type { ClassifySettings } from './settings.ts';
import { classify as english, type ClassifyMessages } from '../i18n/en/classify.ts';
import { failed } from '../i18n/said.ts';

export type { PhotoEntry } from './photo-list.ts';
import type {
  ClassifySaid,
  ClassifyState,
  Message,
  TrainedView,
  WeightsAdvice,
  WeightsView,
} from './classify-state.ts';

export type { ClassifyState, Message, WeightsView } from './classify-state.ts';

const isFailure = (error: unknown): error is InferenceFailure => error instanceof Error && 'kind' in error;
/** The hint to load a network, said while photos wait for one. */
const WAITING: ClassifySaid = { code: 'store.waiting' };
const isWaiting = (m: Message) => 'code' in m.text && m.text.code === WAITING.code;

export class ClassifyStore {
  private state: ClassifyState;
  private readonly listeners = new Set<() => void>();
  private readonly loads = new Map<ClassifiableNetwork, AbortController>();
  private readonly photoList: PhotoList;
  /** Multi-crop predictions in progress, by photo, to cancel them. */
  private readonly predictions = new Map<number, AbortController>();
  private nextId = 1;
  /** The words of messages said from now on (the page sets the reader's language; English until then). */
  private words: ClassifyMessages = english;
  private readonly photoQueue: PhotoQueue;
  private started = false;
  /** Closed while a new worker replaces a failed one and its networks are loaded again. */
  private gate: Promise<void> = Promise.resolve();
  private openGate: (() => void) | undefined;

  constructor(
    private readonly session: InferenceSession,
    settings: ClassifySettings,
    mode: ClassifyMode = DEFAULT_CLASSIFY_MODE,
    private readonly library: PhotoLibrary = photoLibrary(),
    private readonly trainedNetworks: () => TrainedLibrary = trainedLibrary,
  ) {
    this.photoList = new PhotoList(
      () => this.nextId++,
      (photos) => this.update({ photos }),
    );
    this.photoQueue = new PhotoQueue(this.photoList, {
      gate: () => this.gate, // not while a restarted worker is being given its networks again
      loaded: () => this.loadedNetworks(),
      loading: () => CLASSIFIABLE_NETWORKS.filter((n) => this.isLoading(n)),
      mode: () => this.state.mode ?? DEFAULT_CLASSIFY_MODE,
      classify: (job) => this.classifyPhoto(job),
    });
    // A network whose loading failed or was cancelled is no longer awaited.
    this.subscribe(() => this.photoList.stopAwaiting((n) => this.isLoaded(n) || this.isLoading(n)));
    this.state = {
      settings,
      mode,
      session: session.status(),
      backendBusy: false,
      weights: Object.fromEntries(CLASSIFIABLE_NETWORKS.map((n) => [n, { network: n }])) as ClassifyState['weights'],
      trained: {},
      photos: [],
      messages: settings.problems.map((text) => ({ id: this.nextId++, tone: 'error' as const, text })),
    };
  }

  /**
   * Follows the session (its status, its worker's events, its restarts), then reads what is cached,
   * starts the chosen backend, and loads the networks whose weights are in the cache from the current
   * source (a returning visitor can classify at once, offline).
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.session.onWorkerEvent((event) => this.onWorkerEvent(event));
    this.session.onStatus((status) => this.onSessionStatus(status));
    this.session.onRestart((status) => void this.afterRestart(status));
    this.onSessionStatus(this.session.status());
    await this.prepare();
  }

  getSnapshot = (): ClassifyState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Networks ready to classify: the released networks with weights, then the trained networks opened here. */
  loadedNetworks(): InferenceNetwork[] {
    const trained = Object.values(this.state.trained)
      .filter((v) => v.state?.loaded)
      .map((v) => v.network);
    return [...CLASSIFIABLE_NETWORKS.filter((n) => this.state.weights[n].state?.loaded), ...trained];
  }

  /** Whether `network` is loaded in the worker. */
  isLoaded(network: InferenceNetwork): boolean {
    return isTrainedNetworkId(network)
      ? this.state.trained[network]?.state?.loaded !== undefined
      : this.state.weights[network].state?.loaded !== undefined;
  }

  /** Loads a trained network kept in this browser (views/trained/library.ts) into the worker. */
  async openTrained(network: TrainedNetworkId): Promise<void> {
    if (this.state.trained[network]?.loading) return;
    this.setTrained(network, { loading: true, error: undefined });
    try {
      this.setTrained(network, {
        state: await loadTrained(this.session, this.trainedNetworks(), network),
        loading: false,
      });
      this.loaded();
    } catch (error) {
      this.setTrained(network, { loading: false, error: failed(error) });
    }
  }

  /** Stops classifying with a trained network on this page (it stays in the library). */
  closeTrained(network: TrainedNetworkId): void {
    const { [network]: _, ...rest } = this.state.trained;
    this.update({ trained: rest });
  }

  async setBackend(choice: BackendChoice): Promise<void> {
    this.update({
      backendBusy: true,
      backendError: undefined,
      backendNotice: undefined,
      settings: { ...this.state.settings, backend: choice },
    });
    try {
      const report = await this.session.call((client) => client.setBackend(choice));
      this.update({ backend: report });
      if (choice !== 'auto' && report.active && report.active !== choice) {
        // The menu shows what runs, and says why the choice could not be honoured.
        const why = report.skipped.find((s) => s.backend === choice)?.reason ?? {
          word: 'backend.notAvailable' as const,
        };
        this.update({
          settings: { ...this.state.settings, backend: report.active },
          backendNotice: {
            code: 'backend.fallback',
            params: [BACKEND_TITLES[choice], why, BACKEND_TITLES[report.active]],
          },
        });
      }
    } catch (error) {
      this.update({ backendError: failed(error) });
    } finally {
      this.update({ backendBusy: false });
    }
  }

  setBaseUrl(text: string): string | undefined {
    const check = checkBaseUrl(text);
    if (!check.ok) return check.message;
    this.update({ settings: { ...this.state.settings, baseUrl: check.baseUrl, baseUrlFrom: 'stored' } });
    return undefined;
  }

  /** Loads the user's cached file, or the cached copy from the download source if there, else downloads. */
  async download(network: ClassifiableNetwork): Promise<void> {
    const cached = this.state.weights[network].state?.cached;
    await this.load(
      network,
      cached?.provenance.kind === 'file'
        ? { kind: 'cache', provenance: cached.provenance }
        : { kind: 'auto', baseUrl: this.state.settings.baseUrl },
    );
  }

  /** The network as an ONNX file, or undefined with the failure on its card. */
  async exportOnnx(network: ClassifiableNetwork): Promise<OnnxFile | undefined> {
    try {
      const file = await this.session.call((client) => client.exportOnnx(network));
      this.setWeights(network, { error: undefined });
      return file;
    } catch (error) {
      this.setWeights(network, { error: failed(error) });
      return undefined;
    }
  }

  async loadFile(network: ClassifiableNetwork, file: File): Promise<void> {
    await this.load(network, { kind: 'file', file, name: file.name });
  }

  /** Loads the file picked on `network`'s card, which is another network's checkpoint, into that network. */
  async loadWhereItFits(network: ClassifiableNetwork): Promise<void> {
    const misplaced = this.state.weights[network].misplaced;
    if (!misplaced) return;
    this.setWeights(network, { error: undefined, advice: undefined, misplaced: undefined });
    await this.load(misplaced.fits, { kind: 'file', file: misplaced.file, name: misplaced.name });
  }

  cancelLoad(network: ClassifiableNetwork): void {
    this.loads.get(network)?.abort();
  }

  async forget(network: ClassifiableNetwork): Promise<void> {
    try {
      this.setWeights(network, {
        state: await this.session.call((client) => client.forgetWeights(network)),
        error: undefined,
        advice: undefined,
      });
    } catch (error) {
      this.setWeights(network, { error: failed(error) });
    }
  }

  /** Files dropped, picked or pasted: photos are classified, weights files loaded, the rest refused. */
  async addFiles(files: readonly File[]): Promise<void> {
    const { photos, weights, rejected } = sortInputs(files, this.words);
    for (const { message } of rejected) this.message('error', message);
    for (const file of weights) await this.loadDroppedWeights(file);
    for (const file of photos) void this.keep(this.photoList.add(file).id, file);
    if (
      photos.length > 0 &&
      this.loadedNetworks().length === 0 &&
      !this.anyLoading() &&
      !this.state.messages.some(isWaiting)
    ) {
      this.message('info', WAITING);
    }
    this.classifyWaiting();
  }

  removePhoto(id: number): void {
    this.predictions.get(id)?.abort();
    const slot = this.state.photos.find((p) => p.id === id)?.slot;
    if (slot) void this.library.remove(slot).catch(() => undefined);
    this.photoList.remove(id);
  }

  /** The mode for photos classified from now on (those done keep theirs). */
  /** Says what it says from now on in these words (the reader's language). */
  setWords(words: ClassifyMessages): void {
    this.words = words;
  }

  setMode(mode: ClassifyMode): void {
    this.update({ mode });
  }

  /** Stops a multi-crop prediction in progress; the photo says it was cancelled. */
  cancelPhoto(id: number): void {
    this.predictions.get(id)?.abort();
  }

  dismissMessage(id: number): void {
    this.update({ messages: this.state.messages.filter((m) => m.id !== id) });
  }

  /** Classifies one camera frame (transferred) with the loaded networks, through the session. */
  classifyFrame(bitmap: ImageBitmap, networks: readonly InferenceNetwork[]): Promise<ClassifyOutcome> {
    return this.classifyImage({ kind: 'bitmap', bitmap, name: 'camera frame' }, networks);
  }

  private classifyImage(image: ClassifyImage, networks: readonly InferenceNetwork[]): Promise<ClassifyOutcome> {
    return this.session.call((client) => client.classify(image, networks, 5));
  }

  /** Keeps the photo in this browser's library, so that "Look inside" can open it in the explorer. */
  private async keep(id: number, file: File): Promise<void> {
    try {
      const slot = await this.library.add(file, file.name || 'pasted image');
      if (this.state.photos.some((p) => p.id === id)) this.photoList.set(id, { slot });
      else await this.library.remove(slot);
    } catch {
      // Without a slot the card offers no "Look inside"; classifying is unaffected.
    }
  }

  /** Backend, weights states, and the cached networks loaded again (at start, and after a restart). */
  private async prepare(): Promise<void> {
    try {
      await Promise.all(
        CLASSIFIABLE_NETWORKS.map(async (network) => {
          const state = await this.session.call((client) => client.weightsState(network)).catch(() => undefined);
          if (state) this.setWeights(network, { state });
        }),
      );
    } catch (error) {
      this.message('error', { code: 'store.couldNotStart', params: [failed(error).failure] });
      return;
    }
    await this.setBackend(this.state.settings.backend);
    for (const network of CLASSIFIABLE_NETWORKS) {
      const { state, loading } = this.state.weights[network];
      if (state?.cached && !state.loaded && !loading && cacheUsable(state.cached, this.state.settings.baseUrl)) {
        await this.load(network, { kind: 'cache', provenance: state.cached.provenance });
      }
    }
  }

  private onSessionStatus(status: SessionStatus): void {
    const before = this.state.session;
    this.update({ session: status });
    if (status.phase === 'restarting' && !this.openGate)
      this.gate = new Promise((resolve) => (this.openGate = resolve));
    if (status.phase === 'failed') {
      this.releaseGate();
      if (before.phase !== 'failed')
        this.message('error', status.failure ? { failure: status.failure } : { code: 'store.workerStopped' });
    }
  }

  private releaseGate(): void {
    this.openGate?.();
    this.openGate = undefined;
  }

  /** A new worker replaced one that failed: nothing is loaded in it. Say so, and load again what can be. */
  private async afterRestart(status: SessionStatus): Promise<void> {
    const lost = this.loadedNetworks();
    for (const network of CLASSIFIABLE_NETWORKS) this.setWeights(network, { state: undefined });
    const trained = Object.keys(this.state.trained) as TrainedNetworkId[];
    for (const network of trained) this.setTrained(network, { state: undefined });
    this.message('info', { code: 'store.restarted', params: [status.failure, lost.length > 0] });
    try {
      await this.prepare();
      for (const network of trained) await this.openTrained(network);
    } finally {
      this.releaseGate();
    }
    this.classifyWaiting();
  }

  private isLoading(network: InferenceNetwork): boolean {
    return !isTrainedNetworkId(network) && this.state.weights[network].loading !== undefined;
  }

  private anyLoading(): boolean {
    return CLASSIFIABLE_NETWORKS.some((n) => this.state.weights[n].loading);
  }

  /**
   * A dropped .safetensors file: a trained network's file is opened as one (kept in this browser); any
   * other, the worker finds the released network it fits and loads it there.
   */
  private async loadDroppedWeights(file: File): Promise<void> {
    const trained = await this.trainedNetworks()
      .open(file, file.name)
      .catch(() => undefined);
    if (trained) {
      await this.openTrained(trainedNetworkId(trained.id));
      return;
    }
    const notice = this.message('info', { code: 'weights.loadingFile', params: [file.name] });
    try {
      const state = await this.session.call((client) =>
        client.loadWeights('any', { kind: 'file', file, name: file.name }),
      );
      // It replaces whatever that network was loading.
      this.loads.get(state.network)?.abort();
      this.setWeights(state.network, { state, loading: undefined, error: undefined, advice: undefined });
      this.loaded();
    } catch (error) {
      if (!(isFailure(error) && error.kind === 'cancelled')) this.message('error', failed(error), adviceOf(error));
    } finally {
      this.dismissMessage(notice);
    }
  }

  private async load(network: ClassifiableNetwork, request: WeightsRequest): Promise<void> {
    this.loads.get(network)?.abort();
    const controller = new AbortController();
    this.loads.set(network, controller);
    this.setWeights(network, {
      loading: { source: request.kind },
      error: undefined,
      advice: undefined,
      misplaced: undefined,
    });
    try {
      const state = await this.session.call((client) =>
        client.with({ signal: controller.signal }).loadWeights(network, request, (progress) => {
          // Progress arrives on its own channel and may trail the end of the load: drop stale reports.
          if (this.loads.get(network) === controller)
            this.setWeights(network, { loading: { source: request.kind, progress } });
        }),
      );
      this.setWeights(network, { state, loading: undefined });
      if (state.loaded?.storeError)
        this.message('info', { code: 'weights.storeError', params: [state.loaded.storeError] });
      this.loaded();
    } catch (error) {
      const cancelled = isFailure(error) && error.kind === 'cancelled';
      // Another network's checkpoint, identified as such: the card offers to load it there.
      const fits = request.kind === 'file' ? fitsElsewhere(error, network) : undefined;
      this.setWeights(network, {
        loading: undefined,
        error: cancelled ? undefined : failed(error),
        advice: cancelled ? undefined : adviceOf(error, network),
        misplaced: fits && request.kind === 'file' ? { fits, file: request.file, name: request.name } : undefined,
      });
    } finally {
      if (this.loads.get(network) === controller) this.loads.delete(network);
    }
  }

  /** A network is ready: the hint to load one has done its job, and waiting photos go. */
  private loaded(): void {
    this.update({ messages: this.state.messages.filter((m) => !isWaiting(m)) });
    this.classifyWaiting();
  }

  /** Sends waiting photos (and those awaiting a network now ready) to the worker, a few at a time (photo-queue.ts). */
  private classifyWaiting(): void {
    this.photoQueue.kick();
  }

  /**
   * Classifies one photo with `job.networks`. A photo that fails (or whose file is gone) gets its message,
   * and the queue goes on with the next.
   */
  private async classifyPhoto(job: PhotoJob): Promise<void> {
    const { id, file, name, mode, networks } = job;
    if (!file) {
      this.photoList.settle(id, { status: 'error', error: { code: 'result.fileGone', params: [name] } });
      return;
    }
    try {
      // A trained network answers its one centre crop: in the paper's multi-crop modes it is left out.
      const released = networks.filter((n): n is ClassifiableNetwork => !isTrainedNetworkId(n));
      if (isDefaultMode(mode) || released.length === 0) {
        const outcome = await this.classifyImage({ kind: 'blob', blob: file, name }, networks);
        this.photoList.settle(id, { status: 'done', outcome: this.photoQueue.merged(job, outcome) });
      } else {
        await this.predict(id, file, name, mode, released);
      }
    } catch (error) {
      if (this.photoQueue.putBack(job, error)) return;
      const cancelled = isFailure(error) && error.kind === 'cancelled';
      this.photoList.settle(id, {
        status: 'error',
        progress: undefined,
        error: cancelled ? { code: 'result.cancelled' } : failed(error),
      });
    }
  }

  /** A multi-crop or ensemble prediction, with its progress in forward passes; cancellable. */
  private async predict(
    id: number,
    file: File,
    name: string,
    mode: ClassifyMode,
    networks: ClassifiableNetwork[],
  ): Promise<void> {
    const controller = new AbortController();
    this.predictions.set(id, controller);
    const startedAt = performance.now();
    const ensemble = mode.ensemble && networks.length === CLASSIFIABLE_NETWORKS.length;
    try {
      const prediction = await this.session.call((client) =>
        client
          .with({ signal: controller.signal })
          .predict(
            { kind: 'blob', blob: file, name },
            { networks, crops: mode.crops, ensemble, topK: 5, crop: true },
            (progress) => {
              // Progress travels on its own channel and may trail the answer: ignore it once the photo is done.
              if (this.predictions.get(id) === controller)
                this.photoList.set(id, { progress: withEta(progress, startedAt, performance.now()) });
            },
          ),
      );
      this.photoList.settle(id, { status: 'done', prediction, progress: undefined, mode: { ...mode, ensemble } });
    } finally {
      this.predictions.delete(id);
    }
  }

  private onWorkerEvent(event: WorkerEvent): void {
    if (event.kind === 'backend') {
      this.update({ backend: event.report });
    } else if (event.kind === 'trained') {
      if (this.state.trained[event.state.network]) this.setTrained(event.state.network, { state: event.state });
    } else {
      this.setWeights(event.state.network, { state: event.state });
    }
  }

  private message(tone: Message['tone'], text: ClassifySaid, advice?: WeightsAdvice): number {
    const id = this.nextId++;
    this.update({ messages: [...this.state.messages, { id, tone, text, ...(advice ? { advice } : {}) }] });
    return id;
  }

  private setWeights(network: ClassifiableNetwork, change: Partial<WeightsView>): void {
    this.update({ weights: { ...this.state.weights, [network]: { ...this.state.weights[network], ...change } } });
  }

  private setTrained(network: TrainedNetworkId, change: Partial<TrainedView>): void {
    this.update({
      trained: { ...this.state.trained, [network]: { ...this.state.trained[network], network, ...change } },
    });
  }

  private update(change: Partial<ClassifyState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
