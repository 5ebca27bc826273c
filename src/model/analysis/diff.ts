/**
 * Two networks compared: which stages and layers were added, removed or changed, as marks per address
 * (one map per side, for drawing) and a list of differences as data (the views and the CLI put them in
 * words: src/views/explorer/diff-text.ts). The sides are named after the first comparison it made, paper
 * versus released: "paper" is the first network, "released" the second — for a small network, the
 * released network it is derived from and the small one, or the residual twin and the no-shortcut one
 * (`model/networks/comparison.ts`). Stages are matched by address, branches of a
 * concatenation by content (their order is cosmetic: the paper draws the pooling branch first, the code
 * concatenates it last), sequences layer by layer (or by longest common subsequence when their lengths
 * differ; `diff-layers.ts`). A change inside a repeated block is marked in every repetition but listed once.
 * What follows from how a network was derived (another input, a width multiplier) is said once for the
 * whole network, not at every stage whose shape it changes.
 */
import type { Node } from '../types.ts';
import type { AnalyzedNode, NetworkAnalysis } from './analyze.ts';
import { Collector, compare, type DiffContext } from './diff-layers.ts';
import { nodeLabel } from './labels.ts';
import { formatShape } from './layer-shape.ts';
import type { DiffDetail, DiffOptions, Difference, NetworkDiff } from './diff-types.ts';

export { signature } from './diff-layers.ts';

/** The paper's name of a stage or block ("Inception-ResNet-A"); a repeat is named after its body. */
export function stageName(node: Node): string {
  if (node.kind === 'repeat') return stageName(node.body);
  return node.name ?? ('block' in node && node.block ? node.block.id : nodeLabel(node));
}

const count = (a: AnalyzedNode) => (a.node.kind === 'repeat' ? a.node.count : 1);

/**
 * `paper` against `released` (the first network against the second); `options`: how the second is derived
 * from the first, where it is (a small network's width multiplier).
 */
export function diffNetworks(
  paper: NetworkAnalysis,
  released: NetworkAnalysis,
  options: DiffOptions = {},
): NetworkDiff {
  const context: DiffContext = {
    ...(options.width !== undefined && options.width !== 1 ? { width: options.width } : {}),
    classes: [paper.network.classes, released.network.classes],
    scaled: new Map(),
    absorbed: new Set(),
  };
  const c = new Collector(context);
  const sameInput = formatShape(paper.network.input) === formatShape(released.network.input);
  const whole = { mark: 'changed', aspect: 'network', stage: released.network.title, cosmetic: false } as const;
  if (!sameInput) {
    c.note({ ...whole, detail: { kind: 'input', paper: paper.network.input, released: released.network.input } });
  }
  // Another input or width changes every stage's output shape: that is said once, not at every stage.
  const shapes = sameInput && context.width === undefined;
  const releasedStages = new Map(released.stages.map((s) => [s.address, s]));
  const matched = new Set<string>();
  for (const p of paper.stages) {
    const r = releasedStages.get(p.address);
    const stage = stageName(p.node);
    if (!r) {
      c.markTree('paper', p, 'removed');
      c.note({
        mark: 'removed',
        aspect: 'stage',
        stage,
        paper: p.address,
        detail: { kind: 'stage-removed' },
        cosmetic: false,
      });
      continue;
    }
    matched.add(r.address);
    const changed = compareStage(p, r, { paper, released }, stage, c, shapes);
    if (changed) {
      c.mark('paper', p.address, 'changed');
      c.mark('released', r.address, 'changed');
    }
  }
  for (const r of released.stages) {
    if (matched.has(r.address)) continue;
    const stage = stageName(r.node);
    c.markTree('released', r, 'added');
    const note = noteOf(r.node);
    const run = runOf(r, released, stage);
    const detail: DiffDetail = {
      kind: 'stage-added',
      output: r.output,
      ...(run ? run : r.children.length === 0 ? { layer: nodeLabel(r.node) } : {}),
      ...(note ? { note } : {}),
    };
    c.note({ mark: 'added', aspect: 'stage', stage, released: r.address, cosmetic: false, detail });
  }
  if (context.width !== undefined && context.scaled.size > 0) {
    const examples = [...context.scaled].sort((x, y) => y[0] - x[0]);
    const at = sameInput ? 0 : 1;
    c.differences.splice(at, 0, { ...whole, detail: { kind: 'width', width: context.width, examples } });
  }
  return { paper: c.paper, released: c.released, differences: mergeKernelOrders(c.differences) };
}

const noteOf = (node: Node): string | undefined => ('block' in node && node.block?.note ? node.block.note : undefined);

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

/** A repeated stage's repetitions, counting the separate stages of the same block that follow it (the last Block8). */
function repetitions(a: AnalyzedNode, analysis: NetworkAnalysis, stage: string): { total: number; split: number[] } {
  const following = analysis.stages.slice(analysis.stages.indexOf(a) + 1);
  const extra = following.slice(
    0,
    Math.max(
      0,
      following.findIndex((s) => stageName(s.node) !== stage),
    ),
  );
  const split = [a, ...extra].map(count);
  return { total: split.reduce((n, k) => n + k, 0), split };
}

/**
 * Where `a` continues the stages of the same block just before it: its position among them and their
 * total (as `repetitions` counts them from the first), else undefined.
 */
function runOf(
  a: AnalyzedNode,
  analysis: NetworkAnalysis,
  stage: string,
): { position: number; total: number } | undefined {
  const index = analysis.stages.indexOf(a);
  let first = index;
  while (first > 0 && stageName(analysis.stages[first - 1]!.node) === stage) first--;
  if (first === index) return undefined;
  const before = analysis.stages.slice(first, index).reduce((n, s) => n + count(s), 0);
  return { position: before + 1, total: repetitions(analysis.stages[first]!, analysis, stage).total };
}

/**
 * Compares two matched stages; true if they differ in definition. `shapes`: list a stage whose output
 * shape differs (false where another input or width changes them all).
 */
function compareStage(
  p: AnalyzedNode,
  r: AnalyzedNode,
  sides: { paper: NetworkAnalysis; released: NetworkAnalysis },
  stage: string,
  c: Collector,
  shapes: boolean,
): boolean {
  let changed = false;
  if (p.node.kind === 'repeat' || r.node.kind === 'repeat') {
    // A block may continue the repeat as separate stages (the released last Block8): count those too.
    const before = repetitions(p, sides.paper, stage);
    const after = repetitions(r, sides.released, stage);
    if (before.total !== after.total) {
      changed = true;
      // How the count splits is said where only the second network splits it.
      const split = after.split.length > 1 && after.split.length !== before.split.length ? { split: after.split } : {};
      const detail: DiffDetail = { kind: 'repeats', paper: before.total, released: after.total, ...split };
      const where = { paper: p.address, released: r.address };
      c.note({ mark: 'changed', aspect: 'repeat', stage, ...where, cosmetic: false, detail });
    }
  }
  const body = (a: AnalyzedNode) => (a.node.kind === 'repeat' ? a.children[0] : a);
  const pb = body(p);
  const rb = body(r);
  if (pb && rb) {
    const inner = new Collector(c.context);
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
    // A derived network's stage that replaces the first's says why in its block note (the small-input stem).
    const note = shapes || noteOf(r.node) === noteOf(p.node) ? undefined : noteOf(r.node);
    for (const d of inner.differences) {
      const { detail } = d;
      c.note(note && detail.kind === 'replaced' ? { ...d, detail: { ...detail, note } } : d);
    }
  }
  if (!shapes) return changed;
  if (changed && formatShape(p.output) !== formatShape(r.output)) {
    c.note({
      mark: 'changed',
      aspect: 'shape',
      stage,
      paper: p.address,
      released: r.address,
      cosmetic: false,
      detail: { kind: 'output-shape', paper: p.output, released: r.output, sameLayers: false },
    });
  }
  if (!changed && formatShape(p.output) !== formatShape(r.output)) {
    // Listed as changed, so marked as changed: the same layers with other widths are another block.
    c.mark('paper', p.address, 'changed');
    c.mark('released', r.address, 'changed');
    c.note({
      mark: 'changed',
      aspect: 'shape',
      stage,
      paper: p.address,
      released: r.address,
      cosmetic: false,
      detail: { kind: 'output-shape', paper: p.output, released: r.output, sameLayers: true },
    });
  }
  return changed;
}
