/**
 * After the width is scaled, a residual block's linear projection must give back its input's width, which
 * rounding (and Mixed_5b's four branches) need not preserve: each projection is set to the channels the
 * analysis finds at the block's input, so any width adds up.
 */
import { analyzeNetwork } from '../analysis/analyze.ts';
import type { NetworkDefinition } from '../types.ts';
import { mapNetwork } from './map-nodes.ts';
import { projectionOf, withProjection } from './residuals.ts';

/**
 * Fixing a block changes its output, hence the inputs of the blocks after it: repeat until nothing
 * changes (each pass fixes at least the first wrong block, whose input is right; in practice one pass).
 */
export function fitProjections(network: NetworkDefinition): NetworkDefinition {
  let current = network;
  const limit = countResiduals(network) + 1;
  for (let pass = 0; pass < limit; pass++) {
    const analysis = analyzeNetwork(current);
    let changed = false;
    current = mapNetwork(current, (node, address) => {
      if (node.kind !== 'residual') return node;
      const input = analysis.byAddress.get(address)?.input;
      const channels = input?.[input.length - 1];
      if (channels === undefined) throw new Error(`no analysed input for the residual block at ${address}`);
      if (projectionOf(node.residual).filters === channels) return node;
      changed = true;
      return { ...node, residual: withProjection(node.residual, (p) => ({ ...p, filters: channels })) };
    });
    if (!changed) return current;
  }
  throw new Error(`the residual projections of ${network.title} did not settle after ${limit} passes`);
}

function countResiduals(network: NetworkDefinition): number {
  let count = 0;
  mapNetwork(network, (node) => {
    if (node.kind === 'residual') count++;
    return node;
  });
  return count;
}
