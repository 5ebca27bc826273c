import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { readViewOptions, searchString, type ViewOptions } from '../routes.ts';

export type UpdateView = (patch: Partial<ViewOptions>, how?: { replace?: boolean; path?: string }) => void;

/**
 * The view options in the URL's query, and a setter that writes them back. Moves between views push a
 * history entry; selection, search and single expansions replace it, so back/forward walk views rather
 * than every click.
 */
export function useViewOptions(): [ViewOptions, UpdateView] {
  const search = useSearch();
  const [path, navigate] = useLocation();
  const options = useMemo(() => readViewOptions(search), [search]);
  const update = useCallback<UpdateView>(
    (patch, how = {}) => {
      const next: ViewOptions = { ...options, ...patch };
      const query = searchString(next);
      const target = how.path ?? path;
      navigate(query ? `${target}?${query}` : target, { replace: how.replace ?? false });
    },
    [options, path, navigate],
  );
  return [options, update];
}
