/**
 * The "through the network" chart for one photo: per segment (a stage, or one repetition of a repeated
 * block), along depth, the mean activation, the fraction of exact zeros and, for residual blocks, the
 * norms of paper §3.3. Measured by taps during the look-inside run itself.
 */
import type { Segment } from '../../model/analysis/segments.ts';
import type { Tap } from '../executor/run-options.ts';
import type { DepthPoint, ResidualNorms } from './protocol.ts';
import { depthReduction } from './reductions.ts';

/** The reduction tapped at each segment's output: its mean and fraction of exact zeros. */
export const DEPTH_REDUCTION = depthReduction();
const reduction = DEPTH_REDUCTION;

/** One tap per segment output. */
export function depthTaps(segments: readonly Segment[]): Map<string, Tap> {
  return new Map(segments.map((s) => [s.address, reduction.tap]));
}

/** ‖x‖, ‖r‖, ‖s·r‖ and their ratio from a residual probe's scale and [‖x‖, ‖r‖]. */
export function residualNorms(scale: number, norms: ArrayLike<number>): ResidualNorms {
  const shortcut = norms[0];
  const branch = norms[1];
  const scaled = Math.abs(scale) * branch;
  // A zero shortcut (a dead input) has no finite ratio unless the scaled branch is zero too.
  const ratio = shortcut > 0 ? scaled / shortcut : scaled > 0 ? Infinity : 0;
  return { scale, shortcut, branch, scaled, ratio };
}

/** The chart's point for a segment, from its tap's values and, for a residual block, its norms. */
export function depthPoint(segment: Segment, values: Float32Array, residual?: ResidualNorms): DepthPoint {
  const { mean, zeroFraction } = reduction.read(values);
  return {
    address: segment.address,
    label: segment.label,
    index: segment.index,
    mean,
    zeroFraction,
    ...(residual ? { residual } : {}),
  };
}
