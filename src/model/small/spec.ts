/**
 * What a small network is made of: a released network, scaled down (width, repeats), with a stem for
 * 32×32 or 64×64 inputs and a classifier for a few classes. A spec is plain JSON, so a run can be stored,
 * put in a URL or sent to a worker and read back with `parseSmallNetworkSpec`.
 */
import type { SmallNetworkId } from '../types.ts';

export type { SmallNetworkId } from '../types.ts';

/** The released network a small one is derived from. */
export type SmallBase = 'inception-v4' | 'inception-resnet-v2';

/** The input sizes a small stem exists for: 32 keeps the grid, 64 halves it once. */
export type SmallInputSize = 32 | 64;

export interface SmallNetworkSpec {
  /** Derived from the *released* definition of that network. */
  base: SmallBase;
  /** Multiplier on every convolution's filters (0 < width ≤ 1), rounded, at least 1 filter. */
  width: number;
  /** Repetitions of the A, B and C repeated stages, in network order. */
  repeats: readonly [number, number, number];
  /** A small-input stem replaces the 299×299 one. */
  inputSize: SmallInputSize;
  /** Units of the classifier. */
  classes: number;
  /** false: the no-shortcut twin (every residual block computes act(r) instead of act(x + s·r)). */
  shortcuts: boolean;
  /** Overrides every residual scale (the "why scale the residuals?" experiment); none: the released ones. */
  residualScale?: number;
}

export const SMALL_BASES: readonly SmallBase[] = ['inception-v4', 'inception-resnet-v2'];
export const SMALL_INPUT_SIZES: readonly SmallInputSize[] = [32, 64];

/** The defaults of every preset: a quarter of the width, a few blocks per stage, CIFAR-10-sized. */
export const SMALL_DEFAULTS = {
  width: 0.25,
  repeats: [1, 2, 1],
  inputSize: 32,
  classes: 10,
} as const satisfies Omit<SmallNetworkSpec, 'base' | 'shortcuts'>;

/** The networks "Do residuals speed up training?" races: Inception-v4-S, Inception-ResNet-v2-S and its twin. */
export const SMALL_PRESETS: Readonly<Record<SmallNetworkId, SmallNetworkSpec>> = {
  'inception-v4-s': { base: 'inception-v4', ...SMALL_DEFAULTS, shortcuts: true },
  'inception-resnet-v2-s': { base: 'inception-resnet-v2', ...SMALL_DEFAULTS, shortcuts: true },
  'inception-resnet-v2-s-no-shortcuts': { base: 'inception-resnet-v2', ...SMALL_DEFAULTS, shortcuts: false },
};

export const SMALL_NETWORK_IDS = Object.keys(SMALL_PRESETS) as SmallNetworkId[];

/** The id naming a spec's family: the base, and whether its shortcuts are kept. */
export function smallNetworkId(spec: Pick<SmallNetworkSpec, 'base' | 'shortcuts'>): SmallNetworkId {
  if (spec.base === 'inception-v4') return 'inception-v4-s';
  return spec.shortcuts ? 'inception-resnet-v2-s' : 'inception-resnet-v2-s-no-shortcuts';
}
