import type { ProblemExplanation } from '../../model/analysis/explain-problems.ts';
import type { ExplorerMessages } from '../i18n/en/explorer.ts';

/** A shape problem's facts said in the reader's language: a title and one paragraph. */
export function problemWords(
  e: ProblemExplanation,
  t: ExplorerMessages,
): { address: string; title: string; explanation: string } {
  const p = t.problem;
  if (e.kind === 'other') return { address: e.address, title: p.other, explanation: p.otherText(e.node, e.message) };
  const block = e.figure !== undefined ? t.panel.blockWithFigure(e.block, e.figure) : e.block;
  const parts = [
    p.adds(block),
    p.input(e.input, e.from, e.projection, e.projection - e.input),
    p.cannotBuild(e.projection),
  ];
  if (e.released) parts.push(p.released(e.released.from.name, e.released.from.sum, e.block, e.released.projection));
  return { address: e.address, title: p.title(e.input, e.projection), explanation: p.paragraph(parts) };
}
