/**
 * Why the browser refused to keep something, from the error its storage threw: the one reading of a
 * storage failure for the evaluate page's results, the lab's runs and the weights cache (IndexedDB and
 * Cache Storage throw the same DOMException names). A QuotaExceededError's message is often empty, and
 * a database deleted under the page ("Clear site data") says only that its connection is closing, so the
 * name is what tells them apart. Plain data and words: every layer may use it.
 */
export type StorageFailure = { kind: 'quota' } | { kind: 'cleared' } | { kind: 'other'; detail: string };

/** The words for each kind (English here; the views have theirs in each language). */
export interface StorageWords {
  quota: string;
  cleared: string;
}

export const STORAGE_WORDS: StorageWords = {
  quota: 'this site’s storage in this browser is full (its quota is exceeded)',
  cleared: 'this site’s data was cleared in this browser while the page was open',
};

export function storageFailure(error: unknown): StorageFailure {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (name === 'QuotaExceededError' || /quota/i.test(message)) return { kind: 'quota' };
  // The connection was closed under the page (its data cleared), or its stores are gone with it.
  const closed = name === 'InvalidStateError' || name === 'NotFoundError' || /connection is clos/i.test(message);
  if (closed) return { kind: 'cleared' };
  return { kind: 'other', detail: message || name || String(error) };
}

/** A failure in words: "this site’s storage in this browser is full (its quota is exceeded)". */
export function describeStorageFailure(failure: StorageFailure, words: StorageWords = STORAGE_WORDS): string {
  return failure.kind === 'other' ? failure.detail : words[failure.kind];
}

/** Why `error` kept something from being stored, in words. */
export function storageReason(error: unknown, words: StorageWords = STORAGE_WORDS): string {
  return describeStorageFailure(storageFailure(error), words);
}
