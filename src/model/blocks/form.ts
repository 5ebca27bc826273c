import type { Node } from '../types.ts';

/**
 * Blocks are written once and instantiated in two forms: "paper" follows the figures (branch order left to
 * right as drawn, no checkpoint keys); "released" follows TF-slim/timm exactly (branch order of the code,
 * checkpoint keys on every weighted node).
 */
export type Form = 'paper' | 'released';

/** The checkpoint key, only in the released form. */
export function keyIn(form: Form, key: string): { key?: string } {
  return form === 'released' ? { key } : {};
}

/**
 * Orders branches as drawn in the paper (pooling branch on the left) or as concatenated by the released
 * code (pooling branch last). Only the released order matters for weights.
 */
export function branchOrder(form: Form, pool: Node, others: readonly Node[]): Node[] {
  return form === 'paper' ? [pool, ...others] : [...others, pool];
}
