/**
 * What the lab page shows, as data: the run shown and the one compared with, the stored runs, the chosen
 * files, and what went wrong (the page words it). LearnStore (learn-store.ts) keeps it.
 */
import type { ProgressRecord, RaceStatus, TrainingApi } from '../../runtime/training/protocol.ts';
import type { StorageFailure } from '../../model/storage-failure.ts';
import type { FailureDetail } from '../../runtime/failure-words.ts';
import type { StoredRun } from './persistence.ts';
import type { ChosenFiles } from './race-data.ts';

/** A started training worker: its API, and a promise that says why, when it is gone. */
export interface TrainingWorker {
  api: TrainingApi;
  gone: Promise<string>;
  terminate(): void;
}

export interface RunView {
  stored: StoredRun;
  records: readonly ProgressRecord[];
  /** The worker's latest status, while the worker holds the run. */
  status?: RaceStatus;
}

/** Why a start or resume did not happen; the page words it. */
export type LearnProblem =
  | { kind: 'networks'; failure: FailureDetail }
  | { kind: 'files'; dataKind: ChosenFiles['kind']; name?: string }
  | { kind: 'no-snapshot' }
  | { kind: 'worker'; failure: FailureDetail };

export type StorageNotice = { kind: 'not-persistent' } | { kind: 'write-failed'; failure: StorageFailure };

export interface LearnState {
  run?: RunView;
  /** The run the worker holds (it can be paused, stopped, exported while it is shown). */
  liveRunId?: string;
  /** Whether `run` is the one the worker holds. */
  live: boolean;
  /** Whether the worker holds a race that is not over (another cannot start, the settings are locked). */
  racing: boolean;
  compare?: RunView;
  runs: readonly StoredRun[];
  files?: ChosenFiles;
  problem?: LearnProblem;
  storageNotice?: StorageNotice;
  exporting?: string;
  /** Bumped when records are appended (throttled). */
  recordsVersion: number;
}

export const ACTIVE: ReadonlySet<string> = new Set(['loading-data', 'building', 'training', 'paused']);

/** Whether a stored run was cut short (the page closed while it trained): it can resume from its snapshot. */
export function interrupted(view: RunView | undefined, live: boolean): boolean {
  return !!view && !live && ACTIVE.has(view.stored.phase);
}
