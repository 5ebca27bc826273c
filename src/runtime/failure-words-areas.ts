/**
 * The failure codes kept in files of their own, by area (downloads, backends, training, evaluation folders, the
 * weights cache, trained files), gathered for runtime/failure-words.ts: their parameters and English.
 */
import { backendFailureWords, type BackendFailureParams } from './failure-words-backend.ts';
import { cacheFailureWords, type CacheFailureParams } from './failure-words-cache.ts';
import { datasetFailureWords, type DatasetFailureParams } from './failure-words-dataset.ts';
import { downloadFailureWords, type DownloadFailureParams } from './failure-words-download.ts';
import { trainedFailureWords, type TrainedFailureParams } from './failure-words-trained.ts';
import { trainingFailureWords, type TrainingFailureParams } from './failure-words-training.ts';

export type { BackendMissing, SoftwareGpu } from './failure-words-backend.ts';
export type { TrainedDefinitionProblem, TrainedHeaderProblem, TrainedPart } from './failure-words-trained.ts';

export interface AreaFailureParams
  extends
    DownloadFailureParams,
    BackendFailureParams,
    TrainingFailureParams,
    DatasetFailureParams,
    CacheFailureParams,
    TrainedFailureParams {}

export const areaFailureWords = {
  ...downloadFailureWords,
  ...backendFailureWords,
  ...trainingFailureWords,
  ...datasetFailureWords,
  ...cacheFailureWords,
  ...trainedFailureWords,
};
