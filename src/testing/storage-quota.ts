/** IndexedDB (fake-indexeddb in unit tests) as it behaves once the site's storage quota is used up. */
import { vi } from 'vitest';

/** Every IndexedDB write throws a QuotaExceededError from now on, until vi.restoreAllMocks(). */
export function refuseWrites(): void {
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
    throw new DOMException('', 'QuotaExceededError');
  });
}
