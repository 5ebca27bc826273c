import { Link, Redirect, useSearchParams } from 'wouter';
import { PAPER_FIGURES, SCHEMA_FIGURES, findFigure, findFigureIn } from '../../layout/index.ts';
import { isNetworkId } from '../../model/networks/index.ts';
import type { NetworkId } from '../../model/types.ts';
import { NETWORK_FACTS } from '../../model/paper.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { blockHref, FIGURES, figureHref, networkHref } from '../routes.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';

const stageOf = (address: string) => address.split('/')[0];

/** Every figure of the paper that draws a network or a block, each linked to its view. */
export function FiguresPage() {
  useDocumentTitle('Figures');
  const entries: Array<{ figure: number; title: string; where: string; network?: NetworkId }> = [
    ...PAPER_FIGURES.map((f) => ({
      figure: f.figure,
      title: f.title,
      where: `${NETWORK_FACTS[f.network].title} (${f.variant})`,
    })),
    // Fig. 15 draws both Inception-ResNets: one entry each, so that each leads to its own network.
    ...SCHEMA_FIGURES.flatMap((s) => s.networks.map((id) => ({
      figure: s.figure,
      title: 'Schema of the whole network',
      where: NETWORK_FACTS[id].title,
      ...(s.networks.length > 1 ? { network: id } : {}),
    }))),
  ].sort((a, b) => a.figure - b.figure);
  return (
    <div className="page figures">
      <h1>The paper’s figures</h1>
      <p className="lede">Each figure drawing a block or a network, redrawn from the definitions with every shape and cost.</p>
      <ul className="figure-list">
        {entries.map((e) => (
          <li key={`${e.figure}-${e.title}-${e.where}`}>
            <Link href={figureHref(e.figure, e.network)}>
              <span className="number">Fig. {e.figure}</span>{e.title}
              <span className="where">{e.where}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * /figure/17 → the block view reproducing Fig. 17; /figure/9 → the schema of Inception-v4;
 * /figure/15?network=inception-resnet-v1 → that network's schema (the figure as it has it).
 */
export function FigureRedirect({ params }: { params: { figure?: string } }) {
  const [search] = useSearchParams();
  const wanted = search.get('network') ?? '';
  const within = isNetworkId(wanted) ? wanted : undefined;
  const text = params.figure ?? '';
  const number = /^\d+$/.test(text) ? Number(text) : NaN;
  const block = (within && findFigureIn(within, number)) || findFigure(number);
  if (block) return <Redirect replace to={blockHref(block.network, block.variant, stageOf(block.address))} />;
  const schema = SCHEMA_FIGURES.find((s) => s.figure === number);
  // Fig. 15 draws both Inception-ResNets; without a network named, the one with released weights.
  const network = within && schema?.networks.includes(within) ? within : schema?.networks.at(-1);
  if (network) return <Redirect replace to={networkHref(network, 'paper')} />;
  const known = [...PAPER_FIGURES.map((f) => f.figure), ...SCHEMA_FIGURES.map((s) => s.figure)].sort((a, b) => a - b);
  return (
    <NotFoundPage
      message={`The paper has no figure "${text}" drawing a block or a network; these do: ${known.join(', ')}.`}
      back={{ href: FIGURES, label: 'the figures' }}
    />
  );
}
