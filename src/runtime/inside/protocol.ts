/**
 * Looking inside a network with a photo: what the explorer's overlays ask of the inference worker and
 * what comes back. Types only (the explorer's lazily loaded inside views import this file without
 * pulling in any runtime code).
 *
 * The worker keeps each attached photo's network input, and after `lookInside` the inputs of every
 * top-level stage and every repetition of a repeat ("segments") for the current residual scales, so a
 * later request re-runs only the segment that holds the asked-for nodes. Everything is reduced where the
 * tensors are; only small typed arrays cross to the page.
 *
 * Node addresses are `AnalyzedNode.address`es of the released network ("inception-resnet-b/3/0/0/1/1").
 */
import type { InferenceNetwork } from '../../model/types.ts';
import type { BackendName } from '../backends/select.ts';
import type { ClassifyImage } from '../preprocess/classify-image.ts';
import type { Prediction } from '../top-k.ts';
import type { ChannelMaxima } from './top-examples.ts';

/**
 * Residual scale per group of Inception-ResNet blocks, keyed by the group's stage address
 * ("inception-resnet-a", "inception-resnet-b", "inception-resnet-c"). A group left out keeps its
 * released scale; 0 switches that group's residual branches off (each block then passes x through
 * its activation).
 */
export type ResidualScales = Readonly<Record<string, number>>;

/** Statistics of all values of a node's output (population std; zeroFraction: share of exact zeros). */
export interface ActivationStats {
  mean: number;
  std: number;
  min: number;
  max: number;
  zeroFraction: number;
  /** Number of values (h·w·c). */
  count: number;
}

/** A 2-D map, row-major (`data[y * width + x]`). */
export interface FeatureMap {
  width: number;
  height: number;
  data: Float32Array;
  /** The channel shown, or undefined for the mean over all channels. */
  channel?: number;
}

/** Counts of values in `counts.length` equal-width bins spanning [min, max] (the last bin includes max). */
export interface Histogram {
  min: number;
  max: number;
  counts: Uint32Array;
}

/** Euclidean norms of a residual block's parts (paper §3.3): out = act(x + s·r). */
export interface ResidualNorms {
  /** The scale s used in this run. */
  scale: number;
  /** ‖x‖, the shortcut. */
  shortcut: number;
  /** ‖r‖, the residual branch (the Linear 1×1 projection's output). */
  branch: number;
  /** ‖s·r‖ = |s|·‖r‖. */
  scaled: number;
  /** ‖s·r‖ / ‖x‖. */
  ratio: number;
}

/** Photos the worker keeps attached (the most recently used slots). */
export const MAX_PHOTO_SLOTS = 4;
/** Slots per network whose segment inputs the worker keeps (about 50 MB each for Inception-ResNet-v2 on WASM). */
export const MAX_INSIDE_RUNS = 2;

/** Largest side of a box thumbnail: bigger maps are average-pooled down to fit. */
export const THUMBNAIL_MAX = 48;
/** Bins of a summary's histogram (an edge sparkline) and of a node detail's histogram. */
export const SUMMARY_BINS = 16;
export const DETAIL_BINS = 64;

/** What a box of the diagram carries: its output's statistics, a thumbnail and a small histogram. */
export interface NodeSummary {
  address: string;
  /** [h, w, c], or [features] after global pooling / the classifier. */
  shape: number[];
  stats: ActivationStats;
  /** The channel-mean (or the requested channel) as a map of at most THUMBNAIL_MAX per side; absent for vectors. */
  thumbnail?: FeatureMap;
  /** SUMMARY_BINS bins. */
  histogram: Histogram;
  /**
   * For a residual block (the node is the residual itself), and for a whole repeat of residual blocks
   * (shown rolled up): its last repetition's, like the thumbnail.
   */
  residual?: ResidualNorms;
}

/** How the channels of a node detail are ranked, largest first ("zeros": largest fraction of exact zeros). */
export type ChannelOrder = 'mean' | 'max' | 'zeros';

/** Everything the inspector shows for a selected node. */
export interface NodeDetail extends NodeSummary {
  /** Per channel, for every channel (length c): mean, maximum, fraction of exact zeros. */
  channels: { mean: Float32Array; max: Float32Array; zeroFraction: Float32Array };
  order: ChannelOrder;
  /** The `count` top channels in `order`, each at the node's full resolution. */
  maps: FeatureMap[];
  /** DETAIL_BINS bins (replaces the summary's). */
  histogram: Histogram;
}

/** One point of the "through the network" chart: a block (a stage or a repetition) along depth. */
export interface DepthPoint {
  address: string;
  /** "Inception-ResNet-B 7", "Reduction-A", "Stem". */
  label: string;
  /** Position along depth, 0 = the first stage. */
  index: number;
  mean: number;
  zeroFraction: number;
  /** For residual blocks. */
  residual?: ResidualNorms;
}

/** The result of running a network on an attached photo. */
export interface LookInsideResult {
  slot: string;
  network: InferenceNetwork;
  /** The scales in effect, every residual group listed. */
  scales: ResidualScales;
  top: Prediction[];
  logits: Float32Array;
  depth: DepthPoint[];
  /** The photo as the network saw it (transferred). */
  crop: ImageBitmap;
  inferenceMs: number;
  backend: BackendName;
}

/** Where the network looks for one class: CAM at the head, Grad-CAM at any 4-D node. */
export interface ClassMap {
  classIndex: number;
  label: string;
  logit: number;
  /**
   * "cam": Σ_k W[c,k]·F[h,w,k] on the final feature map (raw; mean(map) + bias = logit). "grad-cam": ReLU(Σ_k α_k A_k).
   */
  method: 'cam' | 'grad-cam';
  /** The node whose output the map is over. */
  node: string;
  /** The classifier's bias b_c (CAM only). */
  bias?: number;
  /** Raw map at the node's resolution (8×8 at the head), not normalised. */
  map: FeatureMap;
  /** Backend the map was computed on (Grad-CAM falls back where the active one lacks a gradient kernel). */
  backend: BackendName;
  /** Milliseconds the request took in the worker, for all its classes together. */
  ms: number;
  /** Said to the user, e.g. why another backend computed the gradients. */
  notice?: string;
}

export interface ClassMapOptions {
  /** Grad-CAM at this node; CAM at the head without it. */
  node?: string;
  /** Lets `cancelGradCam(id)` stop the Grad-CAM between turns. */
  gradCamId?: string;
}

/**
 * A Grad-CAM under way: told once its inputs are held (done 0: requests asked for after this point no
 * longer change what it computes), then after each class with that class's map. Each class is back-
 * propagated a segment per turn in the worker's queue, so other requests run between its turns.
 */
export interface GradCamProgress {
  done: number;
  total: number;
  /** The map of the class just done (`classes[done - 1]`). */
  map?: ClassMap;
}

export interface SummaryOptions {
  /** Show this channel instead of the channel mean in thumbnails. */
  channel?: number;
}

export interface DetailOptions {
  order: ChannelOrder;
  /** How many channel maps to return (16–64). */
  count: number;
}

/** The worker's methods for looking inside (part of `InferenceApi`). */
export interface InsideApi {
  /**
   * Keeps a photo in the worker under `slot` (decoded once; preprocessed per network when first used).
   * Replaces what the slot held. Resolves with the decoded size; rejects with kind "image" for a bad photo.
   * The same photo again (the same bytes: one a classification kept under the slot, or attached before)
   * is not decoded again, and what the worker holds of it stays.
   * The worker keeps the photos of the last MAX_PHOTO_SLOTS slots attached (and the segment inputs of
   * the last MAX_INSIDE_RUNS slots per network, recomputed when asked for again); a request for a slot
   * it no longer holds rejects with kind "no-photo".
   */
  attachPhoto(slot: string, image: ClassifyImage): Promise<{ width: number; height: number }>;
  /**
   * Runs `network` (weights loaded) on the slot's photo with `scales`, keeping the segment inputs that
   * later requests of this slot and network reuse; segments before the first changed group are not run
   * again. `prefetch`: nodes (the boxes of the view being opened) whose summaries are computed in the same
   * run, so that `summaries` answers them at once. Rejects with "not-loaded" when the weights are not,
   * "no-photo" for an unknown slot, and "internal" for an unknown group or node or a scale that is not a
   * finite number ≥ 0 (the message lists them).
   */
  lookInside(
    slot: string,
    network: InferenceNetwork,
    scales?: ResidualScales,
    prefetch?: readonly string[],
  ): Promise<LookInsideResult>;
  /**
   * Summaries of nodes' outputs for the last `lookInside` of this slot and network (with the released
   * scales if there was none). Runs only the segments holding them; rejects for an unknown address.
   */
  summaries(
    slot: string,
    network: InferenceNetwork,
    addresses: readonly string[],
    options?: SummaryOptions,
  ): Promise<NodeSummary[]>;
  detail(slot: string, network: InferenceNetwork, address: string, options: DetailOptions): Promise<NodeDetail>;
  /**
   * CAM of `classes` at the head, or Grad-CAM at `node` (a 4-D node's address). A Grad-CAM runs in turns
   * with other requests (see GradCamProgress), and rejects with "cancelled" when `cancelGradCam` stopped it.
   */
  classMaps(
    slot: string,
    network: InferenceNetwork,
    classes: readonly number[],
    options?: ClassMapOptions,
    onProgress?: (progress: GradCamProgress) => void,
  ): Promise<ClassMap[]>;
  /** Stops the Grad-CAM asked for with `gradCamId` before its next turn (nothing when it is not running). */
  cancelGradCam(gradCamId: string): Promise<void>;
  /**
   * Per channel of each node's h×w×c output for the slot's photo: its maximum and where it is (y·w + x),
   * for channel examples. Rejects with "internal" for an unknown node or one without an h×w×c output.
   */
  channelMaxima(slot: string, network: InferenceNetwork, addresses: readonly string[]): Promise<ChannelMaxima[]>;
  /** Frees what the worker keeps for the slot. */
  releasePhoto(slot: string): Promise<void>;
}
