/**
 * The networks of the app's inference worker, kept outside React so that they survive leaving and
 * re-entering a page: which are loaded, from where (weights states: cache, download, file), the trained
 * networks opened here, the backend and its report, the download source, and the worker's life (its
 * session's status and restarts). The worker belongs to the app's inference session
 * (runtime/session/inference-session.ts): every call goes through it, and when it restarts a worker that failed,
 * this store loads again what it can (from the cache) and says what happened. The classify, evaluate and
 * inside pages read it with useSyncExternalStore (useNetworks.ts); every change replaces the state object.
 */
import { checkBaseUrl } from '../../runtime/loading/sources.ts';
import type { InferenceFailure } from '../../runtime/worker/errors.ts';
import {
  CLASSIFIABLE_NETWORKS,
  type BackendChoice,
  type ClassifiableNetwork,
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
import { BACKEND_TITLES } from './names.ts';
import { cacheUsable } from './progress.ts';
import type { NetworkSettings } from './settings.ts';
import { failed } from '../i18n/said.ts';
import type { NetworksSaid } from '../i18n/networks.ts';
import {
  nextMessageId,
  type Message,
  type NetworksState,
  type TrainedView,
  type WeightsAdvice,
  type WeightsView,
} from './networks-state.ts';

const isFailure = (error: unknown): error is InferenceFailure => error instanceof Error && 'kind' in error;

export class NetworksStore {
  private state: NetworksState;
  private readonly listeners = new Set<() => void>();
  /** Told when networks may classify: one was loaded, or a restarted worker was given its networks again. */
  private readonly readyListeners = new Set<() => void>();
  private readonly loads = new Map<ClassifiableNetwork, AbortController>();
  private started = false;
  /** Closed while a new worker replaces a failed one and its networks are loaded again. */
  private closedGate: Promise<void> = Promise.resolve();
  private openGate: (() => void) | undefined;

  constructor(
    private readonly session: InferenceSession,
    settings: NetworkSettings,
    private readonly trainedNetworks: () => TrainedLibrary = trainedLibrary,
  ) {
    this.state = {
      settings,
      session: session.status(),
      backendBusy: false,
      weights: Object.fromEntries(CLASSIFIABLE_NETWORKS.map((n) => [n, { network: n }])) as NetworksState['weights'],
      trained: {},
      messages: settings.problems.map((text) => ({ id: nextMessageId(), tone: 'error' as const, text })),
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

  getSnapshot = (): NetworksState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Calls `listener` whenever networks may classify (one was loaded; a restarted worker has its networks). */
  onReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  /** Resolves when the worker may be asked (not while a restarted one is given its networks again). */
  gate(): Promise<void> {
    return this.closedGate;
  }

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

  /** Whether `network`'s weights are loading now (a trained network loads without a progress to await). */
  isLoading(network: InferenceNetwork): boolean {
    return !isTrainedNetworkId(network) && this.state.weights[network].loading !== undefined;
  }

  anyLoading(): boolean {
    return CLASSIFIABLE_NETWORKS.some((n) => this.state.weights[n].loading);
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
      this.ready();
    } catch (error) {
      this.setTrained(network, { loading: false, error: failed(error) });
    }
  }

  /** Stops classifying with a trained network (it stays in the library). */
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

  /**
   * A dropped .safetensors file: a trained network's file is opened as one (kept in this browser); any
   * other, the worker finds the released network it fits and loads it there.
   */
  async loadDroppedWeights(file: File): Promise<void> {
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
      this.ready();
    } catch (error) {
      if (!(isFailure(error) && error.kind === 'cancelled')) this.message('error', failed(error), adviceOf(error));
    } finally {
      this.dismissMessage(notice);
    }
  }

  dismissMessage(id: number): void {
    if (this.state.messages.some((m) => m.id === id))
      this.update({ messages: this.state.messages.filter((m) => m.id !== id) });
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
    // Closed before anyone hears of the restart: a listener of this store (the classify page) may ask for
    // the next photo at once, which must wait until the new worker has its networks.
    if (status.phase === 'restarting' && !this.openGate)
      this.closedGate = new Promise((resolve) => (this.openGate = resolve));
    this.update({ session: status });
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
    this.ready();
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
      this.ready();
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

  /** Networks may classify: those who wait for them (the classify page's photos) go on. */
  private ready(): void {
    for (const listener of this.readyListeners) listener();
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

  private message(tone: Message['tone'], text: NetworksSaid, advice?: WeightsAdvice): number {
    const id = nextMessageId();
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

  private update(change: Partial<NetworksState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
