/**
 * A typed handle on one inference worker: wraps it in a Comlink proxy, turns AbortSignals into cancel
 * messages, and fails pending calls once it is terminated. The app never holds one directly: the
 * inference session (session.ts) owns the worker's life and hands its client to each `call`.
 */
import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import { installFailureTransfer, InferenceFailure } from '../worker/errors.ts';
import type { FailureDetail } from '../failure-words.ts';
import { startInferenceWorker } from './start-worker.ts';
import type { ChannelMaxima } from '../inside/top-examples.ts';
import type { ChannelVisualization, VisualizeProgress, VisualizeRequest } from '../inside/visualize-protocol.ts';
import type {
  BackendChoice,
  BackendReport,
  ClassifiableNetwork,
  ClassifyImage,
  ClassifyOutcome,
  InferenceNetwork,
  TrainedState,
  LoadPhaseProgress,
  OnnxFile,
  PredictOutcome,
  PredictProgress,
  PredictRequest,
  WeightsRequest,
  WeightsState,
  WorkerApi,
  WorkerEvent,
} from '../worker/protocol.ts';
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

export interface LoadOptions {
  onProgress?: (progress: LoadPhaseProgress) => void;
  signal?: AbortSignal;
}

export class InferenceClient {
  private readonly remote: Remote<WorkerApi>;
  private crashed: InferenceFailure | undefined;
  private readonly crashListeners: ((failure: InferenceFailure) => void)[] = [];
  private nextLoad = 0;
  private nextPrediction = 0;

  /** `endpoint`: a Worker, or (in tests) one end of a MessageChannel. */
  constructor(private readonly endpoint: Worker | MessagePort) {
    installFailureTransfer();
    this.remote = wrap<WorkerApi>(endpoint);
  }

  /**
   * A worker of its own, without the app's session (benchmarks and e2e harness pages): calls fail when
   * it reports an error. The app goes through `inferenceSession()` instead.
   */
  static start(): InferenceClient {
    const worker = startInferenceWorker('inference');
    const client = new InferenceClient(worker);
    worker.addEventListener('error', (event) =>
      client.crash({ code: 'worker.crashed', params: { detail: event.message } }),
    );
    return client;
  }

  subscribe(listener: (event: WorkerEvent) => void): Promise<void> {
    return this.call(() => this.remote.subscribe(proxy(listener)));
  }

  backend(): Promise<BackendReport> {
    return this.call(() => this.remote.backend());
  }

  setBackend(choice: BackendChoice): Promise<BackendReport> {
    return this.call(() => this.remote.setBackend(choice));
  }

  weightsState(network: ClassifiableNetwork): Promise<WeightsState> {
    return this.call(() => this.remote.weightsState(network));
  }

  async loadWeights(
    network: ClassifiableNetwork | 'any',
    request: WeightsRequest,
    options: LoadOptions = {},
  ): Promise<WeightsState> {
    const loadId = `load-${++this.nextLoad}`;
    const onAbort = () => void this.remote.cancel(loadId);
    if (options.signal?.aborted) throw new InferenceFailure('cancelled', { code: 'worker.cancelled', params: {} });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const progress = options.onProgress ? proxy(options.onProgress) : undefined;
      return await this.call(() => this.remote.loadWeights(network, request, loadId, progress));
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The liveness lock the worker holds (see WorkerApi.alive). */
  alive(): Promise<{ lock: string | undefined }> {
    return this.call(() => this.remote.alive());
  }

  forgetWeights(network: ClassifiableNetwork): Promise<WeightsState> {
    return this.call(() => this.remote.forgetWeights(network));
  }

  /** Loads a trained network from its file (see InferenceApi.loadTrained). */
  loadTrained(file: Blob, name: string, id?: string): Promise<TrainedState> {
    return this.call(() => this.remote.loadTrained(file, name, id));
  }

  /** Classifies a photo; an ImageBitmap (webcam frame) is transferred, not copied. */
  classify(image: ClassifyImage, networks: readonly InferenceNetwork[], topK = 5): Promise<ClassifyOutcome> {
    const message = image.kind === 'bitmap' ? transfer(image, [image.bitmap]) : image;
    return this.call(() => this.remote.classify(message, networks, topK));
  }

  // Looking inside (see runtime/inside/protocol.ts): only small typed arrays come back.

  /** Keeps a photo in the worker under `slot`; an ImageBitmap is transferred. */
  attachPhoto(slot: string, image: ClassifyImage): Promise<{ width: number; height: number }> {
    const message = image.kind === 'bitmap' ? transfer(image, [image.bitmap]) : image;
    return this.call(() => this.remote.attachPhoto(slot, message));
  }

  /** Runs the network on the slot's photo; `prefetch`: nodes whose summaries to compute in the same run. */
  lookInside(
    slot: string,
    network: InferenceNetwork,
    scales?: ResidualScales,
    prefetch?: readonly string[],
  ): Promise<LookInsideResult> {
    return this.call(() => this.remote.lookInside(slot, network, scales, prefetch));
  }

  summaries(
    slot: string,
    network: InferenceNetwork,
    addresses: readonly string[],
    options?: SummaryOptions,
  ): Promise<NodeSummary[]> {
    return this.call(() => this.remote.summaries(slot, network, addresses, options));
  }

  detail(slot: string, network: InferenceNetwork, address: string, options: DetailOptions): Promise<NodeDetail> {
    return this.call(() => this.remote.detail(slot, network, address, options));
  }

  /** CAM, or Grad-CAM with progress per class (`cancelGradCam(options.gradCamId)` stops it between turns). */
  classMaps(
    slot: string,
    network: InferenceNetwork,
    classes: readonly number[],
    options?: ClassMapOptions,
    onProgress?: (progress: GradCamProgress) => void,
  ): Promise<ClassMap[]> {
    return this.call(() =>
      this.remote.classMaps(slot, network, classes, options, onProgress ? proxy(onProgress) : undefined),
    );
  }

  cancelGradCam(gradCamId: string): Promise<void> {
    return this.call(() => this.remote.cancelGradCam(gradCamId));
  }

  channelMaxima(slot: string, network: InferenceNetwork, addresses: readonly string[]): Promise<ChannelMaxima[]> {
    return this.call(() => this.remote.channelMaxima(slot, network, addresses));
  }

  releasePhoto(slot: string): Promise<void> {
    return this.call(() => this.remote.releasePhoto(slot));
  }

  /** Where two attached photos part (see PartingApi). */
  partWays(first: string, second: string, network: InferenceNetwork, scales?: ResidualScales): Promise<PartingPoint[]> {
    return this.call(() => this.remote.partWays(first, second, network, scales));
  }

  /**
   * Predicts a photo in a prediction mode (multi-crop, ensemble), with progress in forward passes; the
   * signal cancels it between passes (it then rejects with a "cancelled" failure).
   */
  async predict(
    image: ClassifyImage,
    request: Omit<PredictRequest, 'predictId'>,
    options: { onProgress?: (progress: PredictProgress) => void; signal?: AbortSignal } = {},
  ): Promise<PredictOutcome> {
    const predictId = `predict-${++this.nextPrediction}`;
    if (options.signal?.aborted)
      throw new InferenceFailure('cancelled', { code: 'worker.cancelled', params: { file: image.name } });
    const onAbort = () => void this.remote.cancelPrediction(predictId);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const message = image.kind === 'bitmap' ? transfer(image, [image.bitmap]) : image;
      const progress = options.onProgress ? proxy(options.onProgress) : undefined;
      return await this.call(() => this.remote.predict(message, { ...request, predictId }, progress));
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A feature visualisation, with progress per step; the signal cancels it between steps ("cancelled" failure). */
  async visualizeChannel(
    request: Omit<VisualizeRequest, 'visualizeId'>,
    options: { onProgress?: (progress: VisualizeProgress) => void; signal?: AbortSignal } = {},
  ): Promise<ChannelVisualization> {
    const visualizeId = `visualize-${++this.nextPrediction}`;
    if (options.signal?.aborted)
      throw new InferenceFailure('cancelled', { code: 'worker.visualisation-cancelled', params: {} });
    const onAbort = () => void this.remote.cancelVisualization(visualizeId);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const progress = options.onProgress ? proxy(options.onProgress) : undefined;
      return await this.call(() => this.remote.visualizeChannel({ ...request, visualizeId }, progress));
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  exportOnnx(network: ClassifiableNetwork): Promise<OnnxFile> {
    return this.call(() => this.remote.exportOnnx(network));
  }

  terminate(): void {
    if (this.crashed) return;
    this.remote[releaseProxy]();
    if ('terminate' in this.endpoint) this.endpoint.terminate();
    else this.endpoint.close();
    this.crash({ code: 'worker.terminated', params: {} });
  }

  /** Rejects when the worker crashes, instead of leaving the call pending forever. */
  private call<T>(run: () => Promise<T>): Promise<T> {
    if (this.crashed) return Promise.reject(this.crashed);
    return new Promise<T>((resolve, reject) => {
      const onCrash = (failure: InferenceFailure) => reject(failure);
      this.crashListeners.push(onCrash);
      run()
        .then(resolve, reject)
        .finally(() => {
          const index = this.crashListeners.indexOf(onCrash);
          if (index >= 0) this.crashListeners.splice(index, 1);
        });
    });
  }

  /** Fails every pending and later call with `message` (the worker is gone). */
  crash(detail: FailureDetail): void {
    if (this.crashed) return;
    this.crashed = new InferenceFailure('internal', detail);
    for (const listener of [...this.crashListeners]) listener(this.crashed);
  }
}
