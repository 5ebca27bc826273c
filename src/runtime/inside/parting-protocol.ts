/**
 * Two photos inside one network: where the network starts to see them differently. Types only (the
 * explorer's lazily loaded inside views import this file without pulling in any runtime code).
 */
import type { InferenceNetwork } from '../../model/types.ts';
import type { ResidualScales } from './protocol.ts';

/** One point of the "where they part" chart: a block (the depth chart's points) along depth. */
export interface PartingPoint {
  address: string;
  /** "Inception-ResNet-B 7", "Reduction-A", "Stem". */
  label: string;
  /** Position along depth, 0 = the first stage. */
  index: number;
  /**
   * Cosine similarity of the two photos' outputs of the block, flattened: a·b / (‖a‖·‖b‖), in [−1, 1];
   * null where either output is all zeros (it has no direction).
   */
  cosine: number | null;
}

/** The worker's method for comparing two attached photos (part of `InferenceApi`). */
export interface PartingApi {
  /**
   * Per block along depth, the cosine similarity of the outputs of `network` on the photos of slots
   * `first` and `second` at `scales` (both attached with `attachPhoto`). Reuses each slot's kept run
   * (running only what `lookInside` would) and reduces on the backend: three numbers per block come
   * back. Rejects like `lookInside` ("not-loaded", "no-photo", "internal").
   */
  partWays(first: string, second: string, network: InferenceNetwork, scales?: ResidualScales): Promise<PartingPoint[]>;
}
