/**
 * What the inference worker does, independent of how messages reach it: a thin facade (InferenceApi) over
 * its parts, which share one task queue (they share one backend) and the pages' events
 * (service-dependencies.ts): the backend, its switches and the recovery from a lost GPU device
 * (backend-keeper.ts); the loaded networks and their weights (network-registry.ts); classifying and
 * predicting (batching-classifier.ts); looking inside (inside-service.ts); feature visualisation
 * (visualize-service.ts). The TensorFlow.js specifics sit behind `InferenceRuntime` (inference-runtime.ts,
 * implemented by runtime.ts), so this orchestration is tested in Node with a small runtime.
 */
import type { WeightsCache } from '../loading/cache.ts';
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
import { BackendKeeper } from './backend-keeper.ts';
import { BatchingClassifier } from './batching-classifier.ts';
import type { InferenceRuntime } from './inference-runtime.ts';
import { InsideService } from './inside-service.ts';
import { NetworkRegistry } from './network-registry.ts';
import type { ChannelMaxima } from '../inside/top-examples.ts';
import { VisualizeService } from './visualize-service.ts';
import {
  indexedDbVisualizations,
  memoryVisualizations,
  type VisualizationStore,
} from '../inside/visualization-store.ts';
import type { ChannelVisualization, VisualizeProgress, VisualizeRequest } from '../inside/visualize-protocol.ts';
import { WorkerEvents, type ServiceDependencies } from './service-dependencies.ts';
import { TaskQueue } from './task-queue.ts';
import type {
  BackendChoice,
  BackendReport,
  ClassifiableNetwork,
  ClassifyImage,
  ClassifyOutcome,
  InferenceApi,
  InferenceNetwork,
  LoadPhaseProgress,
  TrainedState,
  OnnxFile,
  PredictOutcome,
  PredictProgress,
  PredictRequest,
  WeightsRequest,
  WeightsState,
  WorkerEvent,
} from './protocol.ts';

export class InferenceService implements InferenceApi {
  /** Serialises backend switches, network builds and classifications: they share one backend. */
  private readonly tasks = new TaskQueue();
  private readonly events = new WorkerEvents();
  private readonly backends: BackendKeeper;
  private readonly networks: NetworkRegistry;
  private readonly classifier: BatchingClassifier;
  private readonly inside: InsideService;
  private readonly visualizations: VisualizeService;

  constructor(
    runtime: InferenceRuntime,
    cache: WeightsCache | undefined,
    visualizations: VisualizationStore = typeof indexedDB === 'undefined'
      ? memoryVisualizations()
      : indexedDbVisualizations(),
  ) {
    const shared: ServiceDependencies = {
      runtime,
      cache,
      serial: (task) => this.serial(task),
      emit: (event) => this.events.emit(event),
    };
    const networks = new NetworkRegistry({
      ...shared,
      backend: {
        report: () => this.backends.report(),
        epoch: () => this.backends.epoch(),
        activate: () => this.backends.activate(),
      },
    });
    this.networks = networks;
    this.backends = new BackendKeeper({ ...shared, tasks: this.tasks, networks });
    runtime.onDeviceLost((backend, cause) => this.backends.onDeviceLost(backend, cause));
    this.classifier = new BatchingClassifier({
      ...shared,
      networks,
      keepClassified: (...args) => this.inside.keepClassified(...args),
    });
    this.inside = new InsideService({
      decode: (image) => runtime.decode(image),
      network: (network) => {
        const loaded = networks.get(network);
        return (
          loaded && {
            ...(loaded.built.inside ? { inside: loaded.built.inside } : {}),
            backend: loaded.info.backend,
            definition: loaded.definition,
          }
        );
      },
      labels: (network) => networks.labelsOf(network),
      serial: (task) => this.serial(task),
    });
    this.visualizations = new VisualizeService({
      network: (network) => {
        const loaded = networks.get(network);
        const executor = loaded?.built.inside?.executor;
        return loaded && executor && { executor, definition: loaded.definition, sha256: loaded.info.sha256 };
      },
      store: visualizations,
      serial: (task) => this.serial(task),
    });
  }

  async subscribe(listener: (event: WorkerEvent) => void): Promise<void> {
    this.events.subscribe(listener);
  }

  // The backend (backend-keeper.ts).

  async backend(): Promise<BackendReport> {
    return this.backends.report();
  }

  setBackend(choice: BackendChoice): Promise<BackendReport> {
    return this.backends.setBackend(choice);
  }

  // The loaded networks (network-registry.ts).

  weightsState(network: ClassifiableNetwork): Promise<WeightsState> {
    return this.networks.weightsState(network);
  }

  loadWeights(
    network: ClassifiableNetwork | 'any',
    request: WeightsRequest,
    onProgress?: (progress: LoadPhaseProgress) => void,
    loadId?: string,
  ): Promise<WeightsState> {
    return this.networks.loadWeights(network, request, onProgress, loadId);
  }

  cancel(loadId: string): Promise<void> {
    return this.networks.cancel(loadId);
  }

  forgetWeights(network: ClassifiableNetwork): Promise<WeightsState> {
    return this.networks.forgetWeights(network);
  }

  loadTrained(file: Blob, name: string, id?: string): Promise<TrainedState> {
    return this.networks.loadTrained(file, name, id);
  }

  exportOnnx(network: ClassifiableNetwork): Promise<OnnxFile> {
    return this.networks.exportOnnx(network);
  }

  // Classifying and predicting (batching-classifier.ts).

  classify(image: ClassifyImage, networks: readonly InferenceNetwork[], topK = 5): Promise<ClassifyOutcome> {
    return this.classifier.classify(image, networks, topK);
  }

  predict(
    image: ClassifyImage,
    request: PredictRequest,
    onProgress?: (progress: PredictProgress) => void,
  ): Promise<PredictOutcome> {
    return this.classifier.predict(image, request, onProgress);
  }

  cancelPrediction(predictId: string): Promise<void> {
    return this.classifier.cancelPrediction(predictId);
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

  private serial<T>(task: () => Promise<T>): Promise<T> {
    return this.tasks.run(task);
  }
}
