/**
 * Runs an evaluation over a labelled set, the same loop for the browser (predictions from the inference
 * worker) and the CLI (predictions in-process): images stream through decode → preprocess → inference
 * one at a time, with the next image already handed over while the current one runs (so its decoding
 * overlaps the inference), each result recorded as soon as it exists. Images already recorded (a resumed
 * run) are not done again. An unreadable image is recorded as skipped and the run goes on; any other
 * failure (the worker stopped, weights gone) ends the run with that error, keeping what was recorded.
 * Stopping (pause or cancel) aborts the images in flight; they are done again on resume.
 */
import { failureDetailOf } from '../failure-words.ts';
import { InFlight } from '../in-flight.ts';
import { RateMeter } from '../loading/rate.ts';
import type { LabelledImage } from './dataset.ts';
import type { ImageRecord } from './records.ts';

export interface RunItem extends LabelledImage {
  /** Position in the dataset's order. */
  index: number;
}

export interface RunProgress {
  total: number;
  /** Images recorded, skipped ones included. */
  done: number;
  skipped: number;
  /** Images per second over the last half minute (0 until measured). */
  imagesPerSecond: number;
  /** Estimated time to the end, once a rate is measured. */
  etaMs?: number;
}

/** Predicts one image; rejects with an error for which `isImageProblem` is true when the file is unusable. */
export type EvaluateImage = (
  item: RunItem,
  options: { signal: AbortSignal; onPass: () => void },
) => Promise<Pick<ImageRecord, 'predictions'>>;

export interface RunOptions {
  items: readonly RunItem[];
  /** Indices already recorded (resuming). */
  done?: ReadonlySet<number>;
  /** Forward passes per image (crops × networks), for a smooth rate and ETA on slow modes. */
  passesPerImage: number;
  evaluate: EvaluateImage;
  /** Is this failure the image's (skip it) rather than the run's (stop)? */
  isImageProblem: (error: unknown) => boolean;
  /** Keeps a record (the run waits for it, so a reload loses at most the images in flight). */
  record: (record: ImageRecord) => void | Promise<void>;
  onProgress?: (progress: RunProgress) => void;
  /** Images in flight at once (default 2: one running, the next being decoded). */
  concurrency?: number;
  /** Records already made before this run, skipped ones counted separately (resuming). */
  alreadySkipped?: number;
  now?: () => number;
}

export type RunEnd = 'done' | 'stopped';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs until every item is recorded ("done") or `signal` aborts ("stopped"); rejects on a run failure. */
export async function runEvaluation(options: RunOptions, signal: AbortSignal): Promise<RunEnd> {
  const now = options.now ?? (() => performance.now());
  const done = new Set(options.done ?? []);
  const queue = options.items.filter((item) => !done.has(item.index));
  const meter = new RateMeter(30_000);
  let skipped = options.alreadySkipped ?? 0;
  let failure: { error: unknown } | undefined;
  const inner = new AbortController();
  const stop = () => inner.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  if (signal.aborted) stop();

  let reportedAt = -Infinity;
  /** Passes run for images not recorded yet (in flight). */
  let inFlightPasses = 0;
  const report = () => {
    const t = now();
    reportedAt = t;
    const passesPerSecond = meter.rate(t);
    const remainingPasses = Math.max(0, (options.items.length - done.size) * options.passesPerImage - inFlightPasses);
    options.onProgress?.({
      total: options.items.length,
      done: done.size,
      skipped,
      imagesPerSecond: passesPerSecond / options.passesPerImage,
      ...(passesPerSecond > 0 ? { etaMs: (remainingPasses / passesPerSecond) * 1000 } : {}),
    });
  };

  const work = async (item: RunItem) => {
    const started = now();
    let passes = 0;
    let record: ImageRecord;
    const settle = () => {
      inFlightPasses -= passes;
      passes = 0;
    };
    try {
      const result = await options.evaluate(item, {
        signal: inner.signal,
        onPass: () => {
          passes++;
          inFlightPasses++;
          meter.add(now(), 1);
          // Slow modes (144 crops: minutes an image) show their pace before the first image is done.
          if (now() - reportedAt >= 250) report();
        },
      });
      record = {
        index: item.index,
        path: item.path,
        label: item.label,
        predictions: result.predictions,
        ms: now() - started,
      };
    } catch (error) {
      if (inner.signal.aborted) return settle();
      if (!options.isImageProblem(error)) {
        failure ??= { error };
        inner.abort();
        return settle();
      }
      skipped++;
      // A skipped image counts towards the rate as if run: the ETA counts it among the remaining images.
      meter.add(now(), Math.max(0, options.passesPerImage - passes));
      record = {
        index: item.index,
        path: item.path,
        label: item.label,
        error: messageOf(error),
        failure: failureDetailOf(error),
        ms: now() - started,
      };
    }
    await options.record(record);
    settle();
    done.add(item.index);
    report();
  };

  report();
  try {
    meter.add(now(), 0);
    await new InFlight({
      limit: () => options.concurrency ?? 2,
      next: () => (inner.signal.aborted ? undefined : queue.shift()),
      work,
    }).fill();
  } finally {
    signal.removeEventListener('abort', stop);
  }
  if (failure) throw failure.error;
  return done.size === options.items.length ? 'done' : 'stopped';
}
