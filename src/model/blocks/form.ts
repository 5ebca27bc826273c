import type { Node, Variant } from '../types.ts';

/**
 * Blocks are written once and instantiated in both variants (model/types.ts): "paper" follows the figures
 * (branch order left to right as drawn, no checkpoint keys); "released" follows TF-slim/timm exactly
 * (branch order of the code, checkpoint keys on every weighted node).
 */

/** The checkpoint key, only in the released form. */
export function keyIn(form: Variant, key: string): { key?: string } {
  return form === 'released' ? { key } : {};
}

/**
 * Orders branches as drawn in the paper (pooling branch on the left) or as concatenated by the released
 * code (pooling branch last). Only the released order matters for weights.
 */
export function branchOrder(form: Variant, pool: Node, others: readonly Node[]): Node[] {
  return form === 'paper' ? [pool, ...others] : [...others, pool];
}
