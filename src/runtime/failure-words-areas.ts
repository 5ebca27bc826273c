/**
 * The failure codes worded in files of their own, by area (downloads, backends, training, evaluation folders,
 * the weights cache, trained files), gathered for runtime/failure-words.ts: their English (their parameters
 * are in failure-detail.ts).
 */
import { backendFailureWords } from './failure-words-backend.ts';
import { cacheFailureWords } from './failure-words-cache.ts';
import { datasetFailureWords } from './failure-words-dataset.ts';
import { downloadFailureWords } from './failure-words-download.ts';
import { trainedFailureWords } from './failure-words-trained.ts';
import { trainingFailureWords } from './failure-words-training.ts';

export const areaFailureWords = {
  ...downloadFailureWords,
  ...backendFailureWords,
  ...trainingFailureWords,
  ...datasetFailureWords,
  ...cacheFailureWords,
  ...trainedFailureWords,
};
