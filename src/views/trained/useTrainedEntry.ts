import { useEffect, useState } from 'react';
import { trainedLibrary, type TrainedEntry } from './library.ts';

/** A trained network kept in this browser: undefined while read, null when there is none by that id. */
export function useTrainedEntry(id: string): TrainedEntry | null | undefined {
  const [entry, setEntry] = useState<{ id: string; entry: TrainedEntry | null }>();
  useEffect(() => {
    let current = true;
    const read = () =>
      void trainedLibrary()
        .get(id)
        .then(
          (found) => current && setEntry({ id, entry: found ?? null }),
          () => current && setEntry({ id, entry: null }),
        );
    read();
    const unsubscribe = trainedLibrary().subscribe(read);
    return () => {
      current = false;
      unsubscribe();
    };
  }, [id]);
  return entry?.id === id ? entry.entry : undefined;
}
