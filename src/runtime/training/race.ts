/**
 * Networks trained side by side, the same loop for the lab's worker and the CLI: every network sees the
 * same batches in the same order (same data, same budget), one step each in turn, so their curves are
 * comparable at every moment and a pause stops all of them at the same step. Each network's speed and
 * wall time are its own step times (interleaving gives them one clock otherwise). A network whose loss
 * turns NaN or diverges stops with a record; the others go on. Between steps the loop yields to the
 * event loop, so pause and stop messages are heard within one step.
 */
import type { EpochRecord, MonitorRecord, ProgressRecord, StopRecord } from './protocol.ts';

export interface Batch {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

/** What the race needs of a network being trained (`trainerLane` adapts the engine's Trainer). */
export interface RaceTrainer {
  /** One step; `epoch` (0-based) sets the learning rate through the schedule. */
  step(batch: Batch, epoch: number): Promise<{ loss: number }>;
  evaluate(batches: Iterable<Batch>): Promise<{ loss: number; top1Error: number }>;
  monitor(batch: Batch): Promise<MonitorRecord>;
}

export interface RaceData {
  /** The training batches of one epoch, in that epoch's (seeded) order. */
  epoch(epoch: number): Iterable<Batch>;
  /** The held-out batches. */
  test(): Iterable<Batch>;
  /** A fixed batch the §3.3 monitor is measured on. */
  monitorBatch(): Batch;
  stepsPerEpoch: number;
}

export interface RaceLane {
  id: string;
  trainer: RaceTrainer;
}

export interface RaceOptions {
  epochs: number;
  /** Epochs already done (a resumed race starts after them). */
  startEpoch?: number;
  startStep?: number;
  /** A step record every this many steps (default 1). */
  recordEvery?: number;
  /**
   * A loss above this is a diverged network (default: 10 × ln(classes), ten times the loss of a network
   * that guesses uniformly: training that climbs there has left the basin it started in).
   */
  divergedLoss: number;
  onRecords(records: ProgressRecord[]): void;
  /** Called after each completed epoch, before the next one starts (snapshots are taken here). */
  onEpochEnd?(epoch: number, step: number): void | Promise<void>;
  now?: () => number;
  /** Yields to the event loop between steps (default: a macrotask). */
  yieldNow?: () => Promise<void>;
}

/** Pause, resume and stop a race from outside (messages from the page, Ctrl-C in the CLI). */
export class RaceControl {
  private paused = false;
  private stopped = false;
  private wake: (() => void) | undefined;

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Resolves at once, or when a paused race is resumed or stopped. */
  async waitWhilePaused(): Promise<void> {
    while (this.paused && !this.stopped) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
  }
}

export type RaceEnd = 'finished' | 'stopped';

interface LaneState {
  lane: RaceLane;
  live: boolean;
  elapsedMs: number;
  /** Images trained on since the epoch began, and the time they took. */
  epochImages: number;
  epochMs: number;
  lastLoss: number;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runRace(
  lanes: readonly RaceLane[],
  data: RaceData,
  options: RaceOptions,
  control: RaceControl,
): Promise<RaceEnd> {
  const now = options.now ?? (() => performance.now());
  const yieldNow = options.yieldNow ?? macrotask;
  const every = Math.max(1, options.recordEvery ?? 1);
  const states: LaneState[] = lanes.map((lane) => ({
    lane,
    live: true,
    elapsedMs: 0,
    epochImages: 0,
    epochMs: 0,
    lastLoss: NaN,
  }));
  let step = options.startStep ?? 0;
  for (let epoch = options.startEpoch ?? 0; epoch < options.epochs; epoch++) {
    for (const s of states) {
      s.epochImages = 0;
      s.epochMs = 0;
    }
    for (const batch of data.epoch(epoch)) {
      await control.waitWhilePaused();
      if (control.isStopped) return stopAll(states, epoch, step, options);
      step++;
      const records: ProgressRecord[] = [];
      for (const s of states.filter((t) => t.live)) {
        const record = await trainStep(s, batch, epoch, step, options, now);
        if (record.type === 'stopped' || step % every === 0) records.push(record);
      }
      if (records.length > 0) options.onRecords(records);
      if (!states.some((s) => s.live)) return 'finished';
      await yieldNow();
    }
    const records: ProgressRecord[] = [];
    for (const s of states.filter((t) => t.live)) records.push(await endOfEpoch(s, data, epoch, step));
    options.onRecords(records);
    await options.onEpochEnd?.(epoch + 1, step);
  }
  const finished: StopRecord[] = states
    .filter((s) => s.live)
    .map((s) => ({ type: 'stopped', network: s.lane.id, reason: 'finished', epoch: options.epochs, step }));
  if (finished.length > 0) options.onRecords(finished);
  return 'finished';
}

async function trainStep(
  s: LaneState,
  batch: Batch,
  epoch: number,
  step: number,
  options: RaceOptions,
  now: () => number,
): Promise<ProgressRecord> {
  const started = now();
  let loss: number;
  try {
    loss = (await s.lane.trainer.step(batch, epoch)).loss;
  } catch (error) {
    s.live = false;
    const detail = error instanceof Error ? error.message : String(error);
    return { type: 'stopped', network: s.lane.id, reason: 'failed', epoch, step, detail };
  }
  const took = now() - started;
  s.elapsedMs += took;
  s.epochMs += took;
  s.epochImages += batch.count;
  s.lastLoss = loss;
  if (!Number.isFinite(loss)) {
    s.live = false;
    return { type: 'stopped', network: s.lane.id, reason: 'nan', epoch, step };
  }
  if (loss > options.divergedLoss) {
    s.live = false;
    return { type: 'stopped', network: s.lane.id, reason: 'diverged', epoch, step, detail: String(loss) };
  }
  return { type: 'step', network: s.lane.id, epoch, step, loss, elapsedMs: s.elapsedMs };
}

async function endOfEpoch(s: LaneState, data: RaceData, epoch: number, step: number): Promise<ProgressRecord> {
  try {
    const test = await s.lane.trainer.evaluate(data.test());
    const monitor = await s.lane.trainer.monitor(data.monitorBatch());
    const record: EpochRecord = {
      type: 'epoch',
      network: s.lane.id,
      epoch: epoch + 1,
      step,
      loss: s.lastLoss,
      testError: test.top1Error,
      testLoss: test.loss,
      imagesPerSecond: s.epochMs > 0 ? (s.epochImages * 1000) / s.epochMs : 0,
      elapsedMs: s.elapsedMs,
      monitor,
    };
    return record;
  } catch (error) {
    s.live = false;
    const detail = error instanceof Error ? error.message : String(error);
    return { type: 'stopped', network: s.lane.id, reason: 'failed', epoch, step, detail };
  }
}

function stopAll(states: LaneState[], epoch: number, step: number, options: RaceOptions): RaceEnd {
  const stopped: StopRecord[] = states
    .filter((s) => s.live)
    .map((s) => ({ type: 'stopped', network: s.lane.id, reason: 'stopped', epoch, step }));
  if (stopped.length > 0) options.onRecords(stopped);
  return 'stopped';
}

/** The default divergence threshold for a classification into `classes`. */
export function divergedLossFor(classes: number): number {
  return 10 * Math.log(classes);
}
