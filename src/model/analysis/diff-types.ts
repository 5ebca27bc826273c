/**
 * Two networks' differences as data (diff.ts finds them; the views and the CLI put them in words):
 * marks per address for drawing, and a list of differences, each with what it is about and its detail.
 */

export type DiffMark = 'added' | 'removed' | 'changed';

/** What a difference is about. "branch-order" and "kernel-order" change no parameter count. */
export type DiffAspect =
  | 'network'
  | 'stage'
  | 'repeat'
  | 'layer'
  | 'scale'
  | 'activation'
  | 'shortcut'
  | 'classes'
  | 'kernel-order'
  | 'branch-order'
  | 'shape';

/**
 * What differs, as data. Layers and stages are named by their labels ("1×7 conv, 64"); shapes are
 * [height, width, channels].
 */
export type DiffDetail =
  /** The stage exists in the paper only. */
  | { kind: 'stage-removed' }
  /**
   * The stage exists in the released network only; where it continues a repeated stage of the same block
   * (the released last Block8), it is that block's `position`-th of `total` (the count the 'repeats'
   * difference states, this stage included); `layer` the label of a one-layer stage, `note` the block's note.
   */
  | { kind: 'stage-added'; output: readonly number[]; position?: number; total?: number; layer?: string; note?: string }
  /** Repetitions of a repeated block; `split`: the released count as separate stages ([9, 1]). */
  | { kind: 'repeats'; paper: number; released: number; split?: readonly number[] }
  /** The stage's output shape; `sameLayers`: its layers agree, only its input differs. */
  | { kind: 'output-shape'; paper: readonly number[]; released: readonly number[]; sameLayers: boolean }
  | { kind: 'layer'; paper: string; released: string }
  /** Asymmetric kernels in the other order (same parameters), one pair per layer, per stage. */
  | { kind: 'kernel-order'; pairs: readonly { paper: string; released: string }[] }
  | { kind: 'residual-scale'; paper: string; released: string }
  /** The activation after a residual addition. */
  | { kind: 'activation'; paper: 'relu' | 'linear'; released: 'relu' | 'linear' }
  /** A branch of a concatenation on one side only, by its first layer. */
  | { kind: 'branch-removed'; first: string }
  | { kind: 'branch-added'; first: string }
  /** The branches by their first layers, in each side's order. */
  | { kind: 'branch-order'; paper: readonly string[]; released: readonly string[] }
  /**
   * Layers of a sequence replaced (aligned on their longest common subsequence); `note`: the second
   * side's block note, where that network is derived and its block says why (the small-input stem).
   */
  | { kind: 'replaced'; removed: readonly string[]; added: readonly string[]; note?: string }
  /** The whole network's input shape. */
  | { kind: 'input'; paper: readonly number[]; released: readonly number[] }
  /**
   * Every convolution's filters × `width` in the second network; `examples`: distinct filter counts
   * found so, widest first (first side's → second's). Layers that differ only so are not marked.
   */
  | { kind: 'width'; width: number; examples: readonly (readonly [number, number])[] }
  /** The classifier's units: the number of classes. */
  | { kind: 'classes'; paper: number; released: number }
  /** A residual block without its shortcut: act(r) in place of act(x + scale·r), the same layers; scale "0.17". */
  | { kind: 'shortcut-removed'; activation: 'relu' | 'linear'; scale: string };

export interface Difference {
  mark: DiffMark;
  aspect: DiffAspect;
  /**
   * The stage it belongs to, as named in the paper ("Inception-ResNet-B"); for a difference of the whole
   * network (aspect "network": input, width), the second network's title.
   */
  stage: string;
  /** Addresses on each side, where the thing exists there. */
  paper?: string;
  released?: string;
  detail: DiffDetail;
  /** True where only the drawing order differs (same computation up to a permutation). */
  cosmetic: boolean;
}

/** How the second network is derived from the first, where it is. */
export interface DiffOptions {
  /** Every convolution of the second has the first's filters × width (`scaledFilters`, model/small/width.ts). */
  width?: number;
}

export interface NetworkDiff {
  /** Marks for addresses of the paper analysis (removed, changed). */
  paper: Map<string, DiffMark>;
  /** Marks for addresses of the released analysis (added, changed). */
  released: Map<string, DiffMark>;
  differences: Difference[];
}
