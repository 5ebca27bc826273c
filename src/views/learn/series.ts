/**
 * From a run's progress records to what the charts and the figures under them show, per network:
 * training loss (step losses averaged over bins, so that a long run draws a few hundred points), held-out
 * top-1 error and loss at each epoch's end, the §3.3 monitor, images/s and the time left.
 *
 * Positions along the epoch axis come from step counts, which the records state without ambiguity:
 * `step` is the number of steps taken so far in the run (cumulative over epochs, as RaceSnapshot.step),
 * the k-th epoch record of a network ends its k-th epoch, and a step record lies at step / (steps per
 * epoch) — the steps of the network's first epoch once it has ended, an estimate from the data's size
 * and the batch before that.
 */
import type { EpochRecord, ProgressRecord, StepRecord, StopRecord } from '../../runtime/training/protocol.ts';

export interface SeriesPoint {
  /** Epochs of training (fractional for step losses). */
  epoch: number;
  /** Milliseconds of training since the run began. */
  ms: number;
  value: number;
}

export interface NetworkSeries {
  network: string;
  loss: SeriesPoint[];
  testError: SeriesPoint[];
  testLoss: SeriesPoint[];
  /** ‖s·r‖/‖x‖ of each residual group (by group address), at each epoch's end. */
  groups: Record<string, SeriesPoint[]>;
  zeroFraction: SeriesPoint[];
  /** Epochs completed. */
  epochs: number;
  /** Steps taken. */
  step: number;
  elapsedMs: number;
  /** Training images per second at the latest epoch's end (from the steps' pace before the first). */
  imagesPerSecond?: number;
  /** Steps per epoch, where known (see stepsPerEpoch). */
  perEpoch?: number;
  /** Why the network stopped before the end (or that it finished). */
  stopped?: StopRecord;
}

/** At most this many step-loss points per network: bins of consecutive steps are averaged. */
export const LOSS_POINTS = 300;

export function stepsPerEpoch(records: readonly ProgressRecord[], estimate?: number): number | undefined {
  const first = records.find((r): r is EpochRecord => r.type === 'epoch');
  if (first && first.step > 0) return first.step;
  return estimate && estimate > 0 ? estimate : undefined;
}

function binnedLoss(steps: readonly StepRecord[], perEpoch: number | undefined): SeriesPoint[] {
  const finite = steps.filter((s) => Number.isFinite(s.loss));
  if (finite.length === 0 || perEpoch === undefined) return [];
  const span = finite[finite.length - 1].step;
  const width = Math.max(1, Math.ceil(span / LOSS_POINTS));
  const points: SeriesPoint[] = [];
  let bin = -1;
  let sum = 0;
  let count = 0;
  let last: StepRecord | undefined;
  const flush = () => {
    if (last && count > 0) points.push({ epoch: last.step / perEpoch, ms: last.elapsedMs, value: sum / count });
  };
  for (const s of finite) {
    const b = Math.floor((s.step - 1) / width);
    if (b !== bin) {
      flush();
      bin = b;
      sum = 0;
      count = 0;
    }
    sum += s.loss;
    count++;
    last = s;
  }
  flush();
  return points;
}

/** Each network's series, in the order the networks first appear (or `order`). */
export interface SeriesOptions {
  /** Networks listed first, in this order (those of the race), even before their first record. */
  order?: readonly string[];
  /** Steps per epoch expected from the data's size and the batch. */
  stepsEstimate?: number;
  batch?: number;
}

export function networkSeries(records: readonly ProgressRecord[], options: SeriesOptions = {}): NetworkSeries[] {
  const byNetwork = new Map<string, ProgressRecord[]>();
  for (const id of options.order ?? []) byNetwork.set(id, []);
  for (const r of records) {
    const list = byNetwork.get(r.network);
    if (list) list.push(r);
    else byNetwork.set(r.network, [r]);
  }
  return [...byNetwork].map(([network, own]) => seriesOf(network, own, options));
}

function seriesOf(network: string, records: readonly ProgressRecord[], options: SeriesOptions): NetworkSeries {
  const perEpoch = stepsPerEpoch(records, options.stepsEstimate);
  const steps = records.filter((r): r is StepRecord => r.type === 'step');
  const ends = records.filter((r): r is EpochRecord => r.type === 'epoch');
  const at = (r: EpochRecord, k: number, value: number): SeriesPoint => ({ epoch: k + 1, ms: r.elapsedMs, value });
  const groups: Record<string, SeriesPoint[]> = {};
  ends.forEach((r, k) => {
    for (const [group, ratio] of Object.entries(r.monitor.groups)) (groups[group] ??= []).push(at(r, k, ratio));
  });
  const latest = [...steps, ...ends].reduce<StepRecord | EpochRecord | undefined>(
    (a, r) => (!a || r.step > a.step || (r.step === a.step && r.elapsedMs > a.elapsedMs) ? r : a),
    undefined,
  );
  const stopped = records.find((r): r is StopRecord => r.type === 'stopped');
  const step = latest?.step ?? 0;
  const elapsedMs = latest?.elapsedMs ?? 0;
  const pace = options.batch && step > 0 && elapsedMs > 0 ? (step * options.batch * 1000) / elapsedMs : undefined;
  const imagesPerSecond = ends.length > 0 ? ends[ends.length - 1].imagesPerSecond : pace;
  return {
    network,
    loss: binnedLoss(steps, perEpoch),
    testError: ends.map((r, k) => at(r, k, r.testError)),
    testLoss: ends.map((r, k) => at(r, k, r.testLoss)),
    groups,
    zeroFraction: ends.map((r, k) => at(r, k, r.monitor.zeroFraction)),
    epochs: ends.length,
    step,
    elapsedMs,
    ...(imagesPerSecond !== undefined ? { imagesPerSecond } : {}),
    ...(perEpoch !== undefined ? { perEpoch } : {}),
    ...(stopped ? { stopped } : {}),
  };
}

/**
 * Milliseconds left for a network still training, from its pace so far: the steps left of `epochs`
 * epochs at the steps per millisecond it has kept. Undefined before there is a pace to go by.
 */
export function timeLeftMs(series: NetworkSeries, epochs: number): number | undefined {
  const { perEpoch } = series;
  if (series.stopped || perEpoch === undefined || series.step <= 0 || series.elapsedMs <= 0) return undefined;
  const left = epochs * perEpoch - series.step;
  return left <= 0 ? 0 : (left * series.elapsedMs) / series.step;
}

/** The lowest held-out error a network reached, and at which epoch. */
export function bestError(series: NetworkSeries): SeriesPoint | undefined {
  return series.testError.reduce<SeriesPoint | undefined>(
    (best, p) => (!best || p.value < best.value ? p : best),
    undefined,
  );
}
