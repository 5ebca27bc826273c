/**
 * How long each kind of call may take before the worker is presumed hung. Which kind a call is, its work
 * and its label come from its row in the table of calls (runtime/worker/calls.ts); each kind is measured
 * on its own (a LatencyWatchdog per kind), so a Grad-CAM is never judged against summaries that took
 * milliseconds, nor a summary allowed a Grad-CAM's minutes.
 */
import type { BudgetUnit } from '../failure-words.ts';
import type { CallKind } from '../worker/calls.ts';
import type { WatchdogOptions } from './watchdog.ts';

export type { CallKind };

export const CALL_BUDGETS: Readonly<Record<CallKind, { per?: BudgetUnit; watchdog: WatchdogOptions }>> = {
  /** Networks run on photos (classify, look inside, evaluate): per network run. */
  inference: { watchdog: {} },
  /** Summaries, details, channel maxima, CAM: re-run one segment, or the whole photo when its run was evicted. */
  summary: { per: 'request', watchdog: {} },
  /**
   * Grad-CAM: per class, timed from one class's map to the next (forward and backward through every
   * segment above the node, with other requests' turns in between); the CPU backend takes minutes.
   */
  'grad-cam': { per: 'class', watchdog: { initialMs: 600_000, floorMs: 120_000 } },
};
