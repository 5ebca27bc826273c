import { useLayoutEffect, useRef } from 'react';
import { Link } from 'wouter';
import { defaultVariant, NETWORK_IDS, NETWORKS, variantsOf } from '../../model/networks/index.ts';
import { NETWORK_FACTS } from '../../model/paper.ts';
import type { NetworkId } from '../../model/types.ts';
import { claimDeparture, focusFirst } from '../explorer/focus-handoff.ts';
import { analysisOf } from '../explorer/resolve.ts';
import { compact, errorRate, exact } from '../format.ts';
import { CLASSIFY, COMPARE, FIGURES, figureHref, networkHref } from '../routes.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';
import { StageStrip } from './StageStrip.tsx';

/** The three networks side by side: what they cost, how well they did, the idea; pick one. */
export function HomePage() {
  useDocumentTitle(undefined);
  const root = useRef<HTMLDivElement>(null);
  // Escape out of a network lands here: on that network's card, not on <body>.
  useLayoutEffect(() => {
    const from = claimDeparture();
    if (from) focusFirst(root.current, `[data-network="${from.network}"] a.button-primary`);
  }, []);
  return (
    <div className="page home" ref={root}>
      <h1>Inception Explorer</h1>
      <p className="lede">
        The networks of <cite>Inception-v4, Inception-ResNet and the Impact of Residual Connections on Learning</cite>
        {' '}(Szegedy, Ioffe, Vanhoucke and Alemi, 2016). Open a network to walk its schema block by block, inspect any
        layer, compare the paper’s figures with the released code, or classify a photo of your own with the
        pretrained networks, in your browser.
      </p>
      <div className="cards">
        {NETWORK_IDS.map((id) => <NetworkCard key={id} id={id} />)}
      </div>
      <p>
        <Link href={COMPARE}>Compare the three networks stage by stage</Link> · <Link href={FIGURES}>Every figure of the paper</Link>
        {' · '}<Link href={CLASSIFY}>Classify a photo</Link>
      </p>
    </div>
  );
}

function NetworkCard({ id }: { id: NetworkId }) {
  const facts = NETWORK_FACTS[id];
  const variant = defaultVariant(id);
  const analysis = analysisOf(NETWORKS[id][variant]!);
  const variants = variantsOf(id);
  const headingId = `card-${id}`;
  return (
    <section className="card" aria-labelledby={headingId} data-network={id}>
      <h2 id={headingId}><Link href={networkHref(id, variant)}>{facts.title}</Link></h2>
      <p className="idea">{facts.idea}</p>
      <StageStrip analysis={analysis} />
      <dl className="stats">
        <dt>Parameters</dt>
        <dd title={exact(analysis.params)}>{compact(analysis.params)} <span className="empty">({variant})</span></dd>
        <dt>Multiply-adds</dt>
        <dd title={exact(analysis.macs)}>{compact(analysis.macs)} <span className="empty">at 299×299</span></dd>
        <dt>Top-1 / top-5 error</dt>
        <dd>{errorRate(facts.paper.top1Error)} / {errorRate(facts.paper.top5Error)} <span className="empty">(paper, Table 2)</span></dd>
        <dt>Schema</dt>
        <dd><Link href={figureHref(facts.schemaFigure, id)}>Fig. {facts.schemaFigure}</Link></dd>
      </dl>
      <div className="actions">
        <Link className="button button-primary" href={networkHref(id, variant)} aria-label={`Explore ${facts.title}`}>Explore</Link>
        {variants.length > 1 && <Link href={networkHref(id, 'paper')}>as in the paper</Link>}
        {NETWORKS[id].released?.checkpoint ? <Link href={CLASSIFY}>Classify a photo</Link> : <span className="empty">No public weights</span>}
      </div>
    </section>
  );
}
