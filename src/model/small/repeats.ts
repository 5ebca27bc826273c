/** The repeated stages of a network (the A, B and C blocks) and their number of repetitions. */
import type { NetworkDefinition, Repeat } from '../types.ts';

/** The top-level repeated stages, in network order. */
export function repeatedStages(network: NetworkDefinition): Repeat[] {
  return network.stages.filter((s): s is Repeat => s.kind === 'repeat');
}

/**
 * The network with the i-th repeated stage repeated `counts[i]` times, keeping the checkpoint keys of its
 * first repetitions ("repeat_1.0", "repeat_1.1"). More repetitions than the released network has would
 * need keys it does not have (Inception-v4's next one, "features.10", is Reduction-A's), so they are refused.
 */
export function withRepeats(network: NetworkDefinition, counts: readonly number[]): NetworkDefinition {
  const stages = repeatedStages(network);
  if (stages.length !== counts.length) {
    throw new Error(`${network.title} has ${stages.length} repeated stages; ${counts.length} repeat counts were given`);
  }
  const replaced = network.stages.map((stage) => {
    if (stage.kind !== 'repeat') return stage;
    const count = counts[stages.indexOf(stage)];
    if (!Number.isInteger(count) || count < 1 || count > stage.count) {
      throw new Error(`a repeated stage of ${network.title} can be repeated 1 to ${stage.count} times, not ${count}`);
    }
    return { ...stage, count, ...(stage.keys ? { keys: stage.keys.slice(0, count) } : {}) };
  });
  return { ...network, stages: replaced };
}
