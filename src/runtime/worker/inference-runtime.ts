/**
 * What the inference service needs of TensorFlow.js, as interfaces: the browser's runtime (runtime.ts)
 * implements them, and the tests' small runtimes (src/testing/worker/) stand in for it in Node.
 */
import type { NetworkDefinition } from '../../model/types.ts';
import type { RgbImage } from '../preprocess/image.ts';
import type { TensorSource } from '../weights/types.ts';
import type { InsideNetwork } from '../inside/inside-network.ts';
import type { BackendChoice, BackendName, BackendReport, ClassifyImage } from './protocol.ts';
import type { FailureDetail } from '../failure-words.ts';

/** A network built on the current backend. */
export interface BuiltNetwork {
  /** Class probabilities (softmax of the logits) for one NHWC input. */
  probabilities(input: Float32Array): Promise<Float32Array>;
  /** Looking inside with photos (segment caches), freed by `dispose`. */
  inside?: InsideNetwork;
  /** The probabilities and the pooled features (global average pooling's output) of one forward pass. */
  withFeatures?(input: Float32Array): Promise<{ probabilities: Float32Array; features: Float32Array }>;
  /** The same for several inputs in one pass through the network, where the runtime can. */
  probabilitiesBatch?(inputs: Float32Array[]): Promise<Float32Array[]>;
  /** How long the warm-up inference at the end of the build took, where the runtime warms up. */
  warmUpMs?: number;
  dispose(): void;
}

/**
 * A photo decoded in the worker, ready for each network's own preprocessing (not to be confused with
 * preprocess/decode.browser.ts's DecodedImage, the pixels alone).
 */
export interface DecodedPhoto {
  width: number;
  height: number;
  /** The network input (NHWC float32) and the crop it was made from, for a checkpoint's preprocessing. */
  prepare(network: NetworkDefinition): Promise<{ input: Float32Array; crop: ImageBitmap }>;
  /** The decoded RGB pixels (until `close`), for multi-crop prediction. */
  readonly pixels?: RgbImage;
  close(): void;
}

export interface InferenceRuntime {
  /** Activates a backend; `exclude` leaves out one that just failed. */
  selectBackend(choice: BackendChoice, exclude: readonly BackendName[]): Promise<Omit<BackendReport, 'notice'>>;
  /**
   * Parses and checks a weights file against the network; throws with a message naming file and problem.
   * `cachedCopy`: a cached copy whose hash still matches, so its values were checked before it was stored.
   */
  validate(
    network: NetworkDefinition,
    bytes: Uint8Array<ArrayBuffer>,
    fileName: string,
    cachedCopy?: boolean,
  ): TensorSource | Promise<TensorSource>;
  /** Builds the network; its outputs are `labels` (ImageNet's by default). */
  build(network: NetworkDefinition, tensors: TensorSource, labels?: readonly string[]): Promise<BuiltNetwork>;
  decode(image: ClassifyImage): Promise<DecodedPhoto>;
  /** ImageNet's class names, the released networks' outputs. */
  labels: readonly string[];
  /** Calls `listener` when the active GPU backend's device is lost. */
  onDeviceLost(listener: (backend: BackendName, cause: FailureDetail) => void): void;
}
