/**
 * Matching of the explorer's search box against an analysed network. Pure: a query string and analysed
 * nodes in, the matching nodes (in depth-first order, the order next/previous walks) out.
 *
 * A query is split on whitespace into terms; a node matches when every term holds:
 * - "7x1", "7×1": a layer with a 7×1 kernel, or a layer whose output grid is 7×1 ("17x17" finds every
 *   layer producing a 17×17 grid);
 * - "17x17x1088": a layer with exactly that output shape;
 * - a number ("160"): a conv with that many filters or a classifier with that many units;
 * - "s2": stride 2; "v"/"valid" and "same": padding;
 * - a kind word: conv, pool, max, avg, global, dense/fc, dropout, concat, residual, linear, bn, bias;
 * - any other word: part of the node's name, label, block id, released name or checkpoint key. Such a
 *   word also holds for everything inside a matching block, so "inception-resnet-b 1x7" finds the 1×7
 *   convs of Inception-ResNet-B only.
 * A node must satisfy at least one term itself (a block's layers do not match "inception-resnet-b" alone).
 * Repeats are containers of their repetitions and never match themselves.
 */
import type { Layer, Node } from '../types.ts';
import type { AnalyzedNode } from './analyze.ts';
import { nodeLabel } from './labels.ts';

export type SearchTerm =
  | { kind: 'grid'; text: string; height: number; width: number }
  | { kind: 'shape'; text: string; shape: readonly number[] }
  | { kind: 'number'; text: string; value: number }
  | { kind: 'stride'; text: string; value: number }
  | { kind: 'layer'; text: string; test: (node: Node) => boolean }
  | { kind: 'text'; text: string };

export interface SearchResult {
  /** The query as typed, trimmed. */
  query: string;
  terms: SearchTerm[];
  matches: AnalyzedNode[];
}

const isLayer = (node: Node): node is Layer =>
  node.kind !== 'sequence' && node.kind !== 'concat' && node.kind !== 'residual' && node.kind !== 'repeat';

const isPool = (node: Node) => node.kind === 'maxpool' || node.kind === 'avgpool' || node.kind === 'global-avgpool';

/** Words naming a kind of node, as the paper and the released code say them. */
const KIND_WORDS: Readonly<Record<string, (node: Node) => boolean>> = {
  conv: (n) => n.kind === 'conv',
  convs: (n) => n.kind === 'conv',
  convolution: (n) => n.kind === 'conv',
  pool: isPool,
  pooling: isPool,
  max: (n) => n.kind === 'maxpool',
  maxpool: (n) => n.kind === 'maxpool',
  avg: (n) => n.kind === 'avgpool' || n.kind === 'global-avgpool',
  average: (n) => n.kind === 'avgpool' || n.kind === 'global-avgpool',
  avgpool: (n) => n.kind === 'avgpool',
  global: (n) => n.kind === 'global-avgpool',
  dense: (n) => n.kind === 'dense',
  fc: (n) => n.kind === 'dense',
  fully: (n) => n.kind === 'dense',
  connected: (n) => n.kind === 'dense',
  dropout: (n) => n.kind === 'dropout',
  concat: (n) => n.kind === 'concat',
  concatenation: (n) => n.kind === 'concat',
  residual: (n) => n.kind === 'residual',
  shortcut: (n) => n.kind === 'residual',
  linear: (n) => n.kind === 'conv' && n.activation === 'linear',
  bn: (n) => n.kind === 'conv' && n.norm === 'batchnorm',
  batchnorm: (n) => n.kind === 'conv' && n.norm === 'batchnorm',
  bias: (n) => n.kind === 'conv' && n.norm === 'bias',
  v: (n) => 'padding' in n && n.padding === 'valid',
  valid: (n) => 'padding' in n && n.padding === 'valid',
  same: (n) => 'padding' in n && n.padding === 'same',
};

/** "17 × 17", "17X17", "17*17" → "17x17": one spelling for sizes before splitting into terms. */
function normalize(query: string): string {
  return query
    .toLowerCase()
    .replace(/(?<=\d)\s*[x×*]\s*(?=\d)/g, 'x')
    .trim();
}

export function parseQuery(query: string): SearchTerm[] {
  const normalized = normalize(query);
  if (normalized === '') return [];
  return normalized.split(/\s+/).map((text): SearchTerm => {
    const size = /^(\d+)(?:x(\d+))+$/.test(text) ? text.split('x').map(Number) : undefined;
    if (size?.length === 2) return { kind: 'grid', text, height: size[0], width: size[1] };
    if (size) return { kind: 'shape', text, shape: size };
    if (/^\d+$/.test(text)) return { kind: 'number', text, value: Number(text) };
    const stride = /^s(\d+)$/.exec(text);
    if (stride) return { kind: 'stride', text, value: Number(stride[1]) };
    const test = Object.hasOwn(KIND_WORDS, text) ? KIND_WORDS[text] : undefined;
    if (test) return { kind: 'layer', text, test };
    return { kind: 'text', text };
  });
}

/** The words a node can be found by: name, label, block id and released name, checkpoint key. */
function searchableText(analyzed: AnalyzedNode): string {
  const { node } = analyzed;
  const block = 'block' in node ? node.block : undefined;
  return [node.name, nodeLabel(node), block?.id, block?.releasedName, analyzed.key]
    .filter((s): s is string => s !== undefined)
    .join('\n')
    .toLowerCase()
    .replace(/×/g, 'x');
}

/** Whether the node itself satisfies the term (text terms may also hold through an ancestor). */
function satisfies(analyzed: AnalyzedNode, term: SearchTerm): boolean {
  const { node, output } = analyzed;
  switch (term.kind) {
    case 'grid': {
      if (!isLayer(node)) return false;
      const kernel = 'kernel' in node ? node.kernel : undefined;
      const kernelMatch = kernel !== undefined && kernel[0] === term.height && kernel[1] === term.width;
      const gridMatch = output.length === 3 && output[0] === term.height && output[1] === term.width;
      return kernelMatch || gridMatch;
    }
    case 'shape':
      return isLayer(node) && output.length === term.shape.length && output.every((v, i) => v === term.shape[i]);
    case 'number':
      return (
        (node.kind === 'conv' && node.filters === term.value) || (node.kind === 'dense' && node.units === term.value)
      );
    case 'stride':
      return 'stride' in node && node.stride === term.value;
    case 'layer':
      return term.test(node);
    case 'text':
      return searchableText(analyzed).includes(term.text);
  }
}

/**
 * The nodes under `roots` (themselves included) matching `query`, depth-first. Pass a network's stages
 * to search the whole network, or one block's node to search inside it.
 */
export function searchNodes(roots: readonly AnalyzedNode[], query: string): SearchResult {
  const terms = parseQuery(query);
  const matches: AnalyzedNode[] = [];
  if (terms.length === 0) return { query: query.trim(), terms, matches };

  // `inherited[i]`: term i (a text term) already holds through an ancestor.
  const visit = (analyzed: AnalyzedNode, inherited: readonly boolean[]) => {
    const own = terms.map((term) => satisfies(analyzed, term));
    const held = terms.map((term, i) => own[i] || (term.kind === 'text' && inherited[i]));
    if (analyzed.node.kind !== 'repeat' && own.some(Boolean) && held.every(Boolean)) matches.push(analyzed);
    const passDown = terms.map((term, i) => term.kind === 'text' && held[i]);
    for (const child of analyzed.children) visit(child, passDown);
  };
  const none = terms.map(() => false);
  for (const root of roots) visit(root, none);
  return { query: query.trim(), terms, matches };
}

/** Index of the next (+1) or previous (-1) match from `current`, wrapping around; -1 when there is none. */
export function stepMatch(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}
