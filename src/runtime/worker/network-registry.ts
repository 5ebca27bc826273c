/**
 * The worker's loaded networks: loads weights (cache, download, file) with progress and cancellation,
 * loads trained networks from their files, forgets weights, exports ONNX, and says what the pages are
 * told of each network. Builds go through the service's queue on the backend that backend-keeper.ts
 * keeps; moving the networks to another backend hands the new builds in through `swapIn`.
 */
import { loadWeights } from '../loading/load-weights.ts';
import { isTrainedNetworkId } from '../../model/trained.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import type { BuiltNetwork } from './inference-runtime.ts';
import { asFailure, InferenceFailure } from './errors.ts';
import type { FailureDetail } from '../failure-words.ts';
import { identifyWeights } from './identify.ts';
import { exportLoadedOnnx } from './onnx-export.ts';
import { buildAgain, checkpointed, disposeQuietly, loadedInfo, type LoadedNetwork, type Rebuilt } from './rebuild.ts';
import { now, type ServiceDependencies } from './service-dependencies.ts';
import { readTrainedFile } from './trained.ts';
import type {
  BackendName,
  BackendReport,
  ClassifiableNetwork,
  InferenceNetwork,
  LoadPhaseProgress,
  OnnxFile,
  TrainedState,
  WeightsRequest,
  WeightsState,
} from './protocol.ts';

/** What the registry needs of the backend its networks are built on (BackendKeeper). */
export interface BackendAccess {
  /** What the backend panel is told: the choice, the active backend and why it last stopped. */
  report(): BackendReport;
  /** Counts lost devices: a build begun before the last loss must not be registered. */
  epoch(): number;
  /** Starts the chosen backend when none is active; call it in the queue. */
  activate(): Promise<void>;
}

export interface RegistryDependencies extends ServiceDependencies {
  backend: BackendAccess;
}

/** A build's time on the backend, its warm-up inference apart. */
interface BuildTimings {
  buildMs: number;
  warmUpMs?: number;
}

/** The backend's notice (why it stopped), where it has one. */
const noticeOf = (report: BackendReport): { notice?: FailureDetail } =>
  report.notice ? { notice: report.notice } : {};

export class NetworkRegistry {
  private readonly loaded = new Map<InferenceNetwork, LoadedNetwork>();
  private readonly loads = new Map<string, AbortController>();

  constructor(private readonly deps: RegistryDependencies) {}

  /** The network as loaded now (undefined: it is not). */
  get(network: InferenceNetwork): LoadedNetwork | undefined {
    return this.loaded.get(network);
  }

  has(network: InferenceNetwork): boolean {
    return this.loaded.has(network);
  }

  async weightsState(network: ClassifiableNetwork): Promise<WeightsState> {
    const { cache } = this.deps;
    const definition = checkpointed(network);
    const cached = cache ? await cache.info(definition.checkpoint).catch(() => undefined) : undefined;
    return { network, cached, loaded: this.loaded.get(network)?.info };
  }

  async loadWeights(
    network: ClassifiableNetwork | 'any',
    request: WeightsRequest,
    onProgress?: (progress: LoadPhaseProgress) => void,
    loadId?: string,
  ): Promise<WeightsState> {
    const controller = new AbortController();
    if (loadId !== undefined) this.loads.set(loadId, controller);
    try {
      const target =
        network === 'any'
          ? await identifyWeights(request, (definition, bytes, name) =>
              this.deps.runtime.validate(definition, bytes, name),
            )
          : network;
      await this.load(target, request, controller.signal, onProgress);
      const state = await this.weightsState(target);
      this.deps.emit({ kind: 'weights', state });
      return state;
    } catch (error) {
      throw asFailure(error);
    } finally {
      if (loadId !== undefined) this.loads.delete(loadId);
    }
  }

  async cancel(loadId: string): Promise<void> {
    this.loads.get(loadId)?.abort();
  }

  forgetWeights(network: ClassifiableNetwork): Promise<WeightsState> {
    return this.deps.serial(async () => {
      const loaded = this.loaded.get(network);
      if (loaded) disposeQuietly(loaded.built);
      this.loaded.delete(network);
      if (this.deps.cache) await this.deps.cache.delete(checkpointed(network).checkpoint);
      const state = await this.weightsState(network);
      this.deps.emit({ kind: 'weights', state });
      return state;
    });
  }

  /** Fails unless every network (at least one) is loaded. */
  assertLoaded(networks: readonly InferenceNetwork[]): void {
    const missing = networks.filter((n) => !this.loaded.has(n));
    if (networks.length === 0 || missing.length > 0) {
      throw new InferenceFailure('not-loaded', {
        code: 'worker.not-loaded',
        params: { networks: missing.map((n) => this.titleOf(n)) },
      });
    }
  }

  /** A loaded network's definition (a trained one's from its file), or a released network's. */
  definitionOf(network: InferenceNetwork): NetworkDefinition {
    const loaded = this.loaded.get(network);
    if (loaded) return loaded.definition;
    if (isTrainedNetworkId(network))
      throw new InferenceFailure('not-loaded', { code: 'worker.trained-not-loaded', params: { network } });
    return checkpointed(network);
  }

  titleOf(network: InferenceNetwork): string {
    return (
      this.loaded.get(network)?.definition.title ??
      (isTrainedNetworkId(network) ? `the trained network ${network}` : checkpointed(network).title)
    );
  }

  /** The network's class names: ImageNet's, or a trained network's own. */
  labelsOf(network: InferenceNetwork): readonly string[] {
    return this.loaded.get(network)?.labels ?? this.deps.runtime.labels;
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
    const { runtime } = this.deps;
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
      return await this.deps.serial(async () => {
        await this.install(
          trained.network,
          trained.definition,
          () => runtime.build(trained.definition, trained.tensors, trained.classes),
          (built, timings, active) => ({
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
              backend: active,
              timings: { readMs, validateMs, storeMs: 0, ...timings },
            },
          }),
        );
        const state = this.trainedState(trained.network)!;
        this.deps.emit({ kind: 'trained', state });
        return state;
      });
    } catch (error) {
      throw asFailure(error);
    }
  }

  /** The loaded network as an ONNX file (onnx-export.ts); runs beside classifications. */
  async exportOnnx(network: ClassifiableNetwork): Promise<OnnxFile> {
    const definition = checkpointed(network);
    return exportLoadedOnnx(definition, this.loaded.get(network), this.deps.cache, (bytes, fileName) =>
      this.deps.runtime.validate(definition, bytes, fileName),
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
    const { cache, runtime } = this.deps;
    const definition = checkpointed(network);
    const weights = await loadWeights({
      checkpoint: definition.checkpoint,
      source: request,
      validate: (bytes, fileName, cachedCopy) => runtime.validate(definition, bytes, fileName, cachedCopy),
      cache,
      signal,
      onProgress,
    });
    await this.deps.serial(async () => {
      if (signal.aborted) {
        // Cancelled after the file was stored: the cache must not keep what the card shows as not loaded.
        if (weights.cached && weights.origin !== 'cache')
          await cache?.delete(definition.checkpoint, weights.provenance).catch(() => undefined);
        throw new InferenceFailure('cancelled', { code: 'worker.cancelled', params: { network: definition.title } });
      }
      const reload: LoadedNetwork['reload'] = weights.cached
        ? { kind: 'cache', provenance: weights.provenance }
        : request.kind === 'file'
          ? request
          : { kind: 'memory', tensors: weights.tensors };
      await this.install(
        network,
        definition,
        () => {
          onProgress?.({ phase: 'build' });
          return runtime.build(definition, weights.tensors);
        },
        (built, timings, active) => ({
          definition,
          labels: runtime.labels,
          built,
          reload,
          info: loadedInfo(weights, active, timings.buildMs, timings.warmUpMs),
        }),
      );
    });
  }

  /**
   * The one way a network gets built and registered (weights loaded, or a trained network's file), in the
   * queue: starts the backend if none is active, builds (its warm-up timed apart), lets a build go that
   * began before a lost device, and only then lets the old build (if any) go for the new one.
   */
  private async install(
    network: InferenceNetwork,
    definition: NetworkDefinition,
    build: () => Promise<BuiltNetwork>,
    entry: (built: BuiltNetwork, timings: BuildTimings, active: BackendName) => LoadedNetwork,
  ): Promise<void> {
    const { backend } = this.deps;
    const epoch = backend.epoch();
    await backend.activate();
    const started = now();
    const built = await build();
    const { warmUpMs } = built;
    const timings = { buildMs: now() - started - (warmUpMs ?? 0), ...(warmUpMs === undefined ? {} : { warmUpMs }) };
    if (epoch !== backend.epoch()) {
      // The device was lost while building: this build belongs to it.
      disposeQuietly(built);
      throw new InferenceFailure('backend', {
        code: 'worker.built-when-lost',
        params: { network: definition.title, ...noticeOf(backend.report()), trained: isTrainedNetworkId(network) },
      });
    }
    const previous = this.loaded.get(network);
    if (previous) disposeQuietly(previous.built);
    this.loaded.set(network, entry(built, timings, backend.report().active!));
  }

  /** Builds every loaded network again on the backend now active (rebuild.ts); the old builds stay. */
  rebuild(): Promise<Rebuilt> {
    return buildAgain(this.loaded, this.deps.runtime, this.deps.cache);
  }

  /** Replaces the old builds with the new ones (on `active`); networks that could not be rebuilt are unloaded. */
  async swapIn(rebuilt: Rebuilt, active: BackendName): Promise<void> {
    for (const [network, loaded] of [...this.loaded]) {
      disposeQuietly(loaded.built);
      const next = rebuilt.built.get(network);
      if (next) {
        loaded.built = next.built;
        const { warmUpMs } = next.built;
        loaded.info = {
          ...loaded.info,
          backend: active,
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

  /** Lets every network go (no backend is left to run them), telling the pages. */
  async unloadAll(): Promise<void> {
    for (const loaded of this.loaded.values()) disposeQuietly(loaded.built);
    const networks = [...this.loaded.keys()];
    this.loaded.clear();
    for (const network of networks) await this.emitState(network);
  }

  /** Tells the pages where a network stands (a released network's weights, or a trained network). */
  private async emitState(network: InferenceNetwork): Promise<void> {
    if (!isTrainedNetworkId(network)) {
      this.deps.emit({ kind: 'weights', state: await this.weightsState(network) });
      return;
    }
    this.deps.emit({
      kind: 'trained',
      state: this.trainedState(network) ?? { network, title: network, classes: [], inputSize: 0, loaded: undefined },
    });
  }
}
