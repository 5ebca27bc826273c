/**
 * State of the classify page, kept outside React so that loaded networks and results survive leaving
 * and re-entering the page (the worker lives as long as the app). Components read it with
 * useSyncExternalStore (useClassify.ts); every change replaces the state object.
 */
import { formatBytes } from '../../runtime/loading/download.ts';
import type { CachedWeightsInfo } from '../../runtime/loading/cache.ts';
import { checkBaseUrl, provenanceOf, sameProvenance } from '../../runtime/loading/sources.ts';
import type { InferenceClient } from '../../runtime/worker/client.ts';
import type { InferenceFailure } from '../../runtime/worker/errors.ts';
import {
  CLASSIFIABLE_NETWORKS, type BackendChoice, type BackendReport, type ClassifiableNetwork, type ClassifyOutcome,
  type LoadPhaseProgress, type WeightsRequest, type WeightsState, type WorkerEvent,
} from '../../runtime/worker/protocol.ts';
import { reasonOf, weightsAdvice } from './advice.ts';
import { sortInputs } from './inputs.ts';
import type { ClassifySettings } from './settings.ts';

export interface WeightsView {
  network: ClassifiableNetwork;
  state?: WeightsState;
  loading?: { source: WeightsRequest['kind']; progress?: LoadPhaseProgress };
  error?: string;
  /** What to do about `error`, shown first (the error is the detail). */
  advice?: string;
}

export interface PhotoEntry {
  id: number;
  name: string;
  status: 'waiting' | 'classifying' | 'done' | 'error';
  outcome?: ClassifyOutcome;
  error?: string;
}

export interface Message {
  id: number;
  tone: 'error' | 'info';
  text: string;
  /** What to do, shown before `text` (which then is the detail). */
  advice?: string;
}

export interface ClassifyState {
  settings: ClassifySettings;
  backend?: BackendReport;
  backendBusy: boolean;
  backendError?: string;
  weights: Readonly<Record<ClassifiableNetwork, WeightsView>>;
  photos: readonly PhotoEntry[];
  messages: readonly Message[];
}

const isFailure = (error: unknown): error is InferenceFailure => error instanceof Error && 'kind' in error;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class ClassifyStore {
  private state: ClassifyState;
  private readonly listeners = new Set<() => void>();
  private readonly loads = new Map<ClassifiableNetwork, AbortController>();
  private readonly files = new Map<number, File>();
  private nextId = 1;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly client: InferenceClient, settings: ClassifySettings) {
    this.state = {
      settings,
      backendBusy: false,
      weights: Object.fromEntries(CLASSIFIABLE_NETWORKS.map((n) => [n, { network: n }])) as ClassifyState['weights'],
      photos: [],
      messages: settings.problems.map((text) => ({ id: this.nextId++, tone: 'error' as const, text })),
    };
    client.onCrash((failure) => this.message('error', `${failure.message}. Reload the page to start it again.`));
  }

  /**
   * Subscribes to the worker's events, reads what is cached, starts the chosen backend, and loads the
   * networks whose weights are in the cache (a returning visitor can classify at once, offline).
   */
  async start(): Promise<void> {
    try {
      await this.client.subscribe((event) => this.onWorkerEvent(event));
      await Promise.all(CLASSIFIABLE_NETWORKS.map(async (network) => {
        const state = await this.client.weightsState(network).catch(() => undefined);
        if (state) this.setWeights(network, { state });
      }));
    } catch (error) {
      this.message('error', `The classifier could not start: ${messageOf(error)}`);
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

  getSnapshot = (): ClassifyState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Networks ready to classify. */
  loadedNetworks(): ClassifiableNetwork[] {
    return CLASSIFIABLE_NETWORKS.filter((n) => this.state.weights[n].state?.loaded);
  }

  async setBackend(choice: BackendChoice): Promise<void> {
    this.update({ backendBusy: true, backendError: undefined, settings: { ...this.state.settings, backend: choice } });
    try {
      this.update({ backend: await this.client.setBackend(choice) });
    } catch (error) {
      this.update({ backendError: messageOf(error) });
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
    await this.load(network, cached?.provenance.kind === 'file' ? { kind: 'cache', provenance: cached.provenance }
      : { kind: 'auto', baseUrl: this.state.settings.baseUrl });
  }

  async loadFile(network: ClassifiableNetwork, file: File): Promise<void> {
    await this.load(network, { kind: 'file', file, name: file.name });
  }

  cancelLoad(network: ClassifiableNetwork): void {
    this.loads.get(network)?.abort();
  }

  async forget(network: ClassifiableNetwork): Promise<void> {
    try {
      this.setWeights(network, { state: await this.client.forgetWeights(network), error: undefined });
    } catch (error) {
      this.setWeights(network, { error: messageOf(error) });
    }
  }

  /** Files dropped, picked or pasted: photos are classified, weights files loaded, the rest refused. */
  async addFiles(files: readonly File[]): Promise<void> {
    const { photos, weights, rejected } = sortInputs(files);
    for (const { message } of rejected) this.message('error', message);
    for (const file of weights) await this.loadDroppedWeights(file);
    for (const file of photos) {
      const id = this.nextId++;
      this.files.set(id, file);
      this.update({ photos: [{ id, name: file.name || 'pasted image', status: 'waiting' }, ...this.state.photos] });
    }
    if (photos.length > 0 && this.loadedNetworks().length === 0 && !this.anyLoading()) {
      this.message('info', 'Load the weights of a network (above) to classify these photos.');
    }
    this.classifyWaiting();
  }

  removePhoto(id: number): void {
    const photo = this.state.photos.find((p) => p.id === id);
    photo?.outcome?.results.forEach((r) => r.crop.close?.());
    this.files.delete(id);
    this.update({ photos: this.state.photos.filter((p) => p.id !== id) });
  }

  dismissMessage(id: number): void {
    this.update({ messages: this.state.messages.filter((m) => m.id !== id) });
  }

  /** The inference client, for the webcam loop. */
  get inference(): InferenceClient {
    return this.client;
  }

  private anyLoading(): boolean {
    return CLASSIFIABLE_NETWORKS.some((n) => this.state.weights[n].loading);
  }

  /** A dropped .safetensors file: the worker finds the network it fits and loads it there. */
  private async loadDroppedWeights(file: File): Promise<void> {
    const notice = this.message('info', `Loading ${file.name}…`);
    try {
      const state = await this.client.loadWeights('any', { kind: 'file', file, name: file.name });
      // It replaces whatever that network was loading.
      this.loads.get(state.network)?.abort();
      this.setWeights(state.network, { state, loading: undefined, error: undefined });
      this.classifyWaiting();
    } catch (error) {
      if (!(isFailure(error) && error.kind === 'cancelled')) this.message('error', messageOf(error), weightsAdvice(reasonOf(error)));
    } finally {
      this.dismissMessage(notice);
    }
  }

  private async load(network: ClassifiableNetwork, request: WeightsRequest): Promise<void> {
    this.loads.get(network)?.abort();
    const controller = new AbortController();
    this.loads.set(network, controller);
    this.setWeights(network, { loading: { source: request.kind }, error: undefined, advice: undefined });
    try {
      const state = await this.client.loadWeights(network, request, {
        signal: controller.signal,
        onProgress: (progress) => {
          // Progress arrives on its own channel and may trail the end of the load: drop stale reports.
          if (this.loads.get(network) === controller) this.setWeights(network, { loading: { source: request.kind, progress } });
        },
      });
      this.setWeights(network, { state, loading: undefined });
      if (state.loaded?.storeError) this.message('info', `${state.loaded.storeError}. The weights work now but will be loaded again next time.`);
      this.classifyWaiting();
    } catch (error) {
      const cancelled = isFailure(error) && error.kind === 'cancelled';
      this.setWeights(network, {
        loading: undefined,
        error: cancelled ? undefined : messageOf(error),
        advice: cancelled ? undefined : weightsAdvice(reasonOf(error), network),
      });
    } finally {
      if (this.loads.get(network) === controller) this.loads.delete(network);
    }
  }

  /** Classifies waiting photos one after another with every loaded network. */
  private classifyWaiting(): void {
    this.queue = this.queue.then(async () => {
      for (;;) {
        const networks = this.loadedNetworks();
        const photo = [...this.state.photos].reverse().find((p) => p.status === 'waiting');
        if (!photo || networks.length === 0) return;
        const file = this.files.get(photo.id);
        if (!file) return this.setPhoto(photo.id, { status: 'error', error: 'the file is no longer available' });
        this.setPhoto(photo.id, { status: 'classifying' });
        try {
          const outcome = await this.client.classify({ kind: 'blob', blob: file, name: photo.name }, networks, 5);
          this.setPhoto(photo.id, { status: 'done', outcome });
        } catch (error) {
          this.setPhoto(photo.id, { status: 'error', error: messageOf(error) });
        }
      }
    });
  }

  private onWorkerEvent(event: WorkerEvent): void {
    if (event.kind === 'backend') {
      this.update({ backend: event.report });
    } else {
      this.setWeights(event.state.network, { state: event.state });
    }
  }

  private message(tone: Message['tone'], text: string, advice?: string): number {
    const id = this.nextId++;
    this.update({ messages: [...this.state.messages, { id, tone, text, ...(advice ? { advice } : {}) }] });
    return id;
  }

  private setWeights(network: ClassifiableNetwork, change: Partial<WeightsView>): void {
    this.update({ weights: { ...this.state.weights, [network]: { ...this.state.weights[network], ...change } } });
  }

  private setPhoto(id: number, change: Partial<PhotoEntry>): void {
    this.update({ photos: this.state.photos.map((p) => (p.id === id ? { ...p, ...change } : p)) });
  }

  private update(change: Partial<ClassifyState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

/**
 * Whether a cached copy is used now: the user's own file, or a copy from the current download source
 * (a mirror's copy never stands in for Hugging Face's, nor the other way round).
 */
export function cacheUsable(cached: CachedWeightsInfo | undefined, baseUrl: string): boolean {
  return !!cached && (cached.provenance.kind === 'file' || sameProvenance(cached.provenance, provenanceOf(baseUrl)));
}

/** "12.3 MB of 171.2 MB (7 %), 4.1 MB/s" */
export function describeProgress(progress: LoadPhaseProgress | undefined): string {
  if (!progress) return 'starting…';
  switch (progress.phase) {
    case 'read-cache': return 'reading from this browser’s cache…';
    case 'read-file': return 'reading the file…';
    case 'validate': return 'checking the weights…';
    case 'store': return 'keeping a copy in this browser’s cache…';
    case 'build': return 'building the network…';
    case 'download': {
      const received = progress.received ?? 0;
      const total = progress.total;
      const share = total ? ` (${Math.floor((received / total) * 100)} %)` : '';
      const speed = progress.bytesPerSecond ? `, ${formatBytes(progress.bytesPerSecond)}/s` : '';
      const retry = (progress.attempt ?? 1) > 1 ? `, attempt ${progress.attempt}` : '';
      return `${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ''}${share}${speed}${retry}`;
    }
  }
}
