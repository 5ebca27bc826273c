/**
 * What the inference worker does, independent of how messages reach it: keeps the backend, the loaded
 * networks and their weights' whereabouts, loads weights (cache, download, file) with progress and
 * cancellation, classifies photos, and recovers from a lost GPU device on the next backend. The
 * TensorFlow.js specifics sit behind `InferenceRuntime` (runtime.ts), so this orchestration is tested
 * in Node with a small runtime.
 */
import type { NetworkDefinition } from '../../model/types.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { WeightsCache } from '../loading/cache.ts';
import { loadWeights, type WeightsSourceSpec } from '../loading/load-weights.ts';
import type { TensorSource } from '../weights/types.ts';
import { BACKEND_TITLES } from '../backends/select.ts';
import type { InsideNetwork } from '../inside/inside-network.ts';
import type { ClassMap, DetailOptions, LookInsideResult, NodeDetail, NodeSummary, ResidualScales, SummaryOptions } from '../inside/protocol.ts';
import { asFailure, InferenceFailure } from './errors.ts';
import { InsideService } from './inside-service.ts';
import {
  CLASSIFIABLE_NETWORKS, type BackendChoice, type BackendName, type BackendReport, type ClassifiableNetwork,
  type ClassifyImage, type ClassifyOutcome, type InferenceApi, type LoadedInfo, type LoadPhaseProgress,
  type NetworkResult, type WeightsRequest, type WeightsState, type WorkerEvent,
} from './protocol.ts';

/** A network built on the current backend. */
export interface BuiltNetwork {
  /** Class probabilities (softmax of the logits) for one NHWC input. */
  probabilities(input: Float32Array): Promise<Float32Array>;
  /** Looking inside with photos (segment caches), freed by `dispose`. */
  inside?: InsideNetwork;
  dispose(): void;
}

/** A decoded photo, ready for each network's own preprocessing. */
export interface DecodedImage {
  width: number;
  height: number;
  /** The network input (NHWC float32) and the crop it was made from, for a checkpoint's preprocessing. */
  prepare(network: NetworkDefinition): Promise<{ input: Float32Array; crop: ImageBitmap }>;
  close(): void;
}

export interface InferenceRuntime {
  /** Activates a backend; `exclude` leaves out one that just failed. */
  selectBackend(choice: BackendChoice, exclude: readonly BackendName[]): Promise<Omit<BackendReport, 'notice'>>;
  /** Parses and checks a weights file against the network; throws with a message naming file and problem. */
  validate(network: NetworkDefinition, bytes: Uint8Array<ArrayBuffer>, fileName: string): TensorSource | Promise<TensorSource>;
  build(network: NetworkDefinition, tensors: TensorSource): Promise<BuiltNetwork>;
  decode(image: ClassifyImage): Promise<DecodedImage>;
  labels: readonly string[];
  /** Calls `listener` when the active GPU backend's device is lost. */
  onDeviceLost(listener: (backend: BackendName, message: string) => void): void;
}

interface LoadedNetwork {
  built: BuiltNetwork;
  info: LoadedInfo;
  /** How to get the weights again when the backend changes. */
  reload: WeightsSourceSpec | { kind: 'memory'; tensors: TensorSource };
}

const now = () => performance.now();

export class InferenceService implements InferenceApi {
  private report: BackendReport = { choice: 'auto', active: undefined, skipped: [] };
  private readonly loaded = new Map<ClassifiableNetwork, LoadedNetwork>();
  private readonly loads = new Map<string, AbortController>();
  private readonly listeners: ((event: WorkerEvent) => void)[] = [];
  private readonly lostBackends: BackendName[] = [];
  /** Serialises backend switches, network builds and classifications: they share one backend. */
  private queue: Promise<unknown> = Promise.resolve();

  private readonly inside: InsideService;

  constructor(private readonly runtime: InferenceRuntime, private readonly cache: WeightsCache | undefined) {
    runtime.onDeviceLost((backend, message) => void this.recoverFromLostDevice(backend, message));
    this.inside = new InsideService({
      decode: (image) => runtime.decode(image),
      network: (network) => {
        const loaded = this.loaded.get(network);
        return loaded && { ...(loaded.built.inside ? { inside: loaded.built.inside } : {}), backend: loaded.info.backend };
      },
      labels: runtime.labels,
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

  async loadWeights(network: ClassifiableNetwork | 'any', request: WeightsRequest, loadId: string,
    onProgress?: (progress: LoadPhaseProgress) => void): Promise<WeightsState> {
    const controller = new AbortController();
    this.loads.set(loadId, controller);
    try {
      const target = network === 'any' ? await this.identify(request) : network;
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
      this.loaded.get(network)?.built.dispose();
      this.loaded.delete(network);
      if (this.cache) await this.cache.delete(checkpointed(network).checkpoint);
      const state = await this.weightsState(network);
      this.emit({ kind: 'weights', state });
      return state;
    });
  }

  classify(image: ClassifyImage, networks: readonly ClassifiableNetwork[], topK: number): Promise<ClassifyOutcome> {
    return this.serial(async () => {
      const missing = networks.filter((n) => !this.loaded.has(n));
      if (networks.length === 0 || missing.length > 0) {
        throw new InferenceFailure('not-loaded', `load the weights of ${missing.map((n) => checkpointed(n).title).join(' and ') || 'a network'} first`);
      }
      const started = now();
      let decoded: DecodedImage;
      try {
        decoded = await this.runtime.decode(image);
      } catch (error) {
        throw new InferenceFailure('image', (error as Error).message);
      }
      const decodeMs = now() - started;
      try {
        const results: NetworkResult[] = [];
        for (const network of networks) results.push(await this.classifyWith(network, decoded, topK));
        return { width: decoded.width, height: decoded.height, decodeMs, results };
      } finally {
        decoded.close();
      }
    });
  }

  // Looking inside (InsideApi): queued like classifications, as they share the backend.

  attachPhoto(slot: string, image: ClassifyImage): Promise<{ width: number; height: number }> {
    return this.serial(() => this.inside.attachPhoto(slot, image));
  }

  lookInside(slot: string, network: ClassifiableNetwork, scales?: ResidualScales, prefetch?: readonly string[]): Promise<LookInsideResult> {
    return this.serial(() => this.inside.lookInside(slot, network, scales, prefetch));
  }

  summaries(slot: string, network: ClassifiableNetwork, addresses: readonly string[], options?: SummaryOptions): Promise<NodeSummary[]> {
    return this.serial(() => this.inside.summaries(slot, network, addresses, options));
  }

  detail(slot: string, network: ClassifiableNetwork, address: string, options: DetailOptions): Promise<NodeDetail> {
    return this.serial(() => this.inside.detail(slot, network, address, options));
  }

  classMaps(slot: string, network: ClassifiableNetwork, classes: readonly number[], options?: { node?: string }): Promise<ClassMap[]> {
    return this.serial(() => this.inside.classMaps(slot, network, classes, options));
  }

  releasePhoto(slot: string): Promise<void> {
    return this.serial(() => this.inside.releasePhoto(slot));
  }

  private async classifyWith(network: ClassifiableNetwork, decoded: DecodedImage, topK: number): Promise<NetworkResult> {
    const definition = checkpointed(network);
    const loaded = this.loaded.get(network)!;
    const t0 = now();
    const { input, crop } = await decoded.prepare(definition);
    const t1 = now();
    const probabilities = await loaded.built.probabilities(input);
    const t2 = now();
    return {
      network,
      top: topClasses(probabilities, topK, this.runtime.labels),
      crop,
      timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1 },
      backend: loaded.info.backend,
    };
  }

  /** The network a weights file fits (parsing is zero-copy, so checking it against each costs little). */
  private async identify(request: WeightsRequest): Promise<ClassifiableNetwork> {
    if (request.kind !== 'file') throw new InferenceFailure('weights', 'only a weights file can be matched to a network');
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = new Uint8Array(await request.file.arrayBuffer());
    } catch (error) {
      throw new InferenceFailure('weights', `${request.name}: could not be read (${(error as Error).message})`);
    }
    const problems: string[] = [];
    for (const network of CLASSIFIABLE_NETWORKS) {
      try {
        await this.runtime.validate(checkpointed(network), bytes, request.name);
        return network;
      } catch (error) {
        const message = (error as Error).message;
        if (!problems.includes(message)) problems.push(message);
      }
    }
    throw new InferenceFailure('weights', `${request.name} fits neither Inception-v4 nor Inception-ResNet-v2: ${problems.join('; ')}`);
  }

  /**
   * Reads and validates weights (concurrently with other work), then builds the network on the backend
   * (serialised with classifications and backend switches, which share the backend).
   */
  private async load(network: ClassifiableNetwork, request: WeightsRequest, signal: AbortSignal,
    onProgress?: (progress: LoadPhaseProgress) => void): Promise<void> {
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
      if (signal.aborted) throw new InferenceFailure('cancelled', `loading ${definition.title} cancelled`);
      if (!this.report.active) await this.switchBackend(this.report.choice);
      onProgress?.({ phase: 'build' });
      this.loaded.get(network)?.built.dispose();
      this.loaded.delete(network);
      const buildStarted = now();
      const built = await this.runtime.build(definition, weights.tensors);
      const buildMs = now() - buildStarted;
      const reload: LoadedNetwork['reload'] = weights.cached ? { kind: 'cache' }
        : request.kind === 'file' ? request : { kind: 'memory', tensors: weights.tensors };
      this.loaded.set(network, {
        built,
        reload,
        info: {
          origin: weights.origin, bytes: weights.bytes, timings: { ...weights.timings, buildMs },
          backend: this.report.active!, ...(weights.storeError ? { storeError: weights.storeError } : {}),
        },
      });
    });
  }

  /** Activates `choice` and rebuilds the loaded networks on it. */
  private async switchBackend(choice: BackendChoice, notice?: string): Promise<BackendReport> {
    let selected: Omit<BackendReport, 'notice'>;
    try {
      selected = await this.runtime.selectBackend(choice, this.lostBackends);
    } catch (error) {
      throw new InferenceFailure('backend', (error as Error).message);
    }
    this.report = { ...selected, ...(notice ? { notice } : {}) };
    for (const [network, loaded] of this.loaded) {
      loaded.built.dispose();
      const definition = checkpointed(network);
      const tensors = loaded.reload.kind === 'memory' ? loaded.reload.tensors
        : (await loadWeights({
          checkpoint: definition.checkpoint, source: loaded.reload, cache: this.cache,
          validate: (bytes, fileName) => this.runtime.validate(definition, bytes, fileName),
        })).tensors;
      const started = now();
      loaded.built = await this.runtime.build(definition, tensors);
      loaded.info = { ...loaded.info, backend: this.report.active!, timings: { ...loaded.info.timings, buildMs: now() - started } };
      this.emit({ kind: 'weights', state: await this.weightsState(network) });
    }
    this.emit({ kind: 'backend', report: this.report });
    return this.report;
  }

  private async recoverFromLostDevice(backend: BackendName, message: string): Promise<void> {
    if (!this.lostBackends.includes(backend)) this.lostBackends.push(backend);
    try {
      await this.serial(async () => {
        const report = await this.switchBackend(this.report.choice === backend ? 'auto' : this.report.choice);
        const now = report.active ? BACKEND_TITLES[report.active] : 'no backend';
        const notice = `${BACKEND_TITLES[backend]} stopped working (${message}); the networks now run on ${now}.`;
        this.report = { ...this.report, notice };
        this.emit({ kind: 'backend', report: this.report });
      });
    } catch (error) {
      this.report = { ...this.report, active: undefined, notice: `${BACKEND_TITLES[backend]} stopped working (${message}) and no other backend started: ${asFailure(error).message}` };
      this.emit({ kind: 'backend', report: this.report });
    }
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
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

type Checkpointed = NetworkDefinition & { checkpoint: NonNullable<NetworkDefinition['checkpoint']> };

function checkpointed(network: ClassifiableNetwork): Checkpointed {
  const definition = NETWORKS[network]?.released;
  if (!definition?.checkpoint) throw new InferenceFailure('weights', `${network} has no ImageNet checkpoint`);
  return definition as Checkpointed;
}

/** The k most probable classes, most probable first. */
export function topClasses(probabilities: Float32Array, k: number, labels: readonly string[]): NetworkResult['top'] {
  const order = Array.from(probabilities.keys()).sort((a, b) => probabilities[b] - probabilities[a]);
  return order.slice(0, k).map((classIndex) => ({
    classIndex,
    label: labels[classIndex] ?? `class ${classIndex}`,
    probability: probabilities[classIndex],
  }));
}
