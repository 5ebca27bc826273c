/**
 * Several reductions of one node's output in one run: an executor takes one tap per node, so the
 * reductions asked of a node (its depth point and its box's summary, say) are packed into one tap whose
 * output is split back afterwards.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tap } from '../executor/run-options.ts';
import type { Reduction } from './reductions.ts';

export class TapGroups {
  private readonly groups = new Map<string, Reduction<unknown>[]>();

  /** Adds a reduction of the output of `observed`; returns its position there, for `split`. */
  add(observed: string, reduction: Reduction<unknown>): number {
    const group = this.groups.get(observed) ?? [];
    group.push(reduction);
    this.groups.set(observed, group);
    return group.length - 1;
  }

  /** The observed nodes, in the order reductions were first added. */
  addresses(): string[] {
    return [...this.groups.keys()];
  }

  taps(): Map<string, Tap> {
    return new Map(
      [...this.groups].map(([address, group]) => [
        address,
        (y: tf.Tensor) =>
          group.length === 1 ? group[0].tap(y) : tf.concat(group.map((r) => tf.reshape(r.tap(y), [-1]))),
      ]),
    );
  }

  /** The values of each reduction at `observed`, in the order they were added, from its tap's output. */
  split(observed: string, packed: Float32Array): Float32Array[] {
    let offset = 0;
    return (this.groups.get(observed) ?? []).map((r) => packed.subarray(offset, (offset += r.size)));
  }
}
