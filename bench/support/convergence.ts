/**
 * The convergence benchmark's arithmetic: one network's curves from a race's records (the training loss
 * averaged over each epoch's steps, the held-out top-1 error at each epoch's end), the epoch at which the
 * error first reached a target, and the mean and standard deviation over seeds.
 */
import type { ProgressRecord } from '../../src/runtime/training/protocol.ts';

export interface Curves {
  /** Mean training loss of each epoch's steps, epoch 1 first. */
  loss: number[];
  /** Held-out top-1 error (0–1) at the end of each epoch. */
  error: number[];
  /** Why the network stopped early, if it did. */
  stopped?: string;
}

/** Each network's curves from the records of one race, in the order the networks first appear. */
export function curvesOf(records: readonly ProgressRecord[]): Map<string, Curves> {
  const sums = new Map<string, { loss: number[]; steps: number[] }>();
  const curves = new Map<string, Curves>();
  const of = (network: string) => {
    if (!curves.has(network)) {
      curves.set(network, { loss: [], error: [] });
      sums.set(network, { loss: [], steps: [] });
    }
    return { c: curves.get(network)!, s: sums.get(network)! };
  };
  for (const r of records) {
    const { c, s } = of(r.network);
    if (r.type === 'step') {
      s.loss[r.epoch] = (s.loss[r.epoch] ?? 0) + r.loss;
      s.steps[r.epoch] = (s.steps[r.epoch] ?? 0) + 1;
    } else if (r.type === 'epoch') {
      c.error[r.epoch - 1] = r.testError;
    } else if (r.type === 'stopped' && r.reason !== 'finished') {
      c.stopped = `${r.reason} in epoch ${r.epoch + 1}`;
    }
  }
  for (const [network, c] of curves) {
    const s = sums.get(network)!;
    c.loss = c.error.map((_, i) => s.loss[i] / s.steps[i]);
  }
  return curves;
}

/** The first epoch (1-based) whose held-out error is at most `target`; undefined if none. */
export function epochsToReach(error: readonly number[], target: number): number | undefined {
  const i = error.findIndex((e) => e <= target);
  return i < 0 ? undefined : i + 1;
}

/** Mean and sample standard deviation (0 for one value). */
export function meanAndSpread(xs: readonly number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, sd };
}

/** "mean ± sd" with `digits` decimals, or "–" for no values. */
export function formatSpread(xs: readonly number[], digits: number, scale = 1): string {
  if (xs.length === 0) return '–';
  const { mean, sd } = meanAndSpread(xs.map((x) => x * scale));
  return `${mean.toFixed(digits)} ± ${sd.toFixed(digits)}`;
}
