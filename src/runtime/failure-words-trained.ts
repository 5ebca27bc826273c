/**
 * A trained network's file whose header cannot be read (model/trained.ts, model/trained-header-problem.ts)
 * as a code (runtime/failure-words.ts explains them); its English is the model's, the error's message.
 * views/i18n/zh/failures/trained.ts words it in Chinese.
 */
import { trainedHeaderText, type TrainedHeaderProblem } from '../model/trained-header-problem.ts';
import type { WordFailure } from './failure-words.ts';

export type { TrainedDefinitionProblem, TrainedHeaderProblem, TrainedPart } from '../model/trained-header-problem.ts';

export interface TrainedFailureParams {
  'trained.header': { file: string; problem: TrainedHeaderProblem };
}

export const trainedFailureWords: {
  readonly [C in keyof TrainedFailureParams]: (params: TrainedFailureParams[C], word: WordFailure) => string;
} = {
  'trained.header': ({ file, problem }) => trainedHeaderText(file, problem),
};
