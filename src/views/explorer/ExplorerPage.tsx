import { Redirect } from 'wouter';
import { defaultVariant, isNetworkId } from '../../model/networks/index.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { HOME, networkHref } from '../routes.ts';
import { Explorer } from './Explorer.tsx';
import { resolveView } from './resolve.ts';
import { useViewOptions } from './useViewOptions.ts';

/** /:network/:variant[/:block]: the network schema or one block, or a not-found naming what is wrong. */
export function ExplorerPage({ params }: { params: { network?: string; variant?: string; block?: string } }) {
  const [options, update] = useViewOptions();
  const view = resolveView(
    { network: params.network ?? '', variant: params.variant ?? '', ...(params.block !== undefined ? { block: decodeURIComponent(params.block) } : {}) },
    options,
  );
  if (!view.ok) return <NotFoundPage message={view.message} back={view.back} />;
  // Keyed by the view, so that moving to another network or block starts from a fresh diagram state.
  return <Explorer key={`${view.network.id}/${view.network.variant}/${view.block?.address ?? ''}`} view={view} update={update} />;
}

/** /:network → its default variant (released where weights exist). */
export function NetworkRedirect({ params }: { params: { network?: string } }) {
  const id = params.network ?? '';
  if (!isNetworkId(id)) {
    return <NotFoundPage message={`There is no network or page "${id}".`} back={{ href: HOME, label: 'All networks' }} />;
  }
  return <Redirect replace to={networkHref(id, defaultVariant(id))} />;
}
