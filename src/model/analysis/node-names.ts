/**
 * Naming a node from the command line: an explorer address ("inception-resnet-b/3/0/0/1/1"), or the
 * released code's module name as timm spells it — a checkpoint prefix ("features.9", "mixed_6a",
 * "repeat_1.19", "conv2d_7b", "repeat_1.19.branch1.2"), a whole repeated group ("repeat_1"), or
 * "global_pool" — or a node's name ("Mixed_6a", "Conv2d_7b_1x1"). A name that matches nothing is an
 * error listing the closest names.
 */
import { walk, type AnalyzedNode, type NetworkAnalysis } from './analyze.ts';
import { shortened } from '../shorten.ts';

export type NodeLookup = { ok: true; address: string } | { ok: false; message: string; suggestions: string[] };

export function resolveNode(analysis: NetworkAnalysis, name: string): NodeLookup {
  const wanted = name.trim();
  if (analysis.byAddress.has(wanted)) return { ok: true, address: wanted };
  const nodes = analysis.stages.flatMap((s) => [...walk(s)]);
  const lower = wanted.toLowerCase();
  // Pre-order: the first node carrying a key is the outermost one, the module timm would hook.
  const byKey = nodes.find((n) => n.key?.toLowerCase() === lower);
  if (byKey) return { ok: true, address: byKey.address };
  // timm's name of a whole repeated group ("repeat_1"): its repetitions are "repeat_1.0", "repeat_1.1", …
  const repeat = nodes.find(
    (n) =>
      n.node.kind === 'repeat' &&
      n.children.length > 0 &&
      n.children.every((c, i) => c.key?.toLowerCase() === `${lower}.${i}`),
  );
  if (repeat) return { ok: true, address: repeat.address };
  if (lower === 'global_pool') {
    const pool = nodes.find((n) => n.node.kind === 'global-avgpool');
    if (pool) return { ok: true, address: pool.address };
  }
  const byName = nodes.filter((n) => n.node.name?.toLowerCase() === lower);
  if (byName.length === 1) return { ok: true, address: byName[0].address };
  if (byName.length > 1) {
    const addresses = byName.map((n) => n.address);
    const listed = `${addresses.slice(0, 8).join(', ')}${addresses.length > 8 ? ', …' : ''}`;
    const message = `"${shortened(wanted)}" names ${byName.length} nodes: ${listed}; give one of their addresses`;
    return { ok: false, message, suggestions: addresses };
  }
  // A name far longer than any node's is no misspelling of one (and would cost its length in every comparison).
  const suggestions = wanted.length <= 100 ? closest(wanted, names(nodes)) : [];
  const hint =
    suggestions.length > 0
      ? `closest: ${suggestions.join(', ')}`
      : `give an address (e.g. ${analysis.stages
          .slice(0, 3)
          .map((s) => s.address)
          .join(', ')}) or a checkpoint prefix (e.g. ${nodes
          .filter((n) => n.key)
          .slice(0, 2)
          .map((n) => n.key)
          .join(', ')})`;
  const message = `no node of ${analysis.network.title} is called "${shortened(wanted)}"; ${hint}`;
  return { ok: false, message, suggestions };
}

/** Every name a node can be given by: addresses, checkpoint keys, whole-repeat prefixes, node names. */
function names(nodes: readonly AnalyzedNode[]): string[] {
  const out = new Set<string>();
  for (const n of nodes) {
    out.add(n.address);
    if (n.key) out.add(n.key);
    if (n.node.name) out.add(n.node.name);
    const first = n.node.kind === 'repeat' ? n.children[0]?.key : undefined;
    if (first?.endsWith('.0')) out.add(first.slice(0, -2));
  }
  if (nodes.some((n) => n.node.kind === 'global-avgpool')) out.add('global_pool');
  return [...out];
}

/** Up to `count` names within an edit distance of about a third of the name's length, nearest first. */
export function closest(name: string, candidates: readonly string[], count = 5): string[] {
  const target = name.toLowerCase();
  const limit = Math.max(2, Math.ceil(target.length / 3));
  // One spelling per name: "Mixed_5b" (a node's name) and "mixed_5b" (its key) are the same suggestion.
  const distinct = candidates.filter((c, i) => candidates.findIndex((o) => o.toLowerCase() === c.toLowerCase()) === i);
  return distinct
    .map((c) => ({ c, d: editDistance(target, c.toLowerCase()) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.c.length - b.c.length || a.c.localeCompare(b.c))
    .slice(0, count)
    .map((x) => x.c);
}

/**
 * Levenshtein distance (insertions, deletions, substitutions), two rows of dynamic programming. Written
 * here rather than taken from a package: a dozen lines used on a few hundred short names.
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
