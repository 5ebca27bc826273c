/**
 * What the evaluate page shows, as data (EvaluateStore, evaluate-store.ts, keeps it), and what a run needs
 * of the inference worker.
 */
import type { Dataset } from '../../runtime/evaluation/dataset.ts';
import type { PredictionMode } from '../../runtime/evaluation/mode.ts';
import type { RealLabels } from '../../runtime/evaluation/real-labels.ts';
import type { Summary } from '../../runtime/evaluation/records.ts';
import type { RunProgress } from '../../runtime/evaluation/run.ts';
import type { ClassifyImage, PredictOutcome, PredictProgress, PredictRequest } from '../../runtime/worker/protocol.ts';
import type { EvaluateSaid } from '../i18n/evaluate.ts';
import type { RunMeta, RunStatus } from './persistence.ts';

/** What a run needs of the worker: predictions (through the app's inference session), cancelled by a signal. */
export interface Predictor {
  predict(
    image: ClassifyImage,
    request: PredictRequest,
    options: { signal?: AbortSignal; onProgress?: (progress: PredictProgress) => void },
  ): Promise<PredictOutcome>;
}
export interface ChosenSet {
  name: string;
  dataset: Dataset;
  fingerprint: string;
}

export type EvaluateStatus = 'idle' | RunStatus;

export interface EvaluateState {
  mode: PredictionMode;
  chosen?: ChosenSet;
  choosing: boolean;
  chooseError?: EvaluateSaid;
  /** The run shown (running, paused, finished, or restored from this browser's storage). */
  run?: RunMeta;
  status: EvaluateStatus;
  progress?: RunProgress;
  summary?: Summary;
  /** Bumped when records change (the records themselves are `store.records`). */
  recordsVersion: number;
  real: { on: boolean; labels?: RealLabels; loading?: boolean; error?: EvaluateSaid };
  /** Why the run stopped, when it failed (weights unloaded, …). */
  error?: EvaluateSaid;
  /**
   * The run paused because the inference worker stopped under it. The view says what became of the worker
   * (being started again, back, or given up) from the session's status: a sentence kept here would go stale.
   */
  workerStopped?: boolean;
  /** A notice about storage (not persistent, a write failed, results missing from a stored run). */
  storageNotice?: EvaluateSaid;
  /** A write failed during this page's run: results are not being kept (the notice says why). */
  storageFailed?: boolean;
}
