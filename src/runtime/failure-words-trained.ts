/**
 * A trained network's file whose header cannot be read (model/trained.ts, model/trained-header-problem.ts)
 * as a code (runtime/failure-words.ts explains them); its English is the model's, the error's message.
 * views/i18n/zh/failures/trained.ts words it in Chinese.
 */
import { trainedHeaderText } from '../model/trained-header-problem.ts';
import type { FailureWords, TrainedFailureParams } from './failure-detail.ts';

export const trainedFailureWords: Pick<FailureWords, keyof TrainedFailureParams> = {
  'trained.header': ({ file, problem }) => trainedHeaderText(file, problem),
};
