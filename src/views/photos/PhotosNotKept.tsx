/**
 * Says that this browser is not keeping the photos, and why, where a view relies on them being kept: the
 * library's storage failed (its quota full, its site data cleared, read by the one reading of storage
 * errors) or there is no IndexedDB. Nothing where photos are kept. It follows the library, so the notice
 * appears with the photo that could not be stored.
 */
import { useEffect, useState } from 'react';
import { describeStorageFailure } from '../../model/storage-failure.ts';
import { explorerText } from '../i18n/explorer.ts';
import { useMessages } from '../i18n/messages.ts';
import { shellText } from '../i18n/shell.ts';
import { photoLibrary, type PhotoLibrary } from './library.ts';

export function PhotosNotKept({ library = photoLibrary() }: { library?: PhotoLibrary }) {
  const t = useMessages(explorerText).photo;
  const words = useMessages(shellText).storage;
  const read = () => ({ persistent: library.persistent, failure: library.failure });
  const [state, setState] = useState(read);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `read` reads only `library`
  useEffect(() => library.subscribe(() => setState(read())), [library]);
  if (state.failure)
    return (
      <p className="problem" role="alert">
        {t.notKeptBecause(describeStorageFailure(state.failure, words))}
      </p>
    );
  return state.persistent ? null : <p className="empty">{t.notKept}</p>;
}
