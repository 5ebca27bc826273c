/**
 * The definition format: a network is data, a tree of sequences and parallel branches whose leaves are
 * layers. Everything else in the app (shapes, costs, diagrams, the executable network, the weight
 * mapping) is derived from these values.
 */

/** Kernel or window size as [height, width]; "1×7" is [1, 7]. */
export type Kernel = readonly [height: number, width: number];

/** "same": output grid = ceil(input / stride); "valid" (the paper's "V"): no padding. */
export type Padding = 'same' | 'valid';

/** A tensor shape without the batch axis: [height, width, channels], or [features] after global pooling. */
export type Shape = readonly number[];

interface Common {
  /** The name used by the paper or the released code ("Inception-A", "Mixed_6a"). */
  name?: string;
  /**
   * Key segment of this node in the timm checkpoint, relative to the nearest keyed ancestor
   * ("features.6", "branch1", "0"). The full key of a weighted leaf is the dot-join of the segments on
   * its path ("features.6.branch1.0"); tensors are named from it (see `analysis/checkpoint.ts`).
   */
  key?: string;
}

export interface Conv extends Common {
  kind: 'conv';
  kernel: Kernel;
  filters: number;
  stride: number;
  padding: Padding;
  /** "batchnorm": conv without bias followed by batch norm; "bias": plain conv with a bias (residual projections). */
  norm: 'batchnorm' | 'bias';
  /** "linear" is the paper's "Linear" 1×1 projection of residual blocks. */
  activation: 'relu' | 'linear';
}

export interface MaxPool extends Common {
  kind: 'maxpool';
  kernel: Kernel;
  stride: number;
  padding: Padding;
}

/** Average pooling; with "same" padding the mean excludes padded cells (TF "SAME", timm count_include_pad=False). */
export interface AvgPool extends Common {
  kind: 'avgpool';
  kernel: Kernel;
  stride: number;
  padding: Padding;
}

export interface GlobalAvgPool extends Common {
  kind: 'global-avgpool';
}

/** Dropout, inactive at inference. The paper states keep probability. */
export interface Dropout extends Common {
  kind: 'dropout';
  keep: number;
}

/** The fully connected classifier producing logits (softmax is applied by the consumer). */
export interface Dense extends Common {
  kind: 'dense';
  units: number;
}

export type Layer = Conv | MaxPool | AvgPool | GlobalAvgPool | Dropout | Dense;
export type LayerKind = Layer['kind'];

/** Identifies a block of the paper ("Inception-ResNet-B", Fig. 17). */
export interface BlockInfo {
  /** Stable id, unique within a network, used in URLs: "stem", "inception-resnet-b". */
  id: string;
  /** Paper figure drawing this block, if any. */
  figure?: number;
  /** Hyper-parameters the paper names, e.g. Reduction-A's {k, l, m, n}. */
  params?: Readonly<Record<string, number>>;
  /** The name in the released code (TF-slim / timm), e.g. "Block17", "Mixed_6a". */
  releasedName?: string;
  /** One sentence on what the block does or where it differs from the paper. */
  note?: string;
}

export interface Sequence extends Common {
  kind: 'sequence';
  block?: BlockInfo;
  children: readonly Node[];
}

/** Parallel branches applied to the same input, concatenated along channels in branch order. */
export interface Concat extends Common {
  kind: 'concat';
  block?: BlockInfo;
  branches: readonly Node[];
}

/**
 * Residual scale: a fixed factor (released code), or the range the paper states ("between 0.1 and 0.3").
 */
export type ResidualScale = number | { readonly min: number; readonly max: number };

/** output = activation(input + scale · residual(input)) */
export interface Residual extends Common {
  kind: 'residual';
  block?: BlockInfo;
  scale: ResidualScale;
  /** Activation after the addition; the last released Block8 has none ("linear"). */
  activation: 'relu' | 'linear';
  residual: Node;
}

/** A block applied `count` times in sequence; repetition i has checkpoint key `keys[i]`. */
export interface Repeat extends Common {
  kind: 'repeat';
  count: number;
  keys?: readonly string[];
  body: Node;
}

export type Composite = Sequence | Concat | Residual | Repeat;
export type Node = Layer | Composite;
export type NodeKind = Node['kind'];

/** The paper's three networks. */
export type PaperNetworkId = 'inception-v4' | 'inception-resnet-v1' | 'inception-resnet-v2';
/** Small networks derived from the released definitions for training in the browser (`model/small/`). */
export type SmallNetworkId = 'inception-v4-s' | 'inception-resnet-v2-s' | 'inception-resnet-v2-s-no-shortcuts';
export type NetworkId = PaperNetworkId | SmallNetworkId;
export type Variant = 'paper' | 'released';
/** The networks with ImageNet weights (classified with, evaluated); Inception-ResNet-v1 has none. */
export type ClassifiableNetwork = 'inception-v4' | 'inception-resnet-v2';
/** A trained network opened in this browser, by its file's id (16 hex digits of its SHA-256; `trained.ts`). */
export type TrainedNetworkId = `trained:${string}`;
/** What the inference worker runs: a released network with ImageNet weights, or a trained one. */
export type InferenceNetwork = ClassifiableNetwork | TrainedNetworkId;

/** Preprocessing of the pretrained checkpoint (timm pretrained_cfg). */
export interface Preprocessing {
  inputSize: number;
  cropPct: number;
  interpolation: 'bicubic';
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

export interface Checkpoint {
  /** Hugging Face repository holding `file`. */
  repo: string;
  file: string;
  /**
   * SHA-256 of the published `file` (64 lowercase hex digits), as Hugging Face states it (the Git LFS
   * object id, sent as X-Linked-Etag): weights are "the published checkpoint" only when theirs is this.
   */
  sha256: string;
  preprocessing: Preprocessing;
}

export interface NetworkDefinition {
  id: NetworkId;
  variant: Variant;
  title: string;
  /** Where this form comes from: paper figures or released code. */
  source: string;
  input: Shape;
  classes: number;
  /** Top-level stages in order (stem, blocks, head). */
  stages: readonly Node[];
  /** Only released variants with public weights have one. */
  checkpoint?: Checkpoint;
}
