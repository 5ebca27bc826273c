import { Link, Redirect } from 'wouter';
import { PAPER_FIGURES, SCHEMA_FIGURES, findFigure } from '../../layout/index.ts';
import { NETWORK_FACTS } from '../../model/paper.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { blockHref, FIGURES, figureHref, networkHref } from '../routes.ts';
import { useDocumentTitle } from '../shell/useDocumentTitle.ts';

const stageOf = (address: string) => address.split('/')[0];

/** Every figure of the paper that draws a network or a block, each linked to its view. */
export function FiguresPage() {
  useDocumentTitle('Figures');
  const entries = [
    ...PAPER_FIGURES.map((f) => ({
      figure: f.figure,
      title: f.title,
      where: `${NETWORK_FACTS[f.network].title} (${f.variant})`,
    })),
    ...SCHEMA_FIGURES.map((s) => ({
      figure: s.figure,
      title: 'Schema of the whole network',
      where: s.networks.map((id) => NETWORK_FACTS[id].title).join(', '),
    })),
  ].sort((a, b) => a.figure - b.figure);
  return (
    <div className="page figures">
      <h1>The paper’s figures</h1>
      <p className="lede">Each figure drawing a block or a network, redrawn from the definitions with every shape and cost.</p>
      <ul className="figure-list">
        {entries.map((e) => (
          <li key={`${e.figure}-${e.title}`}>
            <Link href={figureHref(e.figure)}>
              <span className="number">Fig. {e.figure}</span>{e.title}
              <span className="where">{e.where}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** /figure/17 → the block view reproducing Fig. 17; /figure/9 → the schema of Inception-v4. */
export function FigureRedirect({ params }: { params: { figure?: string } }) {
  const text = params.figure ?? '';
  const number = /^\d+$/.test(text) ? Number(text) : NaN;
  const block = findFigure(number);
  if (block) return <Redirect replace to={blockHref(block.network, block.variant, stageOf(block.address))} />;
  const schema = SCHEMA_FIGURES.find((s) => s.figure === number);
  // Fig. 15 draws both Inception-ResNets; the one with released weights is the one most readers open.
  const network = schema?.networks.at(-1);
  if (network) return <Redirect replace to={networkHref(network, 'paper')} />;
  const known = [...PAPER_FIGURES.map((f) => f.figure), ...SCHEMA_FIGURES.map((s) => s.figure)].sort((a, b) => a - b);
  return (
    <NotFoundPage
      message={`The paper has no figure "${text}" drawing a block or a network; these do: ${known.join(', ')}.`}
      back={{ href: FIGURES, label: 'the figures' }}
    />
  );
}
