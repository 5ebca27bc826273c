import { Link } from 'wouter';
import type { AnalyzedNode, NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { nodeLabel } from '../../model/analysis/labels.ts';
import { paperPath } from '../../model/analysis/paper-path.ts';
import { inspector as english } from '../i18n/en/inspector.ts';
import { inspectorText } from '../i18n/inspector.ts';
import { proseText } from '../i18n/prose.ts';
import { useMessages } from '../i18n/messages.ts';
import { nodeFacts, tensorsOf } from './facts.ts';
import { pathText } from './path-text.ts';

export interface InspectorProps {
  node: AnalyzedNode;
  analysis: NetworkAnalysis;
  /** A paper-vs-released note for this node, when diff mode is on. */
  /** How the node differs in diff mode, and what the network is compared with ("Paper vs released"). */
  diffNote?: { label: string; text: string };
  /** Its shape problems explained in words (see `explainProblems`); the bare messages otherwise. */
  explanations?: ReadonlyArray<{ title: string; explanation: string }>;
}

/** Everything the analysis knows about one node; the side panel of the network and block views. */
export function Inspector({ node, analysis, diffNote, explanations = [] }: InspectorProps) {
  const t = useMessages(inspectorText);
  const prose = useMessages(proseText);
  const facts = nodeFacts(node, analysis, t);
  const tensors = tensorsOf(analysis, node.address);
  const block = 'block' in node.node ? node.node.block : undefined;
  return (
    <section className="inspector" aria-labelledby="inspector-title" data-address={node.address}>
      <h2 id="inspector-title">{nodeTitle(node)}</h2>
      <p className="address" aria-label={t.where}>
        {pathText(paperPath(analysis, node.address), t.path)}
      </p>
      {block?.note && <p className="empty">{prose.blockNote(block.note)}</p>}
      {explanations.length > 0
        ? explanations.map((e) => (
            <p key={e.title} className="problem" role="note">
              <strong>{e.title}: </strong>
              {e.explanation}
            </p>
          ))
        : node.problems.map((p) => (
            <p key={p.message} className="problem" role="note">
              <strong>{t.shapesDoNotFit}</strong>
              {p.message}
            </p>
          ))}
      {diffNote && (
        <p className="problem" role="note">
          <strong>{t.diffNote(diffNote.label)}</strong>
          {diffNote.text}
        </p>
      )}
      <dl className="facts" aria-label={t.layerFacts}>
        {facts.map((f) => (
          <div key={f.key} style={{ display: 'contents' }}>
            <dt>{f.label}</dt>
            <dd data-fact={english.labels[f.key]}>
              {f.href ? <Link href={f.href}>{f.value}</Link> : f.code ? <code>{f.value}</code> : f.value}
              {f.detail && <span className="detail">{f.detail}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {tensors.length > 0 && (
        <>
          <h3>{t.checkpointTensors}</h3>
          <ul className="tensors">
            {tensors.map((t) => (
              <li key={t.name}>
                <code>{t.name}</code> {t.shape.join('×')}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** "1×7 conv, 160" for layers, "Inception-ResNet-B" for blocks, "Mixed_5b (Filter concat)" when named. */
export function nodeTitle(node: AnalyzedNode): string {
  const label = nodeLabel(node.node);
  const name = node.node.name;
  if (name && name !== label && node.node.kind !== 'repeat') return `${name} · ${label}`;
  return label;
}
