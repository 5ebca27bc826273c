/**
 * The same place in another variant of a network: a selected layer or an opened block of the paper's
 * Inception-ResNet-v2 in the released one, and back. Addresses alone do not carry over — the paper draws
 * the pooling branch of Inception-A first, the code concatenates it last, so "inception-a/0/0" is another
 * branch on the other side — so each step down the address is matched by content, as the diff matches
 * branches (`signature`): the child at the same index where it holds the same layers, else the one that
 * does, else (a layer changed in place, a repetition of a block repeated more or fewer times) the one at
 * the same index.
 */
import type { AnalyzedNode, NetworkAnalysis } from './analyze.ts';
import { signature } from './diff.ts';

function matchChild(from: AnalyzedNode, index: number, to: AnalyzedNode): AnalyzedNode | undefined {
  const child = from.children[index];
  if (!child) return undefined;
  const wanted = signature(child);
  const same = to.children[index];
  if (same && signature(same) === wanted) return same;
  const moved = to.children.find((c) => signature(c) === wanted);
  if (moved) return moved;
  // Repetitions of a block are alike: the third is the third, however many there are on each side.
  if (from.node.kind === 'repeat' && to.node.kind === 'repeat') return same;
  return to.children.length === from.children.length && same?.node.kind === child.node.kind ? same : undefined;
}

/**
 * Where `address` of `from` lies in `to`: `exact` when the node itself has a counterpart, else the
 * deepest ancestor that has one (`exact: false`); undefined when not even its stage exists there.
 */
export function correspondingAddress(
  from: NetworkAnalysis,
  to: NetworkAnalysis,
  address: string,
): { address: string; exact: boolean } | undefined {
  const [stageId, ...path] = address.split('/');
  let source = from.byAddress.get(stageId);
  let target = to.byAddress.get(stageId);
  if (!source || !target || !from.byAddress.has(address)) return undefined;
  for (const part of path) {
    const index = Number(part);
    const next = matchChild(source, index, target);
    if (!next) return { address: target.address, exact: false };
    source = source.children[index];
    target = next;
  }
  return { address: target.address, exact: true };
}
