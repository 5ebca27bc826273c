/**
 * An idb-keyval store that notices its database being deleted under the page ("Clear site data", the
 * site's storage evicted): the browser closes the connection with a "close" event, and idb-keyval's own
 * store would then open a new, empty database and go on writing there without a word, so that after a
 * reload the results written before are gone and those after are orphans. Here, once that happens, every
 * call fails with an InvalidStateError (storageFailure reads it as "cleared"), and the page says that
 * nothing is being kept, until `reset()` (a new run, which starts over in a new database).
 */
import { promisifyRequest, type UseStore } from 'idb-keyval';

export interface WatchedStore {
  use: UseStore;
  /** The page starts over (a new run): writing to a new database is fine from now on. */
  reset(): void;
}

export function watchedStore(database: string, storeName: string): WatchedStore {
  let opened: Promise<IDBDatabase> | undefined;
  let cleared = false;
  const open = () => {
    if (!opened) {
      const request = indexedDB.open(database);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      opened = promisifyRequest(request);
      opened.then(
        (db) => {
          db.onclose = () => {
            cleared = true;
            opened = undefined;
          };
        },
        () => undefined,
      );
    }
    return opened;
  };
  const use: UseStore = (mode, callback) =>
    cleared
      ? // Read by its name (storageFailure: 'cleared', worded in the reader's language); the message is for logs.
        Promise.reject(new DOMException(`database ${database} deleted under the page`, 'InvalidStateError')) // i18n-ignore
      : open().then((db) => callback(db.transaction(storeName, mode).objectStore(storeName)));
  return { use, reset: () => void (cleared = false) };
}
