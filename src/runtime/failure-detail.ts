/**
 * The runtime's failures as data (runtime/failure-words.ts words them): each code's parameters, a failure
 * (`FailureDetail`: a code and its parameters) and the shape of a language's wording (`FailureWords`). A
 * parameter may be another failure (`cause`), so the codes of every area are listed here, below their words
 * (failure-words.ts and its area files, failure-words-*.ts), which import this file for its types alone.
 */
import type { TensorKind } from '../model/analysis/checkpoint.ts';
import type { StorageFailure } from '../model/storage-failure.ts';
import type { TrainedHeaderProblem } from '../model/trained-header-problem.ts';

export type { TrainedDefinitionProblem, TrainedHeaderProblem, TrainedPart } from '../model/trained-header-problem.ts';

/** What a call timed by the watchdog was doing, as data: said when it takes too long ('worker.hung'). */
export type WatchedTask =
  | { kind: 'classifying'; file: string; crops?: number }
  | { kind: 'evaluating'; file: string }
  | {
      kind:
        'looking-inside' | 'summarising' | 'layer-output' | 'grad-cam' | 'class-maps' | 'channel-maxima' | 'comparing';
    };

/** What a budget is counted per, beyond the network runs of an inference ('worker.hung'). */
export type BudgetUnit = 'request' | 'class';

/** Parameters of each code. */
export interface FailureParams
  extends
    DownloadFailureParams,
    BackendFailureParams,
    TrainingFailureParams,
    DatasetFailureParams,
    CacheFailureParams,
    TrainedFailureParams {
  /** An error that carries no code (a library's or the browser's own message, in its own words). */
  error: { message: string };

  'weights.not-cached': { label: string };
  'weights.cache-damaged': { label: string; sha256: string; stored: string };
  'weights.cache-not-published': { label: string; sha256: string; published: string };
  'weights.cache-removed': { cause: FailureDetail };
  'weights.unreadable': { file: string; detail: string };
  'weights.cannot-read': { file: string; detail: string };
  'weights.non-finite': { file: string; tensor: string; value: string; index: number };
  'weights.truncated-checkpoint': {
    file: string;
    network: string;
    listed: number;
    expected: number;
    heldMb: string;
    describedMb: string;
    cut: number;
    first: string;
  };
  'weights.missing': {
    file: string;
    tensor: string;
    kind: TensorKind;
    shape: string;
    layer?: string;
    address: string;
    network: string;
    expected: number;
  };
  'weights.no-layout': { file: string; network: string; variant: string };
  'weights.wrong-model': {
    file: string;
    looksLike: string;
    wanted: string;
    count: number;
    other: string;
    found: number;
    network: string;
    expected: number;
  };
  'weights.not-inception': {
    file: string;
    tensors: number;
    sample: readonly string[];
    found: number;
    network: string;
    expected: number;
  };
  'weights.web-page': { file: string; begins: string };
  'weights.text': { file: string; begins: string };
  /** A safetensors file that breaks the format; `detail` is the format's own terms (offsets, dtypes, bytes). */
  'weights.safetensors': {
    file: string;
    problem: 'truncated' | 'corrupt' | 'not-safetensors';
    tensor?: string;
    detail: string;
  };
  'weights.shape': { file: string; tensor: string; shape: string; network: string; expected: string };
  'weights.unexpected': { file: string; tensor: string; more: number; network: string };
  'weights.fits-neither': { file: string; causes: readonly FailureDetail[] };
  'weights.file-only': Record<string, never>;
  'weights.no-checkpoint': { network: string };
  'weights.not-this-trained': { file: string; id: string; sha256: string };
  'weights.onnx-failed': { network: string; cause: FailureDetail };

  'image.empty': { file: string };
  'image.not-an-image': { file: string; text: boolean; formats: string };
  'image.too-large': { file: string; width: number; height: number; megapixels: string; max: string };
  'image.no-canvas': { file: string; width: number; height: number };
  'image.gone': { file: string; detail: string };
  'image.corrupt': { file: string; format: string; detail: string };
  'image.undecodable': { file: string; format: string; detail: string; formats: string };
  'image.heif': { file: string; formats: string };
  'image.too-many-pixels': { file: string; format: string; max: string };
  'image.not-here': { file: string; format: string; formats: string };
  'image.unreadable': { file: string; detail: string };

  'worker.not-loaded': { networks: readonly string[] };
  'worker.unloaded': { network: string };
  'worker.trained-not-loaded': { network: string };
  'worker.trained-one-crop': { network: string };
  'worker.ensemble-needs-both': Record<string, never>;
  'worker.no-pixels': { file: string };
  'worker.built-when-lost': { network: string; notice?: FailureDetail; trained: boolean };
  'worker.backend-lost-moving': { backend: string };
  'worker.not-moved': { network: string; backend: string; cause: FailureDetail; staying?: string };
  'worker.backend-lost-task': { backend: string; cause: FailureDetail };
  'worker.cancelled': { network?: string; file?: string };
  'worker.visualisation-cancelled': { channel?: number; node?: string };
  'worker.grad-cam-cancelled': { node: string };
  'worker.grad-cam-unloaded': { network: string };
  'worker.rebuilt-during-visualisation': { network: string };
  'worker.photo-gone': { slot: string; kept: number };
  'worker.no-inside': { network: string };
  'worker.stopped': { cause: FailureDetail };
  'worker.keeps-stopping': { cause: FailureDetail };
  'worker.not-running': Record<string, never>;
  'worker.no-answer': { limit: string };
  'worker.hung': { task?: WatchedTask; limit: string; per?: BudgetUnit; expected?: string };
  'worker.crashed': { detail: string };
  'worker.terminated': Record<string, never>;
  'worker.error': { detail: string };
  'worker.no-script': Record<string, never>;
  'worker.message-unreadable': Record<string, never>;
  'worker.ended': Record<string, never>;
  'worker.closed': Record<string, never>;
  'worker.not-created': { detail: string };
}

export type FailureCode = keyof FailureParams;

/** One failure, as data. */
export type FailureDetail = { [C in FailureCode]: { code: C; params: FailureParams[C] } }[FailureCode];

/** Words a failure (a cause inside a sentence), in the language of the sentence. */
export type WordFailure = (detail: FailureDetail) => string;

/** The wording of every code in one language. */
export type FailureWords = { readonly [C in FailureCode]: (params: FailureParams[C], word: WordFailure) => string };

/** A download of weights failed, cancelled or refused; a weights base URL refused (failure-words-download.ts). */
export interface DownloadFailureParams {
  'download.not-found': { label: string; url: string; status: string };
  'download.http': { label: string; url: string; status: string };
  'download.no-body': { label: string; url: string };
  'download.not-continued': { label: string };
  'download.too-large': { label: string; size: string; max: string };
  'download.over-limit': { label: string; max: string };
  'download.more-than-announced': { label: string; size: string };
  'download.truncated': { label: string; received: string; total: string };
  'download.network': { label: string; url: string; detail: string };
  'download.cancelled': { label: string };
  /** The last attempt's failure, after retrying. */
  'download.gave-up': { cause: FailureDetail; attempts: number };
  'download.stalled': { label: string; url: string; seconds: number; received?: string; total?: string };
  'download.not-published': { label: string; url: string; sha256: string; expected: string };
  'download.altered': { label: string; url: string; sha256: string; stated: string };
  'loading.cancelled': { label: string };

  'base-url.not-a-url': { url: string; example: string };
  'base-url.scheme': { url: string };
  'base-url.credentials': { url: string };
  'base-url.insecure': { url: string };
  'base-url.query': { url: string };
}

/** A backend this environment lacks: the browser's or Node's, or one left out after it failed. */
export type BackendMissing =
  'no-webgpu' | 'no-adapter' | 'no-canvas' | 'no-webgl' | 'no-wasm' | 'no-wasm-node' | 'not-in-node' | 'excluded';

/** What a software GPU is: a WebGPU fallback adapter, a WebGPU adapter in software, a WebGL rasteriser. */
export type SoftwareGpu = 'fallback-adapter' | 'adapter' | 'renderer';

/** Why a backend was passed over or stopped, and what the worker did (failure-words-backend.ts). */
export interface BackendFailureParams {
  'backend.unavailable': { why: BackendMissing };
  'backend.adapter-request-failed': { detail: string };
  'backend.no-dawn-adapter': { settings: string };
  'backend.no-webgpu-package': { detail: string };
  /** `name`: what the adapter or renderer calls itself ('' when it says nothing); `slow`: skipped for it. */
  'backend.software': { kind: SoftwareGpu; name: string; slow?: boolean };
  'backend.init-failed': { detail?: string };
  'backend.self-test-failed': { detail: string };
  'backend.device-lost': { detail?: string };
  'backend.device-error': { detail?: string };
  'backend.context-lost': Record<string, never>;
  /** After `backend` stopped (`cause`), the networks run on `now`; those in `failed` could not be rebuilt. */
  'backend.moved': {
    backend: string;
    cause: FailureDetail;
    now: string;
    failed: readonly { network: string; cause: FailureDetail }[];
  };
  'backend.none-started': { backend: string; cause: FailureDetail; error: FailureDetail };
}

/** The training worker's failures (failure-words-training.ts). */
export interface TrainingFailureParams {
  /** The small networks are built for 32×32 or 64×64 images; `data` (its name) has `size`×`size`. */
  'training.small-size': { data: string; size: number };
  'training.does-not-fit': {
    network: string;
    height: number;
    width: number;
    classes: number;
    data: string;
    size: number;
    dataClasses: number;
  };
  'training.not-in-memory': { network: string };
}

/** An evaluation folder's layout problems (failure-words-dataset.ts). */
export interface DatasetFailureParams {
  'dataset.no-images': { files: number; csv: string };
  /** Why images were left out: not listed in the CSV, a WordNet ID of no ImageNet-1k class, no class folder. */
  'dataset.not-listed': { csv: string };
  'dataset.not-a-class': { csv: string; wnid: string };
  'dataset.folder-not-a-class': { folder: string };
  'dataset.no-class-folder': { folder?: string };
  /** No image could be labelled; `reasons`: the first reasons, each with how many images it left out. */
  'dataset.none-labelled': {
    images: number;
    layout: 'folders' | 'csv';
    csv: string;
    reasons: readonly { count: number; reason: FailureDetail }[];
  };
  'dataset.csv-header': { source: string; header: string };
  'dataset.csv-empty': { source: string; line?: number; problem?: FailureDetail };
  'dataset.csv-bad-line': { text: string };
  'dataset.csv-relisted': { id: string; wnid: string; first: string };
}

/** Weights that could not be kept in the browser's cache (failure-words-cache.ts). */
export interface CacheFailureParams {
  'weights.cache-unavailable': Record<string, never>;
  'weights.not-kept': { label: string; failure: StorageFailure };
}

/** A trained network's file whose header cannot be read (failure-words-trained.ts). */
export interface TrainedFailureParams {
  'trained.header': { file: string; problem: TrainedHeaderProblem };
}
