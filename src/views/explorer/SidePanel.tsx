import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { explainProblems, type ProblemExplanation } from '../../model/analysis/explain-problems.ts';
import { problemWords } from './problem-words.ts';
import { proseText } from '../i18n/prose.ts';
import { isPaperNetworkId, isSmallNetworkId, NETWORKS } from '../../model/networks/index.ts';
import { NETWORK_FACTS } from '../../model/paper.ts';
import { baseNetwork } from '../../model/small/small-network.ts';
import { SMALL_PRESETS } from '../../model/small/spec.ts';
import { stageLabel } from '../compare/stages.ts';
import { compact, exact, percent, shapeText, topErrors } from '../format.ts';
import { explorerText } from '../i18n/explorer.ts';
import { useMessages } from '../i18n/messages.ts';
import { Inspector } from '../inspector/Inspector.tsx';
import { blockHref, figureHref, networkHref, placeBlockHref } from '../routes.ts';
import type { DiffState } from './useDiff.ts';
import { analysisOf, blockViewOf, type ExplorerView } from './resolve.ts';

const explanations = new WeakMap<NetworkAnalysis, ProblemExplanation[]>();

/** Each problem of the analysis explained in words (with the released network's numbers where it exists). */
function explained(analysis: NetworkAnalysis): ProblemExplanation[] {
  let list = explanations.get(analysis);
  if (!list) {
    const released = NETWORKS[analysis.network.id].released;
    list = explainProblems(analysis, released && released !== analysis.network ? analysisOf(released) : undefined);
    explanations.set(analysis, list);
  }
  return list;
}

export interface SidePanelProps {
  view: ExplorerView;
  diff: DiffState | undefined;
  /** Select a node named in a list (a difference, a problem). */
  onSelectNode: (address: string) => void;
  /** What an attached photo shows of the node or network (lazily loaded), drawn first. */
  inside?: ReactNode;
}

export function SidePanel({ view, diff, onSelectNode, inside }: SidePanelProps) {
  const { analysis, block, selected, network, options } = view;
  const node = selected ?? block;
  const diffNote = node && diff?.notes.get(node.address);
  const opens = !block && selected ? blockViewOf(analysis, selected.address) : undefined;
  const diffList = diff && <DiffList diff={diff} onSelectNode={onSelectNode} />;
  const m = useMessages(explorerText);
  const t = m.panel;
  return (
    <>
      {inside}
      {!inside && options.photo && !network.checkpoint && <PhotoNeedsReleased view={view} />}
      {node ? (
        <Inspector
          node={node}
          analysis={analysis}
          explanations={explained(analysis)
            .filter((e) => e.address === node.address)
            .map((e) => problemWords(e, m))}
          {...(diff && diffNote ? { diffNote: { label: diff.label, text: diffNote } } : {})}
        />
      ) : (
        <>
          {diffList}
          <NetworkOverview view={view} onSelectNode={onSelectNode} />
        </>
      )}
      {opens && (
        <p className="inspector">
          <Link
            className="button"
            href={placeBlockHref(view.place, opens.stage, {
              ...(opens.node ? { node: opens.node } : {}),
              ...(options.diff ? { diff: true } : {}),
            })}
          >
            {t.openAsFigure(stageLabel(analysis.byAddress.get(opens.stage)!).replace(/^\d+ × /, ''))}
          </Link>
        </p>
      )}
      {node && diffList}
      <KeyboardHelp network={!block} />
    </>
  );
}

/** A photo in the URL of a view without weights: say where it can be looked at. */
function PhotoNeedsReleased({ view }: { view: ExplorerView }) {
  const { network, stage, options } = view;
  const released = NETWORKS[network.id].released;
  const t = useMessages(explorerText).panel;
  if (!released?.checkpoint) {
    return (
      <p className="inspector problem" role="note">
        {t.noWeightsPhoto(network.title)}
      </p>
    );
  }
  const keep = { photo: options.photo!, ...(options.scale ? { scale: options.scale } : {}) };
  const href =
    stage && analysisOf(released).byAddress.has(stage.address)
      ? blockHref(network.id, 'released', stage.address, keep)
      : networkHref(network.id, 'released', keep);
  return (
    <p className="inspector problem" role="note">
      {t.photoOnReleased} <Link href={href}>{t.lookInsideReleased(network.title)}</Link>.
    </p>
  );
}

function NetworkOverview({ view, onSelectNode }: { view: ExplorerView; onSelectNode: (address: string) => void }) {
  const { network, analysis, options } = view;
  const facts = isPaperNetworkId(network.id) ? NETWORK_FACTS[network.id] : undefined;
  const m = useMessages(explorerText);
  const prose = useMessages(proseText);
  const problems = explained(analysis).map((e) => problemWords(e, m));
  const t = m.panel;
  return (
    <section className="inspector" aria-labelledby="overview-title">
      <h2 id="overview-title">{m.networkHere(network.title, network.variant)}</h2>
      <p className="empty">{prose.networkSource(network.source)}</p>
      <dl className="facts">
        <dt>{t.parameters}</dt>
        <dd>{exact(analysis.params)}</dd>
        <dt>{t.multiplyAdds}</dt>
        <dd>
          {exact(analysis.macs)}
          <span className="detail">
            {compact(analysis.macs)}
            {t.at(shapeText(network.input))}
          </span>
        </dd>
        <dt>{t.output}</dt>
        <dd>{shapeText(analysis.output)}</dd>
        {facts && (
          <>
            <dt>{t.papersError}</dt>
            <dd>
              {topErrors(facts.paper)}
              <span className="detail">{t.table2}</span>
            </dd>
            <dt>{t.schema}</dt>
            <dd>
              <Link href={figureHref(facts.schemaFigure, network.id)}>{t.figure(facts.schemaFigure)}</Link>
            </dd>
          </>
        )}
        {isSmallNetworkId(network.id) && !view.place.trained && <SmallFacts id={network.id} />}
      </dl>
      {problems.length > 0 && (
        <div className="problem" role="note">
          <strong>{t.problems(problems.length)}</strong>
          {problems.map((p) => (
            <p key={p.address}>
              <button type="button" className="link" onClick={() => onSelectNode(p.address)}>
                {p.title}
              </button>
              : {p.explanation}
            </p>
          ))}
        </div>
      )}
      <h3>{t.stages}</h3>
      <ol className="diff-list" aria-label={t.stages}>
        {analysis.stages.map((stage) => (
          <li key={stage.address}>
            <Link href={placeBlockHref(view.place, stage.address, options.diff ? { diff: true } : {})}>
              {stageLabel(stage)}
            </Link>
            <span className="detail empty">
              {' '}
              → {shapeText(stage.output)}, {t.stageShare(percent(stage.macs / analysis.macs))}
            </span>
          </li>
        ))}
      </ol>
      <p className="empty">{t.selectHint}</p>
    </section>
  );
}

/** Where a small network comes from: its released network, and how it was made smaller. */
function SmallFacts({ id }: { id: keyof typeof SMALL_PRESETS }) {
  const spec = SMALL_PRESETS[id];
  const base = baseNetwork(spec.base);
  const t = useMessages(explorerText).panel.small;
  return (
    <>
      <dt>{t.derivedFrom}</dt>
      <dd>
        <Link href={networkHref(spec.base, 'released')}>{base.title}</Link>
        <span className="detail">{t.released}</span>
      </dd>
      <dt>{t.width}</dt>
      <dd>×{spec.width}</dd>
      <dt>{t.repeats}</dt>
      <dd>{t.repeatsOf(spec.repeats)}</dd>
      <dt>{t.shortcuts}</dt>
      <dd>{spec.shortcuts ? t.kept : t.removed}</dd>
      <dt>{t.weights}</dt>
      <dd>{t.none}</dd>
    </>
  );
}

function DiffList({ diff, onSelectNode }: { diff: DiffState; onSelectNode: (address: string) => void }) {
  const m = useMessages(explorerText);
  const t = m.panel;
  return (
    <section className="inspector" aria-labelledby="diff-title">
      <h2 id="diff-title">{diff.label}</h2>
      <p className="legend" aria-hidden="true">
        <span className="diff-added">{t.legend.added}</span> <span className="diff-changed">{t.legend.changed}</span>{' '}
        <span className="diff-removed">{t.legend.removed}</span>
        <span className="diff-order">{t.legend.order}</span>
      </p>
      {diff.list.length === 0 ? (
        <p className="empty">{t.noDifferences}</p>
      ) : (
        <ul className="diff-list" data-testid="diff-list">
          {diff.list.map((item, i) => (
            <li key={`${item.mark}-${i}`} className={item.cosmetic ? 'diff-order' : `diff-${item.mark}`}>
              <strong>{t.mark[item.cosmetic ? 'order' : item.mark]}</strong>{' '}
              {item.address ? (
                <button type="button" className="link" onClick={() => onSelectNode(item.address!)}>
                  {item.text}
                </button>
              ) : (
                item.text
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function KeyboardHelp({ network }: { network: boolean }) {
  const t = useMessages(explorerText).keyboard;
  return (
    <details className="inspector">
      <summary>{t.title}</summary>
      <dl className="facts">
        <dt>{t.arrows}</dt>
        <dd>{t.arrowsDo}</dd>
        <dt>{t.enter}</dt>
        <dd>{network ? t.openBlock : t.select}</dd>
        {network && (
          <>
            <dt>+ / −</dt>
            <dd>{t.expandDo}</dd>
          </>
        )}
        <dt>{t.escape}</dt>
        <dd>{t.escapeDo}</dd>
        <dt>/</dt>
        <dd>{t.searchDo}</dd>
      </dl>
    </details>
  );
}
