import { useEffect, useState, type ReactNode } from 'react';
import { Redirect } from 'wouter';
import { scalesKey } from '../../model/analysis/residual-groups.ts';
import { defaultVariant, isNetworkId } from '../../model/networks/index.ts';
import { explorerText } from '../i18n/explorer.ts';
import { useMessages } from '../i18n/messages.ts';
import { shellText } from '../i18n/shell.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { HOME, networkHref } from '../routes.ts';
import { Explorer } from './Explorer.tsx';
import { resolveView, type ExplorerView, type NotFound } from './resolve.ts';
import { useViewOptions, type UpdateView } from './useViewOptions.ts';
import { IgnoredNotice } from './IgnoredNotice.tsx';

/** /:network/:variant[/:block]: the network schema or one block, or a not-found naming what is wrong. */
export function ExplorerPage({ params }: { params: { network?: string; variant?: string; block?: string } }) {
  const [options, update] = useViewOptions();
  const t = useMessages(explorerText);
  const view = resolveView(
    {
      network: params.network ?? '',
      variant: params.variant ?? '',
      ...(params.block !== undefined ? { block: decodeURIComponent(params.block) } : {}),
    },
    options,
    t,
  );
  return <ResolvedExplorer view={view} update={update} />;
}

/**
 * A resolved view (or its not-found page), with what a stale link asked for and did not get said once;
 * `banner` is shown above the diagram (a trained network's facts).
 */
export function ResolvedExplorer({
  view,
  update,
  banner,
}: {
  view: ExplorerView | NotFound;
  update: UpdateView;
  banner?: ReactNode;
}) {
  const key = view.ok
    ? `${view.place.trained ?? view.network.id}/${view.network.variant}/${view.block?.address ?? ''}`
    : '';
  // What a stale link asked for and did not get is said once, and the URL is cleaned of it.
  const [notice, setNotice] = useState<{ view: string; messages: string[] }>();
  const ignored = view.ok ? view.ignored.join('\n') : '';
  const keptNode = view.ok ? view.options.node : undefined;
  const keptExpand = view.ok ? view.options.expand : undefined;
  const keptExpandKey = keptExpand === 'all' ? 'all' : keptExpand?.join(',');
  const keptScale = view.ok ? view.options.scale : undefined;
  const keptScaleKey = keptScale ? scalesKey(keptScale) : undefined;
  const keptChannel = view.ok ? view.options.channel : undefined;
  if (ignored && (notice?.view !== key || notice.messages.join('\n') !== ignored)) {
    setNotice({ view: key, messages: ignored.split('\n') });
  }
  useEffect(() => {
    if (!ignored) return;
    const expand = keptExpandKey === 'all' ? 'all' : keptExpandKey?.split(',');
    update({ node: keptNode, expand, scale: keptScale, channel: keptChannel }, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `keptScaleKey` stands for `keptScale`
  }, [ignored, key, keptNode, keptExpandKey, keptScaleKey, keptChannel, update]);

  if (!view.ok) return <NotFoundPage message={view.message} back={view.back} />;
  const shown = notice?.view === key ? notice.messages : [];
  // Keyed by the view, so that moving to another network or block starts from a fresh diagram state.
  return (
    <Explorer
      key={key}
      view={view}
      update={update}
      notice={
        banner || shown.length > 0 ? (
          <>
            {banner}
            {shown.length > 0 && <IgnoredNotice messages={shown} onDismiss={() => setNotice(undefined)} />}
          </>
        ) : undefined
      }
    />
  );
}

/** /:network → its default variant (released where weights exist). */
export function NetworkRedirect({ params }: { params: { network?: string } }) {
  const id = params.network ?? '';
  const t = useMessages(shellText).notFound;
  if (!isNetworkId(id)) {
    return <NotFoundPage message={t.noNetworkOrPage(id)} back={{ href: HOME, label: t.allNetworks }} />;
  }
  return <Redirect replace to={networkHref(id, defaultVariant(id))} />;
}
