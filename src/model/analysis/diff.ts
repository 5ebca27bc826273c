/**
 * Paper versus released: which stages and layers were added, removed or changed, as marks per address
 * (one map per side, for drawing) and a list of differences as data (the views and the CLI put them in
 * words: src/views/explorer/diff-text.ts). Stages are matched by address, branches of a
 * concatenation by content (their order is cosmetic: the paper draws the pooling branch first, the code
 * concatenates it last), sequences layer by layer (or by longest common subsequence when their lengths
 * differ). A change inside a repeated block is marked in every repetition but listed once.
 */
import type { Node, Variant } from '../types.ts';
import type { AnalyzedNode, NetworkAnalysis } from './analyze.ts';
import { walk } from './analyze.ts';
import { nodeLabel, scaleLabel } from './labels.ts';
import { formatShape } from './layer-shape.ts';

export type DiffMark = 'added' | 'removed' | 'changed';

/** What a difference is about. "branch-order" and "kernel-order" change no parameter count. */
export type DiffAspect = 'stage' | 'repeat' | 'layer' | 'scale' | 'activation' | 'kernel-order' | 'branch-order' | 'shape';

/**
 * What differs, as data. Layers and stages are named by their labels ("1×7 conv, 64"); shapes are
 * [height, width, channels].
 */
export type DiffDetail =
  /** The stage exists in the paper only. */
  | { kind: 'stage-removed' }
  /**
   * The stage exists in the released network only; `repeats` is how many of the same stage come just
   * before it (it continues them), `layer` the label of a one-layer stage, `note` the block's own note.
   */
  | { kind: 'stage-added'; output: readonly number[]; repeats?: number; layer?: string; note?: string }
  /** Repetitions of a repeated block; `split`: the released count as separate stages ([9, 1]). */
  | { kind: 'repeats'; paper: number; released: number; split?: readonly number[] }
  /** The stage's output shape; `sameLayers`: its layers agree, only its input differs. */
  | { kind: 'output-shape'; paper: readonly number[]; released: readonly number[]; sameLayers: boolean }
  | { kind: 'layer'; paper: string; released: string }
  /** Asymmetric kernels in the other order (same parameters), one pair per layer, per stage. */
  | { kind: 'kernel-order'; pairs: readonly { paper: string; released: string }[] }
  | { kind: 'residual-scale'; paper: string; released: string }
  /** The activation after a residual addition. */
  | { kind: 'activation'; paper: 'relu' | 'linear'; released: 'relu' | 'linear' }
  /** A branch of a concatenation on one side only, by its first layer. */
  | { kind: 'branch-removed'; first: string }
  | { kind: 'branch-added'; first: string }
  /** The branches by their first layers, in each side's order. */
  | { kind: 'branch-order'; paper: readonly string[]; released: readonly string[] }
  /** Layers of a sequence replaced (aligned on their longest common subsequence). */
  | { kind: 'replaced'; removed: readonly string[]; added: readonly string[] };

export interface Difference {
  mark: DiffMark;
  aspect: DiffAspect;
  /** The stage it belongs to, as named in the paper ("Inception-ResNet-B"). */
  stage: string;
  /** Addresses on each side, where the thing exists there. */
  paper?: string;
  released?: string;
  detail: DiffDetail;
  /** True where only the drawing order differs (same computation up to a permutation). */
  cosmetic: boolean;
}

export interface NetworkDiff {
  /** Marks for addresses of the paper analysis (removed, changed). */
  paper: Map<string, DiffMark>;
  /** Marks for addresses of the released analysis (added, changed). */
  released: Map<string, DiffMark>;
  differences: Difference[];
}

class Collector {
  readonly paper = new Map<string, DiffMark>();
  readonly released = new Map<string, DiffMark>();
  readonly differences: Difference[] = [];
  private readonly seen = new Set<string>();

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

/** The paper's name of a stage or block ("Inception-ResNet-A"); a repeat is named after its body. */
export function stageName(node: Node): string {
  if (node.kind === 'repeat') return stageName(node.body);
  return node.name ?? ('block' in node && node.block ? node.block.id : nodeLabel(node));
}

const count = (a: AnalyzedNode) => (a.node.kind === 'repeat' ? a.node.count : 1);

export function diffNetworks(paper: NetworkAnalysis, released: NetworkAnalysis): NetworkDiff {
  const c = new Collector();
  const releasedStages = new Map(released.stages.map((s) => [s.address, s]));
  const matched = new Set<string>();
  for (const p of paper.stages) {
    const r = releasedStages.get(p.address);
    const stage = stageName(p.node);
    if (!r) {
      c.markTree('paper', p, 'removed');
      c.note({ mark: 'removed', aspect: 'stage', stage, paper: p.address, detail: { kind: 'stage-removed' }, cosmetic: false });
      continue;
    }
    matched.add(r.address);
    const changed = compareStage(p, r, released, stage, c);
    if (changed) {
      c.mark('paper', p.address, 'changed');
      c.mark('released', r.address, 'changed');
    }
  }
  for (const r of released.stages) {
    if (matched.has(r.address)) continue;
    const stage = stageName(r.node);
    c.markTree('released', r, 'added');
    const note = 'block' in r.node && r.node.block?.note ? r.node.block.note : undefined;
    const previous = released.stages[released.stages.indexOf(r) - 1];
    const continues = previous !== undefined && stageName(previous.node) === stage;
    const detail: DiffDetail = {
      kind: 'stage-added', output: r.output,
      ...(continues ? { repeats: count(previous) } : r.children.length === 0 ? { layer: nodeLabel(r.node) } : {}),
      ...(note ? { note } : {}),
    };
    c.note({ mark: 'added', aspect: 'stage', stage, released: r.address, cosmetic: false, detail });
  }
  return { paper: c.paper, released: c.released, differences: mergeKernelOrders(c.differences) };
}

/** One sentence per stage for its asymmetric kernels in the other order, instead of one per layer. */
function mergeKernelOrders(differences: readonly Difference[]): Difference[] {
  const out: Difference[] = [];
  const byStage = new Map<string, { difference: Difference; pairs: { paper: string; released: string }[] }>();
  for (const d of differences) {
    if (d.aspect !== 'kernel-order') {
      out.push(d);
      continue;
    }
    const pairs = d.detail.kind === 'kernel-order' ? d.detail.pairs : [];
    const entry = byStage.get(d.stage);
    if (entry) entry.pairs.push(...pairs);
    else {
      const merged = { difference: { ...d }, pairs: [...pairs] };
      byStage.set(d.stage, merged);
      out.push(merged.difference);
    }
  }
  for (const { difference, pairs } of byStage.values()) difference.detail = { kind: 'kernel-order', pairs };
  return out;
}

/** Compares two matched stages; true if they differ in definition. */
function compareStage(p: AnalyzedNode, r: AnalyzedNode, released: NetworkAnalysis, stage: string, c: Collector): boolean {
  let changed = false;
  if (p.node.kind === 'repeat' || r.node.kind === 'repeat') {
    // A released block may continue the repeat as separate stages (the last Block8): count those too.
    const index = released.stages.indexOf(r);
    const following = released.stages.slice(index + 1);
    const extra = following.slice(0, Math.max(0, following.findIndex((s) => stageName(s.node) !== stage)));
    const total = count(r) + extra.reduce((n, s) => n + count(s), 0);
    if (count(p) !== total) {
      changed = true;
      const detail: DiffDetail = { kind: 'repeats', paper: count(p), released: total, ...(extra.length ? { split: [count(r), ...extra.map(count)] } : {}) };
      c.note({ mark: 'changed', aspect: 'repeat', stage, paper: p.address, released: r.address, cosmetic: false, detail });
    }
  }
  const body = (a: AnalyzedNode) => (a.node.kind === 'repeat' ? a.children[0] : a);
  const pb = body(p);
  const rb = body(r);
  if (pb && rb) {
    const inner = new Collector();
    const differs = compare(pb, rb, stage, inner);
    changed ||= differs;
    // Marks found in the first repetition apply to every repetition of each side.
    for (const side of ['paper', 'released'] as const) {
      const root = side === 'paper' ? p : r;
      const first = side === 'paper' ? pb : rb;
      for (const [address, mark] of inner[side]) {
        if (root === first) {
          c.mark(side, address, mark);
          continue;
        }
        const rest = address.slice(first.address.length);
        root.children.forEach((rep) => c.mark(side, `${rep.address}${rest}`, mark));
      }
    }
    for (const d of inner.differences) c.note(d);
  }
  if (changed && formatShape(p.output) !== formatShape(r.output)) {
    c.note({
      mark: 'changed', aspect: 'shape', stage, paper: p.address, released: r.address, cosmetic: false,
      detail: { kind: 'output-shape', paper: p.output, released: r.output, sameLayers: false },
    });
  }
  if (!changed && formatShape(p.output) !== formatShape(r.output)) {
    // Listed as changed, so marked as changed: the same layers with other widths are another block.
    c.mark('paper', p.address, 'changed');
    c.mark('released', r.address, 'changed');
    c.note({
      mark: 'changed', aspect: 'shape', stage, paper: p.address, released: r.address, cosmetic: false,
      detail: { kind: 'output-shape', paper: p.output, released: r.output, sameLayers: true },
    });
  }
  return changed;
}

/** Same computation up to the order of kernel axes? "1×7 conv, 64" vs "7×1 conv, 64". */
function transposed(p: Node, r: Node): boolean {
  return p.kind === 'conv' && r.kind === 'conv' && p.filters === r.filters && p.stride === r.stride
    && p.padding === r.padding && p.activation === r.activation && p.kernel[0] === r.kernel[1] && p.kernel[1] === r.kernel[0]
    && p.kernel[0] !== p.kernel[1];
}

/** Content of a subtree regardless of branch order and kernel orientation, for matching branches. */
export function signature(a: AnalyzedNode): string {
  const n = a.node;
  if (a.children.length === 0) {
    if (n.kind === 'conv') return `conv${Math.min(...n.kernel)}x${Math.max(...n.kernel)}/${n.filters}/${n.stride}/${n.padding}`;
    return nodeLabel(n);
  }
  const parts = a.children.map(signature);
  return `${n.kind}(${n.kind === 'concat' ? [...parts].sort().join(',') : parts.join(',')})`;
}

/** Compares two subtrees; records marks and differences; true if they differ (cosmetic order aside). */
function compare(p: AnalyzedNode, r: AnalyzedNode, stage: string, c: Collector): boolean {
  const pn = p.node;
  const rn = r.node;
  if (p.children.length === 0 && r.children.length === 0) {
    const pl = nodeLabel(pn);
    const rl = nodeLabel(rn);
    if (pl === rl) return false;
    c.mark('paper', p.address, 'changed');
    c.mark('released', r.address, 'changed');
    const kernelOrder = transposed(pn, rn);
    c.note({
      mark: 'changed', aspect: kernelOrder ? 'kernel-order' : 'layer', stage, paper: p.address, released: r.address, cosmetic: false,
      detail: kernelOrder ? { kind: 'kernel-order', pairs: [{ paper: pl, released: rl }] } : { kind: 'layer', paper: pl, released: rl },
    });
    return true;
  }
  if (pn.kind !== rn.kind) {
    c.markTree('paper', p, 'changed');
    c.markTree('released', r, 'changed');
    c.note({ mark: 'changed', aspect: 'layer', stage, paper: p.address, released: r.address, cosmetic: false, detail: { kind: 'layer', paper: nodeLabel(pn), released: nodeLabel(rn) } });
    return true;
  }
  if (pn.kind === 'residual' && rn.kind === 'residual') {
    let changed = compare(p.children[0], r.children[0], stage, c);
    if (scaleLabel(pn.scale) !== scaleLabel(rn.scale)) {
      changed = true;
      c.mark('paper', p.address, 'changed');
      c.mark('released', r.address, 'changed');
      c.note({ mark: 'changed', aspect: 'scale', stage, paper: p.address, released: r.address, cosmetic: false, detail: { kind: 'residual-scale', paper: scaleLabel(pn.scale), released: scaleLabel(rn.scale) } });
    }
    if (pn.activation !== rn.activation) {
      changed = true;
      c.mark('paper', p.address, 'changed');
      c.mark('released', r.address, 'changed');
      c.note({ mark: 'changed', aspect: 'activation', stage, paper: p.address, released: r.address, cosmetic: false, detail: { kind: 'activation', paper: pn.activation, released: rn.activation } });
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
    const j = [...free].find((k) => signature(r.children[k]) === signature(branch));
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
    c.note({ mark: 'removed', aspect: 'layer', stage, paper: b.address, cosmetic: false, detail: { kind: 'branch-removed', first: nodeLabel(first(b).node) } });
  });
  for (const j of free) {
    changed = true;
    c.markTree('released', r.children[j], 'added');
    c.note({ mark: 'added', aspect: 'layer', stage, released: r.children[j].address, cosmetic: false, detail: { kind: 'branch-added', first: nodeLabel(first(r.children[j]).node) } });
  }
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  if (sorted.some(([, j], k) => k > 0 && j < sorted[k - 1][1])) {
    c.note({
      mark: 'changed', aspect: 'branch-order', stage, paper: p.address, released: r.address, cosmetic: true,
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
function compareSequence(ps: readonly AnalyzedNode[], rs: readonly AnalyzedNode[], stage: string, c: Collector): boolean {
  if (ps.length === rs.length) {
    let changed = false;
    ps.forEach((p, i) => {
      changed = compare(p, rs[i], stage, c) || changed;
    });
    return changed;
  }
  const same = (a: AnalyzedNode, b: AnalyzedNode) => signature(a) === signature(b);
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
    mark: 'changed', aspect: 'layer', stage, paper: ps[0]?.address, released: rs[0]?.address, cosmetic: false,
    detail: { kind: 'replaced', removed: labels(removed), added: labels(added) },
  });
  return true;
}
