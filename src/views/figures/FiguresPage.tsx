import { Link, Redirect, useSearchParams } from 'wouter';
import { PAPER_FIGURES, SCHEMA_FIGURES, findFigure, findFigureIn } from '../../layout/index.ts';
import { isPaperNetworkId, isSmallNetworkId } from '../../model/networks/index.ts';
import { SMALL_PRESETS } from '../../model/small/spec.ts';
import type { PaperNetworkId } from '../../model/types.ts';
import { NETWORK_FACTS } from '../../model/paper.ts';
import { useMessages } from '../i18n/messages.ts';
import { pagesText } from '../i18n/pages.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { blockHref, FIGURES, figureHref, networkHref } from '../routes.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';

const stageOf = (address: string) => address.split('/')[0];

/** Every figure of the paper that draws a network or a block, each linked to its view. */
export function FiguresPage() {
  const t = useMessages(pagesText).figures;
  const variant = useMessages(pagesText).home.variant;
  useDocumentTitle(t.title);
  const entries: Array<{ figure: number; title: string; where: string; network?: PaperNetworkId }> = [
    ...PAPER_FIGURES.map((f) => ({
      figure: f.figure,
      title: f.title,
      where: `${NETWORK_FACTS[f.network].title} (${variant[f.variant]})`,
    })),
    // Fig. 15 draws both Inception-ResNets: one entry each, so that each leads to its own network.
    ...SCHEMA_FIGURES.flatMap((s) =>
      s.networks.map((id) => ({
        figure: s.figure,
        title: t.schema,
        where: NETWORK_FACTS[id].title,
        ...(s.networks.length > 1 ? { network: id } : {}),
      })),
    ),
  ].sort((a, b) => a.figure - b.figure);
  return (
    <div className="page figures">
      <h1>{t.heading}</h1>
      <p className="lede">{t.lede}</p>
      <ul className="figure-list">
        {entries.map((e) => (
          <li key={`${e.figure}-${e.title}-${e.where}`}>
            <Link href={figureHref(e.figure, e.network)}>
              <span className="number">{t.figure(e.figure)}</span>
              {e.title}
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
  const t = useMessages(pagesText).figures;
  const wanted = search.get('network') ?? '';
  // A small network's blocks keep their figures: they lead to the figure as its base network has it.
  const within = isSmallNetworkId(wanted) ? SMALL_PRESETS[wanted].base : isPaperNetworkId(wanted) ? wanted : undefined;
  const text = params.figure ?? '';
  const number = /^\d+$/.test(text) ? Number(text) : NaN;
  const block = (within && findFigureIn(within, number)) || findFigure(number);
  if (block) return <Redirect replace to={blockHref(block.network, block.variant, stageOf(block.address))} />;
  const schema = SCHEMA_FIGURES.find((s) => s.figure === number);
  // Fig. 15 draws both Inception-ResNets; without a network named, the one with released weights.
  const network = within && schema?.networks.includes(within) ? within : schema?.networks.at(-1);
  if (network) return <Redirect replace to={networkHref(network, 'paper')} />;
  const known = [...PAPER_FIGURES.map((f) => f.figure), ...SCHEMA_FIGURES.map((s) => s.figure)].sort((a, b) => a - b);
  return <NotFoundPage message={t.noFigure(text, known.join(', '))} back={{ href: FIGURES, label: t.back }} />;
}
