/**
 * What a run shows, as facts read from its records (the page words them): no conclusion is staged. For
 * "Do residuals speed up training?", the held-out error every network reached and the epoch each reached
 * it at; for "Why scale the residuals?", which networks died (the last layer before average pooling all
 * but zeros, §3.3) or stopped with a NaN or diverging loss, and which did not — including "none did",
 * which is then said as such.
 */
import type { StopRecord } from '../../runtime/training/protocol.ts';
import type { PresetId } from './presets.ts';
import { bestError, type NetworkSeries } from './series.ts';

/** A last layer before pooling with at least this fraction of exact zeros is "dead" (§3.3). */
export const DEAD_ZERO_FRACTION = 0.99;

export interface NetworkFacts {
  network: string;
  epochs: number;
  /** Held-out error after the last epoch completed. */
  finalError?: number;
  best?: { error: number; epoch: number };
  /** The first epoch whose end found the last layer before pooling dead. */
  diedAt?: number;
  /** Stopped early: NaN, divergence, failure, or the reader. */
  stopped?: { reason: StopRecord['reason']; epoch: number };
}

export interface RaceOutcome {
  question?: PresetId;
  networks: NetworkFacts[];
  /** Whether the race is over (otherwise the facts are "so far"). */
  over: boolean;
  /**
   * Residuals-speed question: the held-out error every network reached (the highest of their lowest
   * errors), and the epoch at which each first reached it.
   */
  common?: { error: number; reached: { network: string; epoch: number }[] };
  /** Why-scale question: networks that died or whose loss went NaN or diverged, and those that did not. */
  unstable?: string[];
  stable?: string[];
}

export function networkFacts(series: NetworkSeries): NetworkFacts {
  const best = bestError(series);
  const last = series.testError[series.testError.length - 1];
  const dead = series.zeroFraction.find((p) => p.value >= DEAD_ZERO_FRACTION);
  const early = series.stopped && series.stopped.reason !== 'finished' ? series.stopped : undefined;
  return {
    network: series.network,
    epochs: series.epochs,
    ...(last ? { finalError: last.value } : {}),
    ...(best ? { best: { error: best.value, epoch: best.epoch } } : {}),
    ...(dead ? { diedAt: dead.epoch } : {}),
    ...(early ? { stopped: { reason: early.reason, epoch: series.epochs } } : {}),
  };
}

const unstable = (f: NetworkFacts) =>
  f.diedAt !== undefined || f.stopped?.reason === 'nan' || f.stopped?.reason === 'diverged';

export function raceOutcome(
  series: readonly NetworkSeries[],
  question: PresetId | undefined,
  over: boolean,
): RaceOutcome {
  const networks = series.map(networkFacts);
  const outcome: RaceOutcome = { ...(question ? { question } : {}), networks, over };
  if (question === 'residuals-speed') {
    const measured = series.filter((s) => s.testError.length > 0);
    if (measured.length >= 2 && measured.length === series.length) {
      const error = Math.max(...measured.map((s) => bestError(s)!.value));
      const reached = measured.map((s) => ({
        network: s.network,
        epoch: s.testError.find((p) => p.value <= error)!.epoch,
      }));
      outcome.common = { error, reached };
    }
  }
  if (question === 'why-scale') {
    outcome.unstable = networks.filter(unstable).map((f) => f.network);
    outcome.stable = networks.filter((f) => !unstable(f) && f.epochs > 0).map((f) => f.network);
  }
  return outcome;
}
