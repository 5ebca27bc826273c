import 'fake-indexeddb/auto';
import { get, set } from 'idb-keyval';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { storageFailure } from '../../model/storage-failure.ts';
import { watchedStore } from './watched-store.ts';

afterEach(() => vi.restoreAllMocks());

/** The connections opened from now on, to close one as the browser does when site data is cleared. */
function connections(): IDBDatabase[] {
  const opened: IDBDatabase[] = [];
  const open = indexedDB.open.bind(indexedDB);
  vi.spyOn(indexedDB, 'open').mockImplementation((...args: Parameters<IDBFactory['open']>) => {
    const request = open(...args);
    request.addEventListener('success', () => opened.push(request.result));
    return request;
  });
  return opened;
}

describe('watchedStore', () => {
  it('refuses to write once its database was closed under the page, instead of writing to a new one; reset starts over', async () => {
    const opened = connections();
    const store = watchedStore(`watched-${Math.random()}`, 'run');
    await set('a', 1, store.use);
    expect(await get('a', store.use)).toBe(1);
    // The browser deletes the site's data: it closes the connection with a "close" event.
    opened[0].onclose!(new Event('close'));
    const refused = await set('b', 2, store.use).catch((e: unknown) => e);
    expect(storageFailure(refused)).toEqual({ kind: 'cleared' });
    expect(opened).toHaveLength(1);

    store.reset();
    await set('b', 2, store.use);
    expect(await get('b', store.use)).toBe(2);
    expect(opened).toHaveLength(2);
  });
});
