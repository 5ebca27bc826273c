/** Synthetic box addresses: "<node address>#<role>" for boxes that are not a node by themselves. */
import type { SyntheticRole } from './types.ts';

/** Node part of the network's own input and output boxes ("network#input", "network#output"). */
export const NETWORK = 'network';

export function syntheticAddress(node: string, role: SyntheticRole): string {
  return `${node}#${role}`;
}

/**
 * The `AnalyzedNode.address` a box address refers to: the part before "#" ("inception-a/0#concat" → "inception-a/0").
 */
export function nodeOf(address: string): string {
  const hash = address.indexOf('#');
  return hash < 0 ? address : address.slice(0, hash);
}

/** The role of a synthetic address, or undefined for a node's own address. */
export function roleOf(address: string): SyntheticRole | undefined {
  const hash = address.indexOf('#');
  return hash < 0 ? undefined : (address.slice(hash + 1) as SyntheticRole);
}
