/**
 * Why loaded weights could not be kept in the browser's cache for next time (runtime/loading/
 * load-weights.ts), as codes (runtime/failure-words.ts explains them): the weights work regardless.
 * The storage failure's words are model/storage-failure.ts's; views/i18n/zh/failures/cache.ts words the
 * same codes in Chinese.
 */
import { describeStorageFailure } from '../model/storage-failure.ts';
import type { CacheFailureParams, FailureWords } from './failure-detail.ts';

export const cacheFailureWords: Pick<FailureWords, keyof CacheFailureParams> = {
  'weights.cache-unavailable': () => 'Cache Storage is not available here',
  'weights.not-kept': ({ label, failure }) =>
    `could not keep ${label} in the browser's cache: ${describeStorageFailure(failure)}`,
};
