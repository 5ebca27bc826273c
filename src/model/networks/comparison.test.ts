import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../analysis/analyze.ts';
import { diffNetworks } from '../analysis/diff.ts';
import type { DiffDetail, NetworkDiff } from '../analysis/diff-types.ts';
import { smallNetwork } from '../small/small-network.ts';
import { SMALL_PRESETS } from '../small/spec.ts';
import { comparisonOf } from './comparison.ts';
import { NETWORKS } from './index.ts';
import type { NetworkId } from '../types.ts';

const diffOf = (id: NetworkId): NetworkDiff => {
  const c = comparisonOf(id)!;
  return diffNetworks(analyzeNetwork(c.from), analyzeNetwork(c.to), c.options);
};
const kinds = (d: NetworkDiff) => d.differences.map((x) => `${x.detail.kind} ${x.stage}`);
const detail = (d: NetworkDiff, kind: DiffDetail['kind'], stage?: string) =>
  d.differences
    .filter((x) => x.detail.kind === kind && (stage === undefined || x.stage === stage))
    .map((x) => x.detail);

describe('comparisonOf', () => {
  it("compares a paper network's two forms, a small network with its base, the twin with its residual twin", () => {
    expect(comparisonOf('inception-v4')).toMatchObject({
      kind: 'paper-released',
      from: NETWORKS['inception-v4'].paper,
      to: NETWORKS['inception-v4'].released,
    });
    expect(comparisonOf('inception-resnet-v1')).toBeUndefined();
    expect(comparisonOf('inception-resnet-v2-s')).toEqual({
      kind: 'derived',
      from: NETWORKS['inception-resnet-v2'].released,
      to: NETWORKS['inception-resnet-v2-s'].released,
      options: { width: 0.25 },
    });
    expect(comparisonOf('inception-v4-s')?.from).toBe(NETWORKS['inception-v4'].released);
    expect(comparisonOf('inception-resnet-v2-s-no-shortcuts')).toEqual({
      kind: 'derived',
      from: NETWORKS['inception-resnet-v2-s'].released,
      to: NETWORKS['inception-resnet-v2-s-no-shortcuts'].released,
      options: {},
    });
  });
});

describe('diffNetworks: a small network against the released network it is derived from', () => {
  const v2 = diffOf('inception-resnet-v2-s');
  const v4 = diffOf('inception-v4-s');

  it('says the input, the width, the stem, the repeats and the classes, and nothing else', () => {
    expect(kinds(v2)).toEqual([
      'input Inception-ResNet-v2-S',
      'width Inception-ResNet-v2-S',
      'replaced Stem',
      'repeats Inception-ResNet-A',
      'repeats Inception-ResNet-B',
      'repeats Inception-ResNet-C',
      'classes Classifier',
    ]);
    expect(kinds(v4)).toEqual([
      'input Inception-v4-S',
      'width Inception-v4-S',
      'replaced Stem',
      'repeats Inception-A',
      'repeats Inception-B',
      'repeats Inception-C',
      'classes Classifier',
    ]);
    expect(detail(v2, 'input')).toEqual([{ kind: 'input', paper: [299, 299, 3], released: [32, 32, 3] }]);
    expect(detail(v2, 'classes')).toEqual([{ kind: 'classes', paper: 1000, released: 10 }]);
  });

  it('counts the repeats on both sides, the last Block8 included (10 → 1 + 1)', () => {
    expect(['A', 'B', 'C'].map((x) => detail(v2, 'repeats', `Inception-ResNet-${x}`))).toEqual([
      [{ kind: 'repeats', paper: 10, released: 1 }],
      [{ kind: 'repeats', paper: 20, released: 2 }],
      [{ kind: 'repeats', paper: 10, released: 2 }],
    ]);
    expect(['A', 'B', 'C'].map((x) => detail(v4, 'repeats', `Inception-${x}`))).toEqual([
      [{ kind: 'repeats', paper: 4, released: 1 }],
      [{ kind: 'repeats', paper: 7, released: 2 }],
      [{ kind: 'repeats', paper: 3, released: 1 }],
    ]);
  });

  it('says the width once, with the filter counts it scaled (384 → 96), and leaves the scaled layers unmarked', () => {
    const [width] = detail(v2, 'width');
    expect(width).toMatchObject({ kind: 'width', width: 0.25 });
    const examples = width?.kind === 'width' ? width.examples : [];
    expect(examples.slice(0, 3)).toEqual([
      [2080, 520],
      [1536, 384],
      [1088, 272],
    ]);
    expect(examples).toContainEqual([384, 96]);
    expect(examples.every(([a, b]) => b === Math.round(a / 4))).toBe(true);
    for (const stage of ['mixed-5b', 'reduction-a', 'reduction-b', 'conv2d-7b-1x1'])
      expect(v2.released.has(stage), stage).toBe(false);
    expect([...v2.released.keys()].filter((a) => a.startsWith('inception-resnet-a/'))).toEqual([]);
    expect([...v2.released].sort()).toEqual([
      ['head', 'changed'],
      ['head/2', 'changed'],
      ['inception-resnet-a', 'changed'],
      ['inception-resnet-b', 'changed'],
      ['inception-resnet-c', 'changed'],
      ['stem', 'changed'],
      ['stem/0', 'added'],
      ['stem/1', 'added'],
      ['stem/2', 'added'],
    ]);
  });

  it("says the stem is replaced, by which layers, and why (the stem's own note: 32×32, no reduction)", () => {
    const [stem] = detail(v2, 'replaced', 'Stem');
    expect(stem).toMatchObject({ kind: 'replaced', added: ['3×3 conv, 8', '3×3 conv, 8', '3×3 conv, 48'] });
    expect(stem?.kind === 'replaced' && stem.removed).toHaveLength(7);
    expect(stem?.kind === 'replaced' && stem.note).toMatch(
      /^A small-input stem in place of the 299×299 one: .*all stride 1 \(no reduction\)/,
    );
  });

  it('for a 64×64 input, says the input and the stem that halves it once', () => {
    const spec = { ...SMALL_PRESETS['inception-resnet-v2-s'], inputSize: 64 as const };
    const d = diffNetworks(
      analyzeNetwork(NETWORKS['inception-resnet-v2'].released!),
      analyzeNetwork(smallNetwork(spec)),
      { width: spec.width },
    );
    expect(detail(d, 'input')).toEqual([{ kind: 'input', paper: [299, 299, 3], released: [64, 64, 3] }]);
    const [stem] = detail(d, 'replaced', 'Stem');
    expect(stem?.kind === 'replaced' && stem.added[0]).toBe('3×3 conv, 8, s2');
    expect(stem?.kind === 'replaced' && stem.note).toContain('the first one with stride 2 (64×64 → 32×32)');
  });

  it('without the width, every scaled layer is a difference of its own', () => {
    const c = comparisonOf('inception-resnet-v2-s')!;
    const plain = diffNetworks(analyzeNetwork(c.from), analyzeNetwork(c.to));
    expect(detail(plain, 'width')).toEqual([]);
    expect(detail(plain, 'layer')).toHaveLength(28);
    expect(detail(plain, 'layer', 'Reduction-A')).toContainEqual({
      kind: 'layer',
      paper: '3×3 conv, 384, s2, V',
      released: '3×3 conv, 96, s2, V',
    });
  });
});

describe('diffNetworks: the no-shortcut twin against its residual twin', () => {
  const twin = diffOf('inception-resnet-v2-s-no-shortcuts');

  it('says the shortcut removed once per residual block, with its activation and scale, and nothing else', () => {
    expect(twin.differences.map((d) => [d.stage, d.detail])).toEqual([
      ['Inception-ResNet-A', { kind: 'shortcut-removed', activation: 'relu', scale: '0.17' }],
      ['Inception-ResNet-B', { kind: 'shortcut-removed', activation: 'relu', scale: '0.1' }],
      ['Inception-ResNet-C', { kind: 'shortcut-removed', activation: 'relu', scale: '0.2' }],
      ['Inception-ResNet-C', { kind: 'shortcut-removed', activation: 'linear', scale: '1' }],
    ]);
  });

  it('marks each residual block changed, in every repetition, and not its layers (the same weights)', () => {
    expect([...twin.released.keys()].sort()).toEqual([
      'inception-resnet-a',
      'inception-resnet-a/0',
      'inception-resnet-b',
      'inception-resnet-b/0',
      'inception-resnet-b/1',
      'inception-resnet-c',
      'inception-resnet-c-final',
      'inception-resnet-c/0',
    ]);
    expect([...twin.paper.keys()].sort()).toEqual([...twin.released.keys()].sort());
  });
});
