import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { explainProblems, type ProblemExplanation } from '../../model/analysis/explain-problems.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { NETWORK_FACTS } from '../../model/paper.ts';
import { stageLabel } from '../compare/stages.ts';
import { compact, exact, percent, shapeText, topErrors } from '../format.ts';
import { Inspector } from '../inspector/Inspector.tsx';
import { blockHref, figureHref, networkHref } from '../routes.ts';
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
  const opens = !block && selected ? blockViewOf(analysis, selected.address) : undefined;
  const diffList = diff && <DiffList diff={diff} onSelectNode={onSelectNode} />;
  return (
    <>
      {inside}
      {!inside && options.photo && !network.checkpoint && <PhotoNeedsReleased view={view} />}
      {node
        ? (
          <Inspector node={node} analysis={analysis}
            explanations={explained(analysis).filter((e) => e.address === node.address)}
            {...(diff?.notes.get(node.address) ? { diffNote: diff.notes.get(node.address) } : {})} />
        )
        : <>{diffList}<NetworkOverview view={view} onSelectNode={onSelectNode} /></>}
      {opens && (
        <p className="inspector">
          <Link className="button" href={blockHref(network.id, network.variant, opens.stage, { ...(opens.node ? { node: opens.node } : {}), ...(options.diff ? { diff: true } : {}) })}>
            Open {stageLabel(analysis.byAddress.get(opens.stage)!).replace(/^\d+ × /, '')} as a figure
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
  if (!released) {
    return <p className="inspector problem" role="note">{network.title} has no pretrained weights, so no photo can be looked at inside it.</p>;
  }
  const keep = { photo: options.photo!, ...(options.scale ? { scale: options.scale } : {}) };
  const href = stage && analysisOf(released).byAddress.has(stage.address) ? blockHref(network.id, 'released', stage.address, keep) : networkHref(network.id, 'released', keep);
  return (
    <p className="inspector problem" role="note">
      The photo runs on the released network, which has the pretrained weights: <Link href={href}>look inside the released {network.title}</Link>.
    </p>
  );
}

function NetworkOverview({ view, onSelectNode }: { view: ExplorerView; onSelectNode: (address: string) => void }) {
  const { network, analysis, options } = view;
  const facts = NETWORK_FACTS[network.id];
  const problems = explained(analysis);
  return (
    <section className="inspector" aria-labelledby="overview-title">
      <h2 id="overview-title">{network.title} ({network.variant})</h2>
      <p className="empty">{network.source}</p>
      <dl className="facts">
        <dt>Parameters</dt><dd>{exact(analysis.params)}</dd>
        <dt>Multiply-adds</dt><dd>{exact(analysis.macs)}<span className="detail">{compact(analysis.macs)} at {shapeText(network.input)}</span></dd>
        <dt>Output</dt><dd>{shapeText(analysis.output)}</dd>
        <dt>Paper’s error</dt><dd>{topErrors(facts.paper)}<span className="detail">Table 2, single crop</span></dd>
        <dt>Schema</dt><dd><Link href={figureHref(facts.schemaFigure, network.id)}>Fig. {facts.schemaFigure}</Link></dd>
      </dl>
      {problems.length > 0 && (
        <div className="problem" role="note">
          <strong>{problems.length === 1 ? 'One place where' : `${problems.length} places where`} the shapes do not fit</strong>
          {problems.map((p) => (
            <p key={p.address}>
              <button type="button" className="link" onClick={() => onSelectNode(p.address)}>{p.title}</button>: {p.explanation}
            </p>
          ))}
        </div>
      )}
      <h3>Stages</h3>
      <ol className="diff-list" aria-label="Stages">
        {analysis.stages.map((stage) => (
          <li key={stage.address}>
            <Link href={blockHref(network.id, network.variant, stage.address, options.diff ? { diff: true } : {})}>{stageLabel(stage)}</Link>
            <span className="detail empty"> → {shapeText(stage.output)}, {percent(stage.macs / analysis.macs)} of multiply-adds</span>
          </li>
        ))}
      </ol>
      <p className="empty">Select a box to inspect it; double-click or Enter opens a block.</p>
    </section>
  );
}

function DiffList({ diff, onSelectNode }: { diff: DiffState; onSelectNode: (address: string) => void }) {
  return (
    <section className="inspector" aria-labelledby="diff-title">
      <h2 id="diff-title">Paper vs released</h2>
      <p className="legend" aria-hidden="true">
        <span className="diff-added">■ added</span> <span className="diff-changed">■ changed</span> <span className="diff-removed">■ removed</span>
        <span className="diff-order">■ order: the same layers drawn in another order (not marked)</span>
      </p>
      {diff.list.length === 0
        ? <p className="empty">No differences here.</p>
        : (
          <ul className="diff-list" data-testid="diff-list">
            {diff.list.map((item, i) => (
              <li key={`${item.mark}-${i}`} className={item.cosmetic ? 'diff-order' : `diff-${item.mark}`}>
                <strong>{item.cosmetic ? 'order' : item.mark}</strong>{' '}
                {item.address
                  ? <button type="button" className="link" onClick={() => onSelectNode(item.address!)}>{item.text}</button>
                  : item.text}
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}

function KeyboardHelp({ network }: { network: boolean }) {
  return (
    <details className="inspector">
      <summary>Keyboard</summary>
      <dl className="facts">
        <dt>Arrows</dt><dd>move between boxes</dd>
        <dt>Enter</dt><dd>{network ? 'open the block' : 'select'}</dd>
        {network && <><dt>+ / −</dt><dd>expand or roll up in place</dd></>}
        <dt>Escape</dt><dd>go up a level</dd>
        <dt>/</dt><dd>search; Enter / Shift+Enter: next / previous match</dd>
      </dl>
    </details>
  );
}
