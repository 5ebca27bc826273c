/**
 * Weights not kept in the browser's cache, in Chinese (runtime/failure-words-cache.ts has the codes and the English).
 */
import { describeStorageFailure } from '../../../../model/storage-failure.ts';
import type { FailureWords } from '../../../../runtime/failure-words.ts';
import { shell } from '../shell.ts';

export const cacheFailuresZh: Pick<FailureWords, 'weights.cache-unavailable' | 'weights.not-kept'> = {
  'weights.cache-unavailable': () => '这里没有可用的 Cache Storage',
  'weights.not-kept': ({ label, failure }) =>
    `无法把 ${label} 保存到浏览器的缓存中：${describeStorageFailure(failure, shell.storage)}`,
};
