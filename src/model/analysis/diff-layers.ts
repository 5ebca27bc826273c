/**
 * The layer-by-layer half of the diff (`diff.ts` matches the stages): two subtrees compared, branches of a
 * concatenation matched by content, sequences aligned, marks and differences collected. Where the second
 * network is derived from the first with a width multiplier, a layer whose filters are the first's × width
 * is the same layer (the width is said once for the whole network), and a residual block whose shortcut
 * was removed is one difference, not a change of every layer in it.
 */
import type { Node, Variant } from '../types.ts';
import { scaledFilters } from '../small/width.ts';
import type { AnalyzedNode } from './analyze.ts';
import { walk } from './analyze.ts';
import type { DiffMark, Difference } from './diff-types.ts';
import { nodeLabel, scaleLabel } from './labels.ts';

/** What the comparison of two networks shares across stages: how one is derived from the other. */
export interface DiffContext {
  /** The second network's filters are the first's × width (`scaledFilters`). */
  width?: number;
  /** Each network's number of classes (the units of its classifier). */
  classes: readonly [number, number];
  /** Filter counts found scaled by the width: first network's → second's. */
  readonly scaled: Map<number, number>;
  /** Second-side addresses of projections that took the activation of a removed shortcut. */
  readonly absorbed: Set<string>;
}

export class Collector {
  readonly paper = new Map<string, DiffMark>();
  readonly released = new Map<string, DiffMark>();
  readonly differences: Difference[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly context: DiffContext) {}

  mark(side: Variant, address: string, mark: DiffMark): void {
    if (!this[side].has(address)) this[side].set(address, mark);
  }

  markTree(side: Variant, node: AnalyzedNode, mark: DiffMark): void {
    for (const n of walk(node)) this.mark(side, n.address, mark);
  }

  note(difference: Difference): void {
    const key = `${difference.stage}|${JSON.stringify(difference.detail)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.differences.push(difference);
  }
}

/** Same computation up to the order of kernel axes? "1×7 conv, 64" vs "7×1 conv, 64". */
function transposed(p: Node, r: Node): boolean {
  return (
    p.kind === 'conv' &&
    r.kind === 'conv' &&
    p.filters === r.filters &&
    p.stride === r.stride &&
    p.padding === r.padding &&
    p.activation === r.activation &&
    p.kernel[0] === r.kernel[1] &&
    p.kernel[1] === r.kernel[0] &&
    p.kernel[0] !== p.kernel[1]
  );
}

/** A first-side layer as the second side would have it if only the width differed. */
function scaled(node: Node, width: number | undefined): Node {
  return width !== undefined && node.kind === 'conv' ? { ...node, filters: scaledFilters(node.filters, width) } : node;
}

/**
 * Content of a subtree regardless of branch order and kernel orientation, for matching branches;
 * `width`: the filters as a network derived with that width multiplier has them (first side only).
 */
export function signature(a: AnalyzedNode, width?: number): string {
  const n = scaled(a.node, width);
  if (a.children.length === 0) {
    if (n.kind === 'conv')
      return `conv${Math.min(...n.kernel)}x${Math.max(...n.kernel)}/${n.filters}/${n.stride}/${n.padding}`;
    return nodeLabel(n);
  }
  const parts = a.children.map((child) => signature(child, width));
  return `${n.kind}(${n.kind === 'concat' ? [...parts].sort().join(',') : parts.join(',')})`;
}

/** Two layers compared; records marks and differences; true if they differ. */
function compareLayers(p: AnalyzedNode, r: AnalyzedNode, stage: string, c: Collector): boolean {
  const pn = p.node;
  const rn = r.node;
  const { width, classes, absorbed } = c.context;
  const pl = nodeLabel(pn);
  const rl = nodeLabel(rn);
  if (pl === rl) return false;
  // A projection that took the activation of its removed shortcut is part of that difference.
  const aligned =
    absorbed.has(r.address) && pn.kind === 'conv' && rn.kind === 'conv' ? { ...pn, activation: rn.activation } : pn;
  if (nodeLabel(scaled(aligned, width)) === rl) {
    if (pn.kind === 'conv' && rn.kind === 'conv' && pn.filters !== rn.filters)
      c.context.scaled.set(pn.filters, rn.filters);
    return false;
  }
  c.mark('paper', p.address, 'changed');
  c.mark('released', r.address, 'changed');
  const base = { mark: 'changed', stage, paper: p.address, released: r.address, cosmetic: false } as const;
  if (pn.kind === 'dense' && rn.kind === 'dense' && pn.units === classes[0] && rn.units === classes[1]) {
    c.note({ ...base, aspect: 'classes', detail: { kind: 'classes', paper: pn.units, released: rn.units } });
  } else if (transposed(pn, rn)) {
    c.note({ ...base, aspect: 'kernel-order', detail: { kind: 'kernel-order', pairs: [{ paper: pl, released: rl }] } });
  } else {
    c.note({ ...base, aspect: 'layer', detail: { kind: 'layer', paper: pl, released: rl } });
  }
  return true;
}

/** The last layer of a subtree (a residual branch's projection). */
function last(a: AnalyzedNode): AnalyzedNode {
  return a.children.length ? last(a.children[a.children.length - 1]) : a;
}

/** Compares two subtrees; records marks and differences; true if they differ (cosmetic order aside). */
export function compare(p: AnalyzedNode, r: AnalyzedNode, stage: string, c: Collector): boolean {
  const pn = p.node;
  const rn = r.node;
  if (p.children.length === 0 && r.children.length === 0) return compareLayers(p, r, stage, c);
  if (pn.kind === 'residual' && rn.kind === 'sequence' && r.children.length === 1) {
    // The no-shortcut twin: the residual branch alone, its projection taking the block's activation.
    c.mark('paper', p.address, 'changed');
    c.mark('released', r.address, 'changed');
    c.note({
      mark: 'changed',
      aspect: 'shortcut',
      stage,
      paper: p.address,
      released: r.address,
      cosmetic: false,
      detail: { kind: 'shortcut-removed', activation: pn.activation, scale: scaleLabel(pn.scale).replace(/^×/, '') },
    });
    c.context.absorbed.add(last(r.children[0]).address);
    compare(p.children[0], r.children[0], stage, c);
    return true;
  }
  if (pn.kind !== rn.kind) {
    c.markTree('paper', p, 'changed');
    c.markTree('released', r, 'changed');
    c.note({
      mark: 'changed',
      aspect: 'layer',
      stage,
      paper: p.address,
      released: r.address,
      cosmetic: false,
      detail: { kind: 'layer', paper: nodeLabel(pn), released: nodeLabel(rn) },
    });
    return true;
  }
  if (pn.kind === 'residual' && rn.kind === 'residual') {
    let changed = compare(p.children[0], r.children[0], stage, c);
    if (scaleLabel(pn.scale) !== scaleLabel(rn.scale)) {
      changed = true;
      c.mark('paper', p.address, 'changed');
      c.mark('released', r.address, 'changed');
      c.note({
        mark: 'changed',
        aspect: 'scale',
        stage,
        paper: p.address,
        released: r.address,
        cosmetic: false,
        detail: { kind: 'residual-scale', paper: scaleLabel(pn.scale), released: scaleLabel(rn.scale) },
      });
    }
    if (pn.activation !== rn.activation) {
      changed = true;
      c.mark('paper', p.address, 'changed');
      c.mark('released', r.address, 'changed');
      c.note({
        mark: 'changed',
        aspect: 'activation',
        stage,
        paper: p.address,
        released: r.address,
        cosmetic: false,
        detail: { kind: 'activation', paper: pn.activation, released: rn.activation },
      });
    }
    return changed;
  }
  if (pn.kind === 'concat') return compareBranches(p, r, stage, c);
  return compareSequence(p.children, r.children, stage, c);
}

/** Branches matched by content first, then the rest in order; a different order is noted as cosmetic. */
function compareBranches(p: AnalyzedNode, r: AnalyzedNode, stage: string, c: Collector): boolean {
  const free = new Set(r.children.map((_, i) => i));
  const pairs: [number, number][] = [];
  const unmatched: number[] = [];
  p.children.forEach((branch, i) => {
    const j = [...free].find((k) => signature(r.children[k]) === signature(branch, c.context.width));
    if (j === undefined) unmatched.push(i);
    else {
      free.delete(j);
      pairs.push([i, j]);
    }
  });
  for (const i of unmatched) {
    const j = [...free][0];
    if (j === undefined) break;
    free.delete(j);
    pairs.push([i, j]);
  }
  let changed = false;
  for (const [i, j] of pairs) changed = compare(p.children[i], r.children[j], stage, c) || changed;
  const paired = new Set(pairs.map(([i]) => i));
  p.children.forEach((b, i) => {
    if (paired.has(i)) return;
    changed = true;
    c.markTree('paper', b, 'removed');
    c.note({
      mark: 'removed',
      aspect: 'layer',
      stage,
      paper: b.address,
      cosmetic: false,
      detail: { kind: 'branch-removed', first: nodeLabel(first(b).node) },
    });
  });
  for (const j of free) {
    changed = true;
    c.markTree('released', r.children[j], 'added');
    c.note({
      mark: 'added',
      aspect: 'layer',
      stage,
      released: r.children[j].address,
      cosmetic: false,
      detail: { kind: 'branch-added', first: nodeLabel(first(r.children[j]).node) },
    });
  }
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  if (sorted.some(([, j], k) => k > 0 && j < sorted[k - 1][1])) {
    c.note({
      mark: 'changed',
      aspect: 'branch-order',
      stage,
      paper: p.address,
      released: r.address,
      cosmetic: true,
      detail: { kind: 'branch-order', paper: order(p.children), released: order(r.children) },
    });
  }
  return changed;
}

function first(a: AnalyzedNode): AnalyzedNode {
  return a.children.length ? first(a.children[0]) : a;
}

/** Branches by their first layer: ["3×3 avg pool", "1×1 conv, 96", …]. */
function order(branches: readonly AnalyzedNode[]): string[] {
  return branches.map((b) => nodeLabel(first(b).node));
}

/** Position by position when the lengths agree, else aligned on their longest common subsequence. */
function compareSequence(
  ps: readonly AnalyzedNode[],
  rs: readonly AnalyzedNode[],
  stage: string,
  c: Collector,
): boolean {
  if (ps.length === rs.length) {
    let changed = false;
    ps.forEach((p, i) => {
      changed = compare(p, rs[i], stage, c) || changed;
    });
    return changed;
  }
  const same = (a: AnalyzedNode, b: AnalyzedNode) => signature(a, c.context.width) === signature(b);
  const lcs: number[][] = Array.from({ length: ps.length + 1 }, () => new Array<number>(rs.length + 1).fill(0));
  for (let i = ps.length - 1; i >= 0; i--) {
    for (let j = rs.length - 1; j >= 0; j--) {
      lcs[i][j] = same(ps[i], rs[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  const removed: AnalyzedNode[] = [];
  const added: AnalyzedNode[] = [];
  while (i < ps.length || j < rs.length) {
    if (i < ps.length && j < rs.length && same(ps[i], rs[j])) {
      compare(ps[i++], rs[j++], stage, c);
    } else if (j < rs.length && (i === ps.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      added.push(rs[j++]);
    } else {
      removed.push(ps[i++]);
    }
  }
  for (const a of removed) c.markTree('paper', a, 'removed');
  for (const a of added) c.markTree('released', a, 'added');
  const labels = (as: AnalyzedNode[]) => as.map((a) => nodeLabel(a.node));
  c.note({
    mark: 'changed',
    aspect: 'layer',
    stage,
    paper: ps[0]?.address,
    released: rs[0]?.address,
    cosmetic: false,
    detail: { kind: 'replaced', removed: labels(removed), added: labels(added) },
  });
  return true;
}
