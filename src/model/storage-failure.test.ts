import { describe, expect, it } from 'vitest';
import { storageFailure, storageReason } from './storage-failure.ts';

const domError = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('storageFailure', () => {
  it("tells a full quota, a database cleared under the page and anything else apart, by the error's name", () => {
    // Chromium's QuotaExceededError from an IndexedDB transaction has an empty message.
    expect(storageFailure(domError('QuotaExceededError'))).toEqual({ kind: 'quota' });
    expect(storageFailure(domError('UnknownError', 'Quota exceeded.'))).toEqual({ kind: 'quota' });
    expect(
      storageFailure(
        domError(
          'InvalidStateError',
          "Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing.",
        ),
      ),
    ).toEqual({ kind: 'cleared' });
    expect(storageFailure(domError('NotFoundError', 'One of the specified object stores was not found.'))).toEqual({
      kind: 'cleared',
    });
    expect(storageFailure(domError('DataCloneError', 'could not be cloned'))).toEqual({
      kind: 'other',
      detail: 'could not be cloned',
    });
    expect(storageFailure(domError('AbortError'))).toEqual({ kind: 'other', detail: 'AbortError' });
  });

  it('says why in words, never an empty "()"', () => {
    expect(storageReason(domError('QuotaExceededError'))).toBe(
      'this site’s storage in this browser is full (its quota is exceeded)',
    );
    expect(storageReason(domError('InvalidStateError', 'The database connection is closing.'))).toBe(
      'this site’s data was cleared in this browser while the page was open',
    );
    expect(storageReason(domError('QuotaExceededError'), { quota: '配额已满', cleared: '已清除' })).toBe('配额已满');
    expect(storageReason('odd')).toBe('odd');
  });
});
