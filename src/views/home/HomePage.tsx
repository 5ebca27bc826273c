import { useLayoutEffect, useRef } from 'react';
import { Link } from 'wouter';
import { defaultVariant, NETWORKS, PAPER_NETWORK_IDS, variantsOf } from '../../model/networks/index.ts';
import { NETWORK_FACTS } from '../../model/paper.ts';
import type { PaperNetworkId } from '../../model/types.ts';
import { claimDeparture, focusFirst } from '../explorer/focus-handoff.ts';
import { analysisOf } from '../explorer/resolve.ts';
import { compact, errorRate, exact } from '../format.ts';
import { useMessages } from '../i18n/messages.ts';
import { pagesText } from '../i18n/pages.ts';
import { shellText } from '../i18n/shell.ts';
import { CLASSIFY, COMPARE, FIGURES, figureHref, LEARN, networkHref } from '../routes.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { SmallNetworks } from './SmallNetworks.tsx';
import { TrainedNetworks } from '../trained/TrainedNetworks.tsx';
import { StageStrip } from './StageStrip.tsx';

/** The three networks side by side: what they cost, how well they did, the idea; pick one. Then the small ones. */
export function HomePage() {
  useDocumentTitle(undefined);
  const root = useRef<HTMLDivElement>(null);
  const t = useMessages(pagesText).home;
  const brand = useMessages(shellText).brand;
  // Escape out of a network lands here: on that network's card, not on <body>.
  useLayoutEffect(() => {
    const from = claimDeparture();
    if (from) focusFirst(root.current, `[data-network="${from.network}"] a.button-primary`);
  }, []);
  return (
    <div className="page home" ref={root}>
      <h1 lang="en">{brand}</h1>
      <p className="lede">
        {t.lede[0]}
        <cite lang="en">{t.lede[1]}</cite>
        {t.lede[2]}
      </p>
      <div className="cards">
        {PAPER_NETWORK_IDS.map((id) => (
          <NetworkCard key={id} id={id} />
        ))}
      </div>
      <p>
        <Link href={COMPARE}>{t.compare}</Link>
        {' · '}
        <Link href={FIGURES}>{t.figures}</Link>
        {' · '}
        <Link href={CLASSIFY}>{t.classify}</Link>
        {' · '}
        <Link href={LEARN}>{t.learn}</Link>
      </p>
      <SmallNetworks />
      <TrainedNetworks />
    </div>
  );
}

function NetworkCard({ id }: { id: PaperNetworkId }) {
  const facts = NETWORK_FACTS[id];
  const variant = defaultVariant(id);
  const analysis = analysisOf(NETWORKS[id][variant]!);
  const variants = variantsOf(id);
  const headingId = `card-${id}`;
  const t = useMessages(pagesText).home;
  return (
    <section className="card" aria-labelledby={headingId} data-network={id}>
      <h2 id={headingId}>
        <Link href={networkHref(id, variant)}>{facts.title}</Link>
      </h2>
      <p className="idea">{t.idea(id, facts.idea)}</p>
      <StageStrip analysis={analysis} />
      <dl className="stats">
        <dt>{t.parameters}</dt>
        <dd title={exact(analysis.params)}>
          {compact(analysis.params)} <span className="empty">({t.variant[variant]})</span>
        </dd>
        <dt>{t.multiplyAdds}</dt>
        <dd title={exact(analysis.macs)}>
          {compact(analysis.macs)} <span className="empty">{t.at299}</span>
        </dd>
        <dt>{t.errors}</dt>
        <dd>
          {errorRate(facts.paper.top1Error)} / {errorRate(facts.paper.top5Error)}{' '}
          <span className="empty">{t.errorsSource}</span>
        </dd>
        <dt>{t.schema}</dt>
        <dd>
          <Link href={figureHref(facts.schemaFigure, id)}>{t.figure(facts.schemaFigure)}</Link>
        </dd>
      </dl>
      <div className="actions">
        <Link
          className="button button-primary"
          href={networkHref(id, variant)}
          aria-label={t.exploreNetwork(facts.title)}
        >
          {t.explore}
        </Link>
        {variants.length > 1 && <Link href={networkHref(id, 'paper')}>{t.asInPaper}</Link>}
        {NETWORKS[id].released?.checkpoint ? (
          <Link href={CLASSIFY}>{t.classify}</Link>
        ) : (
          <span className="empty">{t.noWeights}</span>
        )}
      </div>
    </section>
  );
}
