import { Link } from 'wouter';
import { NETWORKS, SMALL_NETWORK_IDS } from '../../model/networks/index.ts';
import { baseNetwork } from '../../model/small/small-network.ts';
import { SMALL_PRESETS } from '../../model/small/spec.ts';
import type { SmallNetworkId } from '../../model/types.ts';
import { analysisOf } from '../explorer/resolve.ts';
import { compact, exact, shapeText } from '../format.ts';
import { useMessages } from '../i18n/messages.ts';
import { pagesText } from '../i18n/pages.ts';
import { networkHref } from '../routes.ts';
import { StageStrip } from './StageStrip.tsx';

/**
 * The small networks derived from the released ones (`model/small/`), to train in the browser: a group of
 * its own under the paper's networks, each card saying what it is made from and what it costs.
 */
export function SmallNetworks() {
  const t = useMessages(pagesText).home.small;
  return (
    <section className="small-networks" aria-labelledby="small-networks-heading">
      <h2 id="small-networks-heading">{t.heading}</h2>
      <p className="lede">{t.lede}</p>
      <div className="cards">
        {SMALL_NETWORK_IDS.map((id) => (
          <SmallCard key={id} id={id} />
        ))}
      </div>
    </section>
  );
}

function SmallCard({ id }: { id: SmallNetworkId }) {
  const network = NETWORKS[id].released!;
  const spec = SMALL_PRESETS[id];
  const analysis = analysisOf(network);
  const home = useMessages(pagesText).home;
  const t = home.small;
  const headingId = `card-${id}`;
  const href = networkHref(id, 'released');
  return (
    <section className="card" aria-labelledby={headingId} data-network={id}>
      <h3 id={headingId}>
        <Link href={href}>{network.title}</Link>
      </h3>
      <p className="idea">{t.idea(id)}</p>
      <StageStrip analysis={analysis} sized={false} />
      <dl className="stats">
        <dt>{home.parameters}</dt>
        <dd title={exact(analysis.params)}>{compact(analysis.params)}</dd>
        <dt>{home.multiplyAdds}</dt>
        <dd title={exact(analysis.macs)}>
          {compact(analysis.macs)} <span className="empty">{t.at(shapeText(network.input.slice(0, 2)))}</span>
        </dd>
        <dt>{t.madeFrom}</dt>
        <dd>
          <Link href={networkHref(spec.base, 'released')}>{baseNetwork(spec.base).title}</Link>{' '}
          <span className="empty">{t.shape(spec.width, spec.repeats)}</span>
        </dd>
        <dt>{t.classes}</dt>
        <dd>{spec.classes}</dd>
      </dl>
      <div className="actions">
        <Link className="button button-primary" href={href} aria-label={home.exploreNetwork(network.title)}>
          {home.explore}
        </Link>
        <span className="empty">{t.noWeights}</span>
      </div>
    </section>
  );
}
