/**
 * Feature visualisation through the inference worker: what the inspector's channel grid asks for and what
 * comes back (types only, like protocol.ts). The worker runs the optimisation on its backend, reports each
 * step, stops when cancelled, and keeps each finished image in IndexedDB under the network, the SHA-256 of
 * its weights, the node, the channel, the number of steps and the seed, so asking again answers at once.
 */
import type { InferenceNetwork } from '../../model/types.ts';

export interface VisualizeRequest {
  network: InferenceNetwork;
  /** A node address with an h×w×c output. */
  node: string;
  channel: number;
  steps: number;
  seed: number;
  /** Lets `cancelVisualization(id)` stop it between steps. */
  visualizeId?: string;
}

/** An image as the page draws it: RGBA bytes, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface VisualizeProgress {
  step: number;
  steps: number;
  /** The channel's mean on the image this step looked at. */
  activation: number;
  ms: number;
  /** The image so far (every few steps). */
  image?: RgbaImage;
}

export interface ChannelVisualization {
  network: InferenceNetwork;
  node: string;
  channel: number;
  steps: number;
  seed: number;
  /** At the network's input size. */
  image: RgbaImage;
  /** The channel's mean at each step. */
  activations: number[];
  /** The channel's mean on the finished image. */
  final: number;
  msPerStep: number;
  backend: string;
  /** Answered from the IndexedDB cache (the timings are those of the run that made it). */
  cached: boolean;
}

/** Steps offered in the inspector (the CLI takes any number up to MAX_VISUALIZE_STEPS). */
export const VISUALIZE_STEP_CHOICES = [16, 64, 128, 256] as const;

/** The worker's methods for feature visualisation (part of `InferenceApi`). */
export interface VisualizeApi {
  /**
   * Raises the mean of one channel of a node by gradient ascent on the input (Olah et al. 2017), from a
   * seeded start; rejects with "not-loaded" when the network's weights are not loaded, "internal" for an
   * unknown node or channel, and "cancelled" when `cancelVisualization` stopped it.
   */
  visualizeChannel(
    request: VisualizeRequest,
    onProgress?: (progress: VisualizeProgress) => void,
  ): Promise<ChannelVisualization>;
  cancelVisualization(visualizeId: string): Promise<void>;
}
