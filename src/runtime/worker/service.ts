/**
 * What the inference worker does, independent of how messages reach it: keeps the backend, the loaded
 * networks and their weights' whereabouts, loads weights (cache, download, file) with progress and
 * cancellation, classifies photos, and recovers from a lost GPU device on the next backend. The
 * TensorFlow.js specifics sit behind `InferenceRuntime` (inference-runtime.ts, implemented by runtime.ts),
 * so this orchestration is tested in Node with a small runtime. Matching a file to a network is in
 * identify.ts, the ONNX export in onnx-export.ts, multi-crop prediction in prediction.ts and looking
 * inside in inside-service.ts.
 */
import { WeightsCache } from '../loading/cache.ts';
import { loadWeights } from '../loading/load-weights.ts';
import { BACKEND_TITLES } from '../backends/select.ts';
import type {
  ClassMap,
  ClassMapOptions,
  DetailOptions,
  GradCamProgress,
  LookInsideResult,
  NodeDetail,
  NodeSummary,
  ResidualScales,
  SummaryOptions,
} from '../inside/protocol.ts';
import type { PartingPoint } from '../inside/parting-protocol.ts';
import { Limiter, MicroBatcher, sequentially } from './batcher.ts';
import { asFailure, InferenceFailure } from './errors.ts';
import { failureDetailOf, type FailureDetail } from '../failure-words.ts';
import { identifyWeights } from './identify.ts';
import type { DecodedPhoto, InferenceRuntime } from './inference-runtime.ts';
import { InsideService } from './inside-service.ts';
import type { ChannelMaxima } from '../inside/top-examples.ts';
import { VisualizeService } from './visualize-service.ts';
import {
  indexedDbVisualizations,
  memoryVisualizations,
  type VisualizationStore,
} from '../inside/visualization-store.ts';
import type { ChannelVisualization, VisualizeProgress, VisualizeRequest } from '../inside/visualize-protocol.ts';
import { exportLoadedOnnx } from './onnx-export.ts';
import { predictPhoto } from './prediction.ts';
import { buildAgain, checkpointed, disposeQuietly, loadedInfo, type LoadedNetwork, type Rebuilt } from './rebuild.ts';
import { TaskQueue } from './task-queue.ts';
import { readTrainedFile } from './trained.ts';
import { isTrainedNetworkId } from '../../model/trained.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import { topClasses } from '../top-k.ts';
import {
  type BackendChoice,
  type BackendName,
  type BackendReport,
  type ClassifiableNetwork,
  type ClassifyImage,
  type ClassifyOutcome,
  type InferenceApi,
  type InferenceNetwork,
  type LoadPhaseProgress,
  type TrainedState,
  type NetworkResult,
  type OnnxFile,
  type PredictOutcome,
  type PredictProgress,
  type PredictRequest,
  type WeightsRequest,
  type WeightsState,
  type WorkerEvent,
} from './protocol.ts';

const now = () => performance.now();

/** Photos inferred together at most (more would delay the first results of a dropped folder). */
const MAX_BATCH = 4;

interface BatchResult {
  probabilities: Float32Array;
  /** The batch's inference time shared equally among its photos. */
  inferenceMs: number;
  backend: BackendName;
}

/** The backend's notice (why it stopped), where it has one. */
const noticeOf = (report: BackendReport): { notice?: FailureDetail } =>
  report.notice ? { notice: report.notice } : {};

export class InferenceService implements InferenceApi {
  private report: BackendReport = { choice: 'auto', active: undefined, skipped: [] };
  private readonly loaded = new Map<InferenceNetwork, LoadedNetwork>();
  private readonly loads = new Map<string, AbortController>();
  private readonly predictions = new Map<string, AbortController>();
  private readonly listeners: ((event: WorkerEvent) => void)[] = [];
  private readonly lostBackends: BackendName[] = [];
  /** Serialises backend switches, network builds and classifications: they share one backend. */
  private readonly tasks = new TaskQueue();
  /** Counts lost devices: work begun before the last loss must not register what it built. */
  private epoch = 0;
  /** Photos being decoded at once (each holds a full-size image until preprocessed). */
  private readonly preparing = new Limiter(2);
  private readonly batchers = new Map<InferenceNetwork, MicroBatcher<Float32Array, BatchResult>>();
  private readonly inside: InsideService;
  private readonly visualizations: VisualizeService;

  constructor(
    private readonly runtime: InferenceRuntime,
    private readonly cache: WeightsCache | undefined,
    visualizations: VisualizationStore = typeof indexedDB === 'undefined'
      ? memoryVisualizations()
      : indexedDbVisualizations(),
  ) {
    runtime.onDeviceLost((backend, cause) => this.onDeviceLost(backend, cause));
    this.inside = new InsideService({
      decode: (image) => runtime.decode(image),
      network: (network) => {
        const loaded = this.loaded.get(network);
        return (
          loaded && {
            ...(loaded.built.inside ? { inside: loaded.built.inside } : {}),
            backend: loaded.info.backend,
            definition: loaded.definition,
          }
        );
      },
      labels: (network) => this.labelsOf(network),
      serial: (task) => this.serial(task),
    });
    this.visualizations = new VisualizeService({
      network: (network) => {
        const loaded = this.loaded.get(network);
        const executor = loaded?.built.inside?.executor;
        return loaded && executor && { executor, definition: loaded.definition, sha256: loaded.info.sha256 };
      },
      store: visualizations,
      serial: (task) => this.serial(task),
    });
  }

  async subscribe(listener: (event: WorkerEvent) => void): Promise<void> {
    this.listeners.push(listener);
  }

  async backend(): Promise<BackendReport> {
    return this.report;
  }

  setBackend(choice: BackendChoice): Promise<BackendReport> {
    return this.serial(() => this.switchBackend(choice));
  }

  async weightsState(network: ClassifiableNetwork): Promise<WeightsState> {
    const definition = checkpointed(network);
    const cached = this.cache ? await this.cache.info(definition.checkpoint).catch(() => undefined) : undefined;
    return { network, cached, loaded: this.loaded.get(network)?.info };
  }

  async loadWeights(
    network: ClassifiableNetwork | 'any',
    request: WeightsRequest,
    loadId: string,
    onProgress?: (progress: LoadPhaseProgress) => void,
  ): Promise<WeightsState> {
    const controller = new AbortController();
    this.loads.set(loadId, controller);
    try {
      const target =
        network === 'any'
          ? await identifyWeights(request, (definition, bytes, name) => this.runtime.validate(definition, bytes, name))
          : network;
      await this.load(target, request, controller.signal, onProgress);
      const state = await this.weightsState(target);
      this.emit({ kind: 'weights', state });
      return state;
    } catch (error) {
      throw asFailure(error);
    } finally {
      this.loads.delete(loadId);
    }
  }

  async cancel(loadId: string): Promise<void> {
    this.loads.get(loadId)?.abort();
  }

  forgetWeights(network: ClassifiableNetwork): Promise<WeightsState> {
    return this.serial(async () => {
      const loaded = this.loaded.get(network);
      if (loaded) disposeQuietly(loaded.built);
      this.loaded.delete(network);
      if (this.cache) await this.cache.delete(checkpointed(network).checkpoint);
      const state = await this.weightsState(network);
      this.emit({ kind: 'weights', state });
      return state;
    });
  }

  /**
   * Decoding and preprocessing run outside the queue (a few photos at a time, while earlier ones are
   * inferred); inference goes through each network's batcher, whose batches run in the queue: photos
   * that pile up (a dropped folder) are inferred together, keeping every core busy.
   */
  async classify(image: ClassifyImage, networks: readonly InferenceNetwork[], topK: number): Promise<ClassifyOutcome> {
    this.assertLoaded(networks);
    const prepared = await this.preparing.run(async () => {
      const started = now();
      let decoded: DecodedPhoto;
      try {
        decoded = await this.runtime.decode(image);
      } catch (error) {
        throw new InferenceFailure('image', failureDetailOf(error));
      }
      const decodeMs = now() - started;
      try {
        const inputs = [];
        for (const network of networks) {
          const t0 = now();
          const { input, crop } = await decoded.prepare(this.definitionOf(network));
          inputs.push({ network, input, crop, preprocessMs: now() - t0 });
        }
        return { width: decoded.width, height: decoded.height, decodeMs, inputs };
      } finally {
        decoded.close();
      }
    });
    const results: NetworkResult[] = [];
    for (const { network, input, crop, preprocessMs } of prepared.inputs) {
      const { probabilities, inferenceMs, backend } = await this.batcherOf(network).add(input);
      results.push({
        network,
        top: topClasses(probabilities, topK, this.labelsOf(network)),
        crop,
        timings: { preprocessMs, inferenceMs },
        backend,
      });
    }
    return { width: prepared.width, height: prepared.height, decodeMs: prepared.decodeMs, results };
  }

  // Looking inside (InsideApi): queued like classifications, as they share the backend.

  attachPhoto(slot: string, image: ClassifyImage): Promise<{ width: number; height: number }> {
    return this.serial(() => this.inside.attachPhoto(slot, image));
  }

  lookInside(
    slot: string,
    network: InferenceNetwork,
    scales?: ResidualScales,
    prefetch?: readonly string[],
  ): Promise<LookInsideResult> {
    return this.serial(() => this.inside.lookInside(slot, network, scales, prefetch));
  }

  summaries(
    slot: string,
    network: InferenceNetwork,
    addresses: readonly string[],
    options?: SummaryOptions,
  ): Promise<NodeSummary[]> {
    return this.serial(() => this.inside.summaries(slot, network, addresses, options));
  }

  detail(slot: string, network: InferenceNetwork, address: string, options: DetailOptions): Promise<NodeDetail> {
    return this.serial(() => this.inside.detail(slot, network, address, options));
  }

  /** CAM in one turn; Grad-CAM in turns (the inside service queues them), with progress and cancelling. */
  classMaps(
    slot: string,
    network: InferenceNetwork,
    classes: readonly number[],
    options?: ClassMapOptions,
    onProgress?: (progress: GradCamProgress) => void,
  ): Promise<ClassMap[]> {
    return this.inside.classMaps(slot, network, classes, options, onProgress);
  }

  cancelGradCam(gradCamId: string): Promise<void> {
    return this.inside.cancelGradCam(gradCamId);
  }

  channelMaxima(slot: string, network: InferenceNetwork, addresses: readonly string[]): Promise<ChannelMaxima[]> {
    return this.serial(() => this.inside.channelMaxima(slot, network, addresses));
  }

  releasePhoto(slot: string): Promise<void> {
    return this.serial(() => this.inside.releasePhoto(slot));
  }

  partWays(first: string, second: string, network: InferenceNetwork, scales?: ResidualScales): Promise<PartingPoint[]> {
    return this.serial(() => this.inside.partWays(first, second, network, scales));
  }

  async predict(
    image: ClassifyImage,
    request: PredictRequest,
    onProgress?: (progress: PredictProgress) => void,
  ): Promise<PredictOutcome> {
    const controller = new AbortController();
    if (request.predictId) this.predictions.set(request.predictId, controller);
    try {
      return await predictPhoto(
        {
          decode: (photo) => this.runtime.decode(photo),
          definition: (network) => this.definitionOf(network),
          isLoaded: (network) => this.loaded.has(network),
          forward: (network, input, features) =>
            this.serial(async () => {
              controller.signal.throwIfAborted();
              const loaded = this.loaded.get(network);
              if (!loaded)
                throw new InferenceFailure('not-loaded', {
                  code: 'worker.unloaded',
                  params: { network: this.titleOf(network) },
                });
              if (features && loaded.built.withFeatures)
                return { ...(await loaded.built.withFeatures(input)), backend: loaded.info.backend };
              return { probabilities: await loaded.built.probabilities(input), backend: loaded.info.backend };
            }),
          topClasses: (probabilities, k, network) => topClasses(probabilities, k, this.labelsOf(network)),
        },
        image,
        request,
        controller.signal,
        onProgress,
      );
    } catch (error) {
      throw asFailure(error);
    } finally {
      if (request.predictId && this.predictions.get(request.predictId) === controller)
        this.predictions.delete(request.predictId);
    }
  }

  async cancelPrediction(predictId: string): Promise<void> {
    this.predictions.get(predictId)?.abort();
  }

  /** Feature visualisation (VisualizeApi): each step takes its turn in the queue, as it shares the backend. */
  visualizeChannel(
    request: VisualizeRequest,
    onProgress?: (progress: VisualizeProgress) => void,
  ): Promise<ChannelVisualization> {
    return this.visualizations.visualizeChannel(request, onProgress);
  }

  cancelVisualization(visualizeId: string): Promise<void> {
    return this.visualizations.cancelVisualization(visualizeId);
  }

  private assertLoaded(networks: readonly InferenceNetwork[]): void {
    const missing = networks.filter((n) => !this.loaded.has(n));
    if (networks.length === 0 || missing.length > 0) {
      throw new InferenceFailure('not-loaded', {
        code: 'worker.not-loaded',
        params: { networks: missing.map((n) => this.titleOf(n)) },
      });
    }
  }

  /** A loaded network's definition (a trained one's from its file), or a released network's. */
  private definitionOf(network: InferenceNetwork): NetworkDefinition {
    const loaded = this.loaded.get(network);
    if (loaded) return loaded.definition;
    if (isTrainedNetworkId(network))
      throw new InferenceFailure('not-loaded', { code: 'worker.trained-not-loaded', params: { network } });
    return checkpointed(network);
  }

  private titleOf(network: InferenceNetwork): string {
    return (
      this.loaded.get(network)?.definition.title ??
      (isTrainedNetworkId(network) ? `the trained network ${network}` : checkpointed(network).title)
    );
  }

  /** The network's class names: ImageNet's, or a trained network's own. */
  private labelsOf(network: InferenceNetwork): readonly string[] {
    return this.loaded.get(network)?.labels ?? this.runtime.labels;
  }

  /** What the pages are told of a trained network (undefined: it is not loaded). */
  private trainedState(network: InferenceNetwork): TrainedState | undefined {
    const loaded = this.loaded.get(network);
    if (!isTrainedNetworkId(network) || !loaded) return undefined;
    return {
      network,
      title: loaded.definition.title,
      classes: loaded.labels,
      inputSize: loaded.definition.input[0],
      loaded: loaded.info,
    };
  }

  /**
   * Loads a trained network from its file: read and checked (readTrainedFile) beside other work, then built
   * on the backend in the queue. Loading the same file again replaces its build.
   */
  async loadTrained(file: Blob, name: string, id?: string): Promise<TrainedState> {
    try {
      const started = now();
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (error) {
        throw new InferenceFailure(
          'weights',
          { code: 'weights.unreadable', params: { file: name, detail: (error as Error).message } },
          'unreadable',
        );
      }
      const readMs = now() - started;
      const trained = await readTrainedFile(bytes, name, id);
      const validateMs = now() - started - readMs;
      return await this.serial(async () => {
        const epoch = this.epoch;
        if (!this.report.active) await this.switchBackend(this.report.choice);
        const buildStarted = now();
        const built = await this.runtime.build(trained.definition, trained.tensors, trained.classes);
        const warmUpMs = built.warmUpMs;
        if (epoch !== this.epoch) {
          disposeQuietly(built);
          throw new InferenceFailure('backend', {
            code: 'worker.built-when-lost',
            params: { network: trained.definition.title, ...noticeOf(this.report), trained: true },
          });
        }
        const previous = this.loaded.get(trained.network);
        if (previous) disposeQuietly(previous.built);
        this.loaded.set(trained.network, {
          definition: trained.definition,
          labels: trained.classes,
          built,
          reload: { kind: 'memory', tensors: trained.tensors },
          info: {
            origin: `file:${name}`,
            provenance: { kind: 'file', name },
            bytes: trained.bytes,
            sha256: trained.sha256,
            published: false,
            backend: this.report.active!,
            timings: {
              readMs,
              validateMs,
              storeMs: 0,
              buildMs: now() - buildStarted - (warmUpMs ?? 0),
              ...(warmUpMs === undefined ? {} : { warmUpMs }),
            },
          },
        });
        const state = this.trainedState(trained.network)!;
        this.emit({ kind: 'trained', state });
        return state;
      });
    } catch (error) {
      throw asFailure(error);
    }
  }

  /** The network's batcher: a batch runs in the queue, on the network as built at that moment. */
  private batcherOf(network: InferenceNetwork): MicroBatcher<Float32Array, BatchResult> {
    let batcher = this.batchers.get(network);
    if (!batcher) {
      batcher = new MicroBatcher(
        (inputs) =>
          this.serial(async () => {
            this.assertLoaded([network]);
            const loaded = this.loaded.get(network)!;
            const started = now();
            const outputs =
              loaded.built.probabilitiesBatch && inputs.length > 1
                ? await loaded.built.probabilitiesBatch(inputs)
                : await sequentially(inputs, (input) => loaded.built.probabilities(input));
            const inferenceMs = (now() - started) / inputs.length;
            return outputs.map((probabilities) => ({ probabilities, inferenceMs, backend: loaded.info.backend }));
          }),
        MAX_BATCH,
      );
      this.batchers.set(network, batcher);
    }
    return batcher;
  }

  /** The loaded network as an ONNX file (onnx-export.ts); runs beside classifications. */
  async exportOnnx(network: ClassifiableNetwork): Promise<OnnxFile> {
    const definition = checkpointed(network);
    return exportLoadedOnnx(definition, this.loaded.get(network), this.cache, (bytes, fileName) =>
      this.runtime.validate(definition, bytes, fileName),
    );
  }

  /**
   * Reads and validates weights (concurrently with other work), then builds the network on the backend
   * (serialised with classifications and backend switches, which share the backend).
   */
  private async load(
    network: ClassifiableNetwork,
    request: WeightsRequest,
    signal: AbortSignal,
    onProgress?: (progress: LoadPhaseProgress) => void,
  ): Promise<void> {
    const definition = checkpointed(network);
    const weights = await loadWeights({
      checkpoint: definition.checkpoint,
      source: request,
      validate: (bytes, fileName) => this.runtime.validate(definition, bytes, fileName),
      cache: this.cache,
      signal,
      onProgress,
    });
    await this.serial(async () => {
      if (signal.aborted) {
        // Cancelled after the file was stored: the cache must not keep what the card shows as not loaded.
        if (weights.cached && weights.origin !== 'cache')
          await this.cache?.delete(definition.checkpoint, weights.provenance).catch(() => undefined);
        throw new InferenceFailure('cancelled', { code: 'worker.cancelled', params: { network: definition.title } });
      }
      const epoch = this.epoch;
      if (!this.report.active) await this.switchBackend(this.report.choice);
      onProgress?.({ phase: 'build' });
      const buildStarted = now();
      const built = await this.runtime.build(definition, weights.tensors);
      const warmUpMs = built.warmUpMs;
      const buildMs = now() - buildStarted - (warmUpMs ?? 0);
      if (epoch !== this.epoch) {
        // The device was lost while building: this build belongs to it.
        disposeQuietly(built);
        throw new InferenceFailure('backend', {
          code: 'worker.built-when-lost',
          params: { network: definition.title, ...noticeOf(this.report), trained: false },
        });
      }
      // The new build is ready before the old one (if any) is let go.
      const previous = this.loaded.get(network);
      if (previous) disposeQuietly(previous.built);
      const reload: LoadedNetwork['reload'] = weights.cached
        ? { kind: 'cache', provenance: weights.provenance }
        : request.kind === 'file'
          ? request
          : { kind: 'memory', tensors: weights.tensors };
      this.loaded.set(network, {
        definition,
        labels: this.runtime.labels,
        built,
        reload,
        info: loadedInfo(weights, this.report.active!, buildMs, warmUpMs),
      });
    });
  }

  /**
   * Activates `choice` and moves the loaded networks to it: each is built on the new backend before its
   * old build is disposed. If one cannot be built, the switch is undone (the previous backend, which
   * still holds the networks, is made current again) and the failure says why, so the backend panel and
   * the weights cards keep telling the same story.
   */
  private async switchBackend(choice: BackendChoice): Promise<BackendReport> {
    const previous = this.report;
    const epoch = this.epoch;
    const selected = await this.select(choice);
    const rebuilt = await buildAgain(this.loaded, this.runtime, this.cache);
    if (epoch !== this.epoch) {
      for (const { built } of rebuilt.built.values()) disposeQuietly(built);
      throw new InferenceFailure('backend', {
        code: 'worker.backend-lost-moving',
        params: { backend: BACKEND_TITLES[selected.active!] },
      });
    }
    const [network, failure] = [...rebuilt.failed][0] ?? [];
    if (network && failure) {
      for (const { built } of rebuilt.built.values()) disposeQuietly(built);
      const target = BACKEND_TITLES[selected.active!];
      if (previous.active && previous.active !== selected.active) {
        await this.runtime.selectBackend(previous.active, this.lostBackends).catch(() => undefined);
        this.report = previous;
      }
      const staying = previous.active ? { staying: BACKEND_TITLES[previous.active] } : {};
      throw new InferenceFailure(
        'backend',
        {
          code: 'worker.not-moved',
          params: {
            network: this.titleOf(network),
            backend: target,
            cause: failure.detail,
            ...staying,
          },
        },
        failure.reason,
      );
    }
    this.report = selected;
    await this.swapIn(rebuilt);
    this.emit({ kind: 'backend', report: this.report });
    return this.report;
  }

  private async select(choice: BackendChoice): Promise<BackendReport> {
    try {
      return await this.runtime.selectBackend(choice, this.lostBackends);
    } catch (error) {
      throw new InferenceFailure('backend', failureDetailOf(error));
    }
  }

  /** Replaces the old builds with the new ones; networks that could not be rebuilt are unloaded. */
  private async swapIn(rebuilt: Rebuilt): Promise<void> {
    for (const [network, loaded] of [...this.loaded]) {
      disposeQuietly(loaded.built);
      const next = rebuilt.built.get(network);
      if (next) {
        loaded.built = next.built;
        const { warmUpMs } = next.built;
        loaded.info = {
          ...loaded.info,
          backend: this.report.active!,
          timings: {
            ...loaded.info.timings,
            buildMs: next.buildMs - (warmUpMs ?? 0),
            ...(warmUpMs === undefined ? {} : { warmUpMs }),
          },
        };
      } else {
        this.loaded.delete(network);
      }
      await this.emitState(network);
    }
  }

  /** Tells the pages where a network stands (a released network's weights, or a trained network). */
  private async emitState(network: InferenceNetwork): Promise<void> {
    if (!isTrainedNetworkId(network)) {
      this.emit({ kind: 'weights', state: await this.weightsState(network) });
      return;
    }
    this.emit({
      kind: 'trained',
      state: this.trainedState(network) ?? { network, title: network, classes: [], inputSize: 0, loaded: undefined },
    });
  }

  /**
   * The GPU under the running backend is gone. Whatever runs now may wait on it forever (a kernel's
   * fence that never signals): it is failed at once, and recovery goes first, not behind it.
   */
  private onDeviceLost(backend: BackendName, cause: FailureDetail): void {
    if (!this.lostBackends.includes(backend)) this.lostBackends.push(backend);
    this.epoch++;
    const stuck = this.tasks.busy;
    void this.tasks.run(() => this.recover(backend, cause), { first: true }).catch(() => undefined);
    if (stuck)
      this.tasks.abandonRunning(
        new InferenceFailure('backend', {
          code: 'worker.backend-lost-task',
          params: { backend: BACKEND_TITLES[backend], cause },
        }),
      );
  }

  private async recover(backend: BackendName, cause: FailureDetail): Promise<void> {
    let selected: BackendReport;
    try {
      selected = await this.select(this.report.choice === backend ? 'auto' : this.report.choice);
    } catch (error) {
      for (const loaded of this.loaded.values()) disposeQuietly(loaded.built);
      const networks = [...this.loaded.keys()];
      this.loaded.clear();
      for (const network of networks) await this.emitState(network);
      this.report = {
        ...this.report,
        active: undefined,
        notice: {
          code: 'backend.none-started',
          params: { backend: BACKEND_TITLES[backend], cause, error: asFailure(error).detail },
        },
      };
      this.emit({ kind: 'backend', report: this.report });
      return;
    }
    const rebuilt = await buildAgain(this.loaded, this.runtime, this.cache);
    const failed = [...rebuilt.failed].map(([network, failure]) => ({
      network: this.titleOf(network),
      cause: failureDetailOf(failure),
    }));
    this.report = {
      ...selected,
      notice: {
        code: 'backend.moved',
        params: { backend: BACKEND_TITLES[backend], cause, now: BACKEND_TITLES[selected.active!], failed },
      },
    };
    await this.swapIn(rebuilt);
    this.emit({ kind: 'backend', report: this.report });
  }

  private emit(event: WorkerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener in a closed page must not break the worker.
      }
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    return this.tasks.run(task);
  }
}
