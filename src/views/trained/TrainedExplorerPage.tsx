/**
 * /trained/<id>[/<block>]: a trained network opened in this browser, drawn from its file's definition with
 * every view of the explorer (diagram, inspector, search, export), under a banner that says it is a
 * trained network — from which data, how many epochs, its held-out error where known — with its classes
 * and the ways on: classify a photo with it, look inside it, forget it.
 */
import { useMemo } from 'react';
import { Link, useLocation } from 'wouter';
import type { NetworkDefinition } from '../../model/types.ts';
import { ResolvedExplorer } from '../explorer/ExplorerPage.tsx';
import { resolveTrainedView } from '../explorer/resolve.ts';
import { useViewOptions } from '../explorer/useViewOptions.ts';
import { errorRate } from '../format.ts';
import { explorerText } from '../i18n/explorer.ts';
import { useMessages } from '../i18n/messages.ts';
import { trainedText } from '../i18n/trained.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { CLASSIFY, HOME } from '../routes.ts';
import { trainedLibrary, type TrainedEntry } from './library.ts';
import { useTrainedEntry } from './useTrainedEntry.ts';

export function TrainedExplorerPage({ params }: { params: { id?: string; block?: string } }) {
  const id = params.id ?? '';
  const entry = useTrainedEntry(id);
  const t = useMessages(trainedText);
  if (entry === undefined)
    return (
      <p className="page empty" role="status">
        {t.opening(id)}
      </p>
    );
  if (entry === null) return <NotFoundPage message={t.notFound(id)} back={{ href: HOME, label: t.back }} />;
  return (
    <TrainedExplorer entry={entry} block={params.block === undefined ? undefined : decodeURIComponent(params.block)} />
  );
}

/** The definition as drawn: its title says it is trained. */
export function trainedDefinition(
  entry: Pick<TrainedEntry, 'header'>,
  title: (network: string) => string,
): NetworkDefinition {
  return { ...entry.header.network, title: title(entry.header.network.title) };
}

function TrainedExplorer({ entry, block }: { entry: TrainedEntry; block: string | undefined }) {
  const [options, update] = useViewOptions();
  const t = useMessages(trainedText);
  const m = useMessages(explorerText);
  const network = useMemo(() => trainedDefinition(entry, t.title), [entry, t]);
  const view = resolveTrainedView(network, entry.id, block, options, m);
  return <ResolvedExplorer view={view} update={update} banner={<TrainedBanner entry={entry} />} />;
}

/** What the network is and where it comes from, and the ways on. */
export function TrainedBanner({ entry }: { entry: TrainedEntry }) {
  const t = useMessages(trainedText);
  const [, navigate] = useLocation();
  const { training, classes, network } = entry.header;
  const title = t.title(network.title);
  return (
    <section className="trained-banner view-notice" aria-label={t.trainedNetwork} data-trained={entry.id}>
      <div>
        <p>
          <strong>{t.trainedNetwork}</strong> {t.file(entry.fileName)} ·{' '}
          {t.summary(
            training.data,
            training.epoch,
            training.step,
            entry.testError === undefined ? undefined : errorRate(entry.testError * 100),
          )}
        </p>
        <p className="detail">{t.classes(classes)}</p>
        <p className="actions">
          <Link className="button" href={`${CLASSIFY}?trained=${entry.id}`}>
            {t.classify}
          </Link>{' '}
          <span className="detail">{t.lookInsideHint}</span>{' '}
          <button
            type="button"
            className="quiet"
            aria-label={t.forgetLabel(title)}
            onClick={() =>
              void trainedLibrary()
                .forget(entry.id)
                .then(() => navigate(HOME))
            }
          >
            {t.forget}
          </button>
        </p>
      </div>
    </section>
  );
}
