/**
 * State of the classify page, kept outside React so that results survive leaving and re-entering the
 * page: the photos and their results, the prediction mode, and what the page says about its inputs. The
 * networks that classify them, the backend and the worker's restarts are the networks store's
 * (views/networks/networks-store.ts): photos wait for a network to be loaded there, and while a restarted
 * worker is given its networks again. Classifying goes through the app's inference session. Components
 * read it with useSyncExternalStore (useClassify.ts); every change replaces the state object.
 */
import type { InferenceFailure } from '../../runtime/worker/errors.ts';
import {
  CLASSIFIABLE_NETWORKS,
  type ClassifiableNetwork,
  type ClassifyImage,
  type ClassifyOutcome,
  type InferenceNetwork,
} from '../../runtime/worker/protocol.ts';
import { isTrainedNetworkId } from '../../model/trained.ts';
import type { InferenceSession } from '../../runtime/session/inference-session.ts';
import { MAX_INSIDE_RUNS } from '../../runtime/inside/protocol.ts';
import { sortInputs } from './inputs.ts';
import { photoLibrary, type PhotoLibrary } from '../photos/library.ts';
import { PhotoList } from './photo-list.ts';
import { PhotoQueue, type PhotoJob } from './photo-queue.ts';
import { DEFAULT_CLASSIFY_MODE, isDefaultMode, withEta, type ClassifyMode } from './prediction-mode.ts';
import { classify as english, type ClassifyMessages } from '../i18n/en/classify.ts';
import { failed } from '../i18n/said.ts';
import type { NetworksStore } from '../networks/networks-store.ts';
import type { ClassifySaid } from '../i18n/classify.ts';
import { nextMessageId, type Message } from '../networks/networks-state.ts';
import type { ClassifyState } from './classify-state.ts';

export type { PhotoEntry } from './photo-list.ts';
export type { ClassifyState } from './classify-state.ts';

const isFailure = (error: unknown): error is InferenceFailure => error instanceof Error && 'kind' in error;
/** The hint to load a network, said while photos wait for one. */
const WAITING: ClassifySaid = { code: 'store.waiting' };
const isWaiting = (m: Message<ClassifySaid>) => 'code' in m.text && m.text.code === WAITING.code;

export class ClassifyStore {
  private state: ClassifyState;
  private readonly listeners = new Set<() => void>();
  private readonly photoList: PhotoList;
  /** Each photo's slot in the library once kept there (classified with it: see ClassifyImage's `slot`). */
  private readonly slots = new Map<number, Promise<string | undefined>>();
  /** Multi-crop predictions in progress, by photo, to cancel them. */
  private readonly predictions = new Map<number, AbortController>();
  private nextId = 1;
  /** The words of messages said from now on (the page sets the reader's language; English until then). */
  private words: ClassifyMessages = english;
  private readonly photoQueue: PhotoQueue;

  constructor(
    private readonly session: InferenceSession,
    /** The networks that classify the photos (loaded, loading, and the worker's restarts). */
    readonly networks: NetworksStore,
    mode: ClassifyMode = DEFAULT_CLASSIFY_MODE,
    private readonly library: PhotoLibrary = photoLibrary(),
    /** What is wrong with the page's own settings (the URL's `crops=`), said first. */
    problems: readonly ClassifySaid[] = [],
  ) {
    this.photoList = new PhotoList(
      () => this.nextId++,
      (photos) => this.update({ photos }),
    );
    this.photoQueue = new PhotoQueue(this.photoList, {
      gate: () => networks.gate(), // not while a restarted worker is being given its networks again
      loaded: () => networks.loadedNetworks(),
      loading: () => CLASSIFIABLE_NETWORKS.filter((n) => networks.isLoading(n)),
      mode: () => this.state.mode ?? DEFAULT_CLASSIFY_MODE,
      classify: (job) => this.classifyPhoto(job),
    });
    // A network whose loading failed or was cancelled is no longer awaited.
    networks.subscribe(() => this.photoList.stopAwaiting((n) => networks.isLoaded(n) || networks.isLoading(n)));
    networks.onReady(() => this.networkReady());
    this.state = {
      mode,
      photos: [],
      messages: problems.map((text) => ({ id: nextMessageId(), tone: 'error' as const, text })),
    };
  }

  getSnapshot = (): ClassifyState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Files dropped, picked or pasted: photos are classified, weights files loaded, the rest refused. */
  async addFiles(files: readonly File[]): Promise<void> {
    const { photos, weights, rejected } = sortInputs(files, this.words);
    for (const { message } of rejected) this.message('error', message);
    for (const file of weights) await this.networks.loadDroppedWeights(file);
    for (const file of photos) {
      const { id } = this.photoList.add(file);
      this.slots.set(id, this.keep(id, file));
    }
    if (
      photos.length > 0 &&
      this.networks.loadedNetworks().length === 0 &&
      !this.networks.anyLoading() &&
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
    this.slots.delete(id);
    this.photoList.remove(id);
  }

  /** Says what it says from now on in these words (the reader's language). */
  setWords(words: ClassifyMessages): void {
    this.words = words;
  }

  /** The mode for photos classified from now on (those done keep theirs). */
  setMode(mode: ClassifyMode): void {
    this.update({ mode });
  }

  /** Stops a multi-crop prediction in progress; the photo says it was cancelled. */
  cancelPhoto(id: number): void {
    this.predictions.get(id)?.abort();
  }

  /** Dismisses a message of the page's list, said by this store or the networks store. */
  dismissMessage(id: number): void {
    this.networks.dismissMessage(id);
    if (this.state.messages.some((m) => m.id === id))
      this.update({ messages: this.state.messages.filter((m) => m.id !== id) });
  }

  /** Classifies one camera frame (transferred) with the loaded networks, through the session. */
  classifyFrame(bitmap: ImageBitmap, networks: readonly InferenceNetwork[]): Promise<ClassifyOutcome> {
    return this.classifyImage({ kind: 'bitmap', bitmap, name: 'camera frame' }, networks);
  }

  private classifyImage(image: ClassifyImage, networks: readonly InferenceNetwork[]): Promise<ClassifyOutcome> {
    return this.session.call((client) => client.classify(image, networks, 5));
  }

  /** Keeps the photo in this browser's library, so that "Look inside" can open it in the explorer; its slot. */
  private async keep(id: number, file: File): Promise<string | undefined> {
    try {
      const slot = await this.library.add(file, file.name || 'pasted image');
      if (this.state.photos.some((p) => p.id === id)) this.photoList.set(id, { slot });
      else await this.library.remove(slot);
      return slot;
    } catch {
      // Without a slot the card offers no "Look inside"; classifying is unaffected.
      return undefined;
    }
  }

  /** Networks may classify: the hint to load one has done its job (if one is loaded), and waiting photos go. */
  private networkReady(): void {
    if (this.networks.loadedNetworks().length > 0 && this.state.messages.some(isWaiting))
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
        // Sent with its slot, the worker's run keeps the photo's look inside, and only the last MAX_INSIDE_RUNS
        // per network: a photo with as many classified after it would lose it unused, and pay for it (depth
        // taps, kept segment inputs). Without one it goes at once, not after its library write.
        const slot = job.behind < MAX_INSIDE_RUNS ? await this.slots.get(id) : undefined;
        // The worker may have stopped while the photo was being kept: a new one is given its networks first.
        await this.networks.gate();
        const image = { kind: 'blob' as const, blob: file, name, ...(slot !== undefined ? { slot } : {}) };
        const outcome = await this.classifyImage(image, networks);
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

  private message(tone: Message['tone'], text: ClassifySaid): number {
    const id = nextMessageId();
    this.update({ messages: [...this.state.messages, { id, tone, text }] });
    return id;
  }

  private update(change: Partial<ClassifyState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
