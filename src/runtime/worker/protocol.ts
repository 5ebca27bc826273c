/**
 * The inference worker's interface, as the UI sees it. TensorFlow.js, the weights and every photo's
 * decoding live in a module Web Worker (inference.worker.ts) so the page stays responsive while a
 * network runs for a second; the UI holds a typed proxy (runtime/session/client.ts), derived from these
 * interfaces and the table of calls beside them (calls.ts). Calls travel as Comlink messages:
 * photos go in as Blobs or transferred ImageBitmaps, crops come back as transferred ImageBitmaps.
 * This file has types only, so importing it pulls no runtime code into the UI's chunk.
 */
import type { ClassifiableNetwork, InferenceNetwork, TrainedNetworkId } from '../../model/types.ts';
import type { WasmFacts } from '../backends/activate.ts';
import type { BackendChoice, BackendName } from '../backends/select.ts';
import type { ClassifyImage } from '../preprocess/classify-image.ts';
import type { InsideApi } from '../inside/protocol.ts';
import type { VisualizeApi } from '../inside/visualize-protocol.ts';
import type { PartingApi } from '../inside/parting-protocol.ts';
import type { CropCount } from '../evaluation/crops.ts';
import type { CachedWeightsInfo } from '../loading/cache.ts';
import type { LoadProgress, LoadTimings, WeightsRequest } from '../loading/load-weights.ts';
import type { WeightsProvenance } from '../loading/sources.ts';
import type { Prediction } from '../top-k.ts';
import type { FailureDetail } from '../failure-words.ts';

/** Where to get weights from (a file the user dropped or picked is sent as a Blob). */
export type { Prediction, WeightsRequest };

/** "auto": the best available; a name puts that backend first, software GPUs included. */
export type { BackendChoice, BackendName, ClassifyImage };

export interface SkippedBackend {
  backend: BackendName;
  reason: FailureDetail;
}

export interface BackendReport {
  choice: BackendChoice;
  /** The backend in use, once one initialised. */
  active: BackendName | undefined;
  /** What is worth knowing about it: the GPU adapter or renderer, WASM SIMD/threads (English). */
  detail?: string;
  /** WebAssembly's facts behind `detail`, which the page words in its reader's language. */
  wasm?: WasmFacts;
  /** Backends passed over, each with why (shown to the user). */
  skipped: SkippedBackend[];
  /** A notice to show, e.g. after recovering from a lost GPU device. */
  notice?: FailureDetail;
}

/** The networks with ImageNet weights; Inception-ResNet-v1 has none (the UI says so). */
export { CLASSIFIABLE_NETWORKS } from '../../model/networks/index.ts';
export type { ClassifiableNetwork, InferenceNetwork, TrainedNetworkId };

/** A trained network loaded in the worker (opened from its file: runtime/worker/trained.ts). */
export interface TrainedState {
  network: TrainedNetworkId;
  /** Its definition's title and its class names (the top-k is over these). */
  title: string;
  classes: readonly string[];
  /** Its input's side in pixels (the photo's centre crop is resized to it, as in training). */
  inputSize: number;
  /** Undefined once it is no longer loaded (a backend it could not be moved to). */
  loaded: LoadedInfo | undefined;
}

export interface WeightsState {
  network: ClassifiableNetwork;
  /** In this browser's Cache Storage (usable offline). */
  cached: CachedWeightsInfo | undefined;
  /** Loaded into the worker, ready to classify. */
  loaded: LoadedInfo | undefined;
}

export interface LoadedInfo {
  /** URL, "cache" or "file:<name>". */
  origin: string;
  /** The official host, a mirror or the user's file (also for a copy read from the cache). */
  provenance: WeightsProvenance;
  bytes: number;
  /** SHA-256 of the weights' bytes. */
  sha256: string;
  /** Whether they are the published checkpoint (their SHA-256 is the pinned one). */
  published: boolean;
  /** True for stand-in weights (the file says so: make-weights' recipe): the predictions mean nothing. */
  standIn?: boolean;
  /** Milliseconds: downloading or reading, parsing + checking, storing in the cache, building on the backend. */
  /** `buildMs`: folding and uploading the weights; `warmUpMs`: the inference on a blank image after it. */
  timings: LoadTimings & { buildMs: number; warmUpMs?: number };
  backend: BackendName;
  /** Set when the weights could not be kept for next time (they still work now). */
  storeError?: FailureDetail;
}

/** Loading progress: the loader's phases, then building the network on the backend. */
export type LoadPhaseProgress = Omit<LoadProgress, 'phase'> & { phase: LoadProgress['phase'] | 'build' };

export interface NetworkResult {
  network: InferenceNetwork;
  top: Prediction[];
  /** The photo as the network saw it: resized and center-cropped (inputSize²). */
  crop: ImageBitmap;
  /** Milliseconds. */
  timings: { preprocessMs: number; inferenceMs: number };
  backend: BackendName;
}

export interface ClassifyOutcome {
  /** Size of the photo as decoded (EXIF orientation applied). */
  width: number;
  height: number;
  decodeMs: number;
  results: NetworkResult[];
}

/**
 * How `predict` treats a photo: each network sees `crops` crops (1, 12 or 144; see evaluation/crops.ts)
 * whose probabilities are averaged; with `ensemble`, the networks' averages are averaged too.
 */
export interface PredictRequest {
  networks: readonly InferenceNetwork[];
  crops: CropCount;
  ensemble: boolean;
  topK: number;
  /** Return each network's centre crop (today's 1-crop input) as an ImageBitmap, to show. */
  crop?: boolean;
  /** Lets `cancelPrediction(id)` stop it between forward passes. */
  predictId?: string;
  /** Return the first network's pooled features of the centre crop, read from its forward pass (the feature map). */
  features?: boolean;
}

/** One mode's answer: a network (or the ensemble) at a number of crops. */
export interface ModeResult {
  model: InferenceNetwork | 'ensemble';
  crops: CropCount;
  top: Prediction[];
  /** Forward passes behind it (a 12-crop run's 1-crop answer is its first pass). */
  passes: number;
}

export interface NetworkRun {
  network: InferenceNetwork;
  /** The centre crop, when asked for. */
  crop?: ImageBitmap;
  /** Milliseconds: making the crops, and the forward passes. */
  timings: { preprocessMs: number; inferenceMs: number };
  passes: number;
  backend: BackendName;
}

export interface PredictOutcome {
  width: number;
  height: number;
  decodeMs: number;
  /** Every mode the request answers: each network at `crops`, also at 1 crop for 12 crops, and the ensemble. */
  modes: ModeResult[];
  networks: NetworkRun[];
  /** From receiving the photo to the answer, decoding and waiting for the backend included. */
  totalMs: number;
  /** When asked for: the first network's pooled features (1536 values) of its centre crop. */
  features?: { network: InferenceNetwork; values: Float32Array };
}

/** Forward passes done of a prediction's total. */
export interface PredictProgress {
  done: number;
  total: number;
}

export type WorkerEvent =
  | { kind: 'backend'; report: BackendReport }
  | { kind: 'weights'; state: WeightsState }
  | { kind: 'trained'; state: TrainedState };

/**
 * Error kinds the UI tells apart (the message always names the file/thing and the problem). "no-photo":
 * the worker no longer holds the photo of a slot (a fresh worker after a reload, or a slot evicted).
 */
/**
 * 'restarting': the worker stopped while the call was in flight and a new one is being started (nothing
 * is loaded in it): what was asked can be asked again once it is back.
 */
export type FailureKind =
  'image' | 'weights' | 'download' | 'cancelled' | 'backend' | 'not-loaded' | 'no-photo' | 'restarting' | 'internal';

/** Everything the worker does: classifying, and looking inside with a photo (InsideApi). */
export interface InferenceApi extends InsideApi, VisualizeApi, PartingApi {
  /** Receives backend changes (e.g. after a lost device) and weights state changes. */
  subscribe(listener: (event: WorkerEvent) => void): Promise<void>;
  /** Initialises (or switches to) a backend; loaded networks are rebuilt on it. */
  setBackend(choice: BackendChoice): Promise<BackendReport>;
  backend(): Promise<BackendReport>;
  weightsState(network: ClassifiableNetwork): Promise<WeightsState>;
  /**
   * Loads weights and builds the network; `loadId` lets `cancel(loadId)` stop it. With "any", a file is
   * matched to the network it fits (a file dropped on the page).
   */
  loadWeights(
    network: ClassifiableNetwork | 'any',
    request: WeightsRequest,
    onProgress?: (progress: LoadPhaseProgress) => void,
    loadId?: string,
  ): Promise<WeightsState>;
  cancel(loadId: string): Promise<void>;
  /** Removes the network from memory and its weights from the cache. */
  forgetWeights(network: ClassifiableNetwork): Promise<WeightsState>;
  /**
   * Loads a trained network from its file (definition, classes and weights in it; checked like every
   * checkpoint). `id`, when given, must be the first 16 hex digits of the file's SHA-256.
   */
  loadTrained(file: Blob, name: string, id?: string): Promise<TrainedState>;
  /** Classifies one photo with each listed network (all must be loaded); the top 5 classes unless `topK` says. */
  classify(image: ClassifyImage, networks: readonly InferenceNetwork[], topK?: number): Promise<ClassifyOutcome>;
  /**
   * Predicts one photo in a prediction mode (multi-crop, ensemble). The photo is decoded at once (while
   * other work runs), then each forward pass takes its turn on the backend, so a long 144-crop
   * prediction never blocks loading, switching backends or other photos for more than one pass.
   */
  predict(
    image: ClassifyImage,
    request: PredictRequest,
    onProgress?: (progress: PredictProgress) => void,
  ): Promise<PredictOutcome>;
  /** Stops a prediction (it rejects with a "cancelled" failure) before its next forward pass. */
  cancelPrediction(predictId: string): Promise<void>;
  /** A loaded network with its weights as an ONNX model (src/runtime/onnx/), for Netron or onnxruntime. */
  exportOnnx(network: ClassifiableNetwork): Promise<OnnxFile>;
}

export interface OnnxFile {
  blob: Blob;
  /** e.g. "inception_v4.tf_in1k.onnx" */
  fileName: string;
}

/** What the worker's entry exposes: the service's methods, and proof of life for the page. */
export interface WorkerApi extends InferenceApi {
  /**
   * The name of a Web Lock the worker holds for as long as it lives (undefined where Web Locks are not
   * available): the page asks for the same lock and is granted it only once the worker is gone, even
   * when it closed itself or was killed without an error event.
   */
  alive(): Promise<{ lock: string | undefined }>;
}
