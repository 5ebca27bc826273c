import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../networks/index.ts';
import { analyzeNetwork } from './analyze.ts';
import { diffNetworks } from './diff.ts';

const analysis = (id: 'inception-v4' | 'inception-resnet-v2', variant: 'paper' | 'released') =>
  analyzeNetwork(NETWORKS[id][variant]!);
const v2 = diffNetworks(analysis('inception-resnet-v2', 'paper'), analysis('inception-resnet-v2', 'released'));
const v4 = diffNetworks(analysis('inception-v4', 'paper'), analysis('inception-v4', 'released'));
const of = (d: typeof v2, stage: string, kind: string) =>
  d.differences.filter((x) => x.stage === stage && x.detail.kind === kind).map((x) => x.detail);

describe('diffNetworks: Inception-ResNet-v2, paper vs released', () => {
  it('marks the stem changed, Mixed_5b, the last Block8 and Conv2d_7b added', () => {
    expect(v2.paper.get('stem')).toBe('changed');
    expect(v2.released.get('stem')).toBe('changed');
    for (const stage of ['mixed-5b', 'inception-resnet-c-final', 'conv2d-7b-1x1'])
      expect(v2.released.get(stage), stage).toBe('added');
    expect(v2.released.get('mixed-5b/1/1')).toBe('added');
    expect(v2.released.get('inception-resnet-c-final/0/1')).toBe('added');
    expect(of(v2, 'Stem', 'output-shape')).toEqual([
      { kind: 'output-shape', paper: [35, 35, 384], released: [35, 35, 192], sameLayers: false },
    ]);
    expect(of(v2, 'Mixed_5b', 'stage-added')).toEqual([
      expect.objectContaining({ note: expect.stringContaining('widens the released stem to 320 channels') }),
    ]);
    expect(of(v2, 'Inception-ResNet-C', 'stage-added')).toEqual([
      expect.objectContaining({ position: 10, total: 10, note: expect.stringContaining('no ReLU after the addition') }),
    ]);
    expect(of(v2, 'Conv2d_7b_1x1', 'stage-added')).toEqual([
      { kind: 'stage-added', output: [8, 8, 1536], layer: '1×1 conv, 1536' },
    ]);
  });

  it("aligns the stems layer by layer: the shared convolutions unmarked, Fig. 3's concatenations removed, the pools and 1×1/3×3 added", () => {
    for (const i of [0, 1, 2]) {
      expect(v2.paper.has(`stem/${i}`)).toBe(false);
      expect(v2.released.has(`stem/${i}`)).toBe(false);
    }
    expect(v2.paper.get('stem/3')).toBe('removed');
    expect(v2.paper.get('stem/4/1/2')).toBe('removed');
    expect(['stem/3', 'stem/4', 'stem/5', 'stem/6'].map((a) => v2.released.get(a))).toEqual([
      'added',
      'added',
      'added',
      'added',
    ]);
  });

  it('lists the repeats 5/10/5 vs 10/20/10, the projection widths and the residual scales', () => {
    expect(of(v2, 'Inception-ResNet-A', 'repeats')).toEqual([{ kind: 'repeats', paper: 5, released: 10 }]);
    expect(of(v2, 'Inception-ResNet-B', 'repeats')).toEqual([{ kind: 'repeats', paper: 10, released: 20 }]);
    expect(of(v2, 'Inception-ResNet-C', 'repeats')).toEqual([
      { kind: 'repeats', paper: 5, released: 10, split: [9, 1] },
    ]);
    expect(of(v2, 'Inception-ResNet-A', 'layer')).toContainEqual({
      kind: 'layer',
      paper: '1×1 conv, 384, Linear',
      released: '1×1 conv, 320, Linear',
    });
    expect(of(v2, 'Inception-ResNet-B', 'layer')).toContainEqual({
      kind: 'layer',
      paper: '1×1 conv, 1154, Linear',
      released: '1×1 conv, 1088, Linear',
    });
    expect(of(v2, 'Inception-ResNet-C', 'layer')).toContainEqual({
      kind: 'layer',
      paper: '1×1 conv, 2048, Linear',
      released: '1×1 conv, 2080, Linear',
    });
    expect(['A', 'B', 'C'].map((x) => of(v2, `Inception-ResNet-${x}`, 'residual-scale'))).toEqual([
      [{ kind: 'residual-scale', paper: '×0.1–0.3', released: '×0.17' }],
      [{ kind: 'residual-scale', paper: '×0.1–0.3', released: '×0.1' }],
      [{ kind: 'residual-scale', paper: '×0.1–0.3', released: '×0.2' }],
    ]);
  });

  it('marks a change inside a repeated block in every repetition, and lists it once', () => {
    for (let i = 0; i < 10; i++) expect(v2.paper.get(`inception-resnet-b/${i}/0/1`)).toBe('changed');
    for (let i = 0; i < 20; i++) expect(v2.released.get(`inception-resnet-b/${i}/0/1`)).toBe('changed');
    expect(v2.released.get('inception-resnet-b/19')).toBe('changed');
    expect(v2.released.get('inception-resnet-b/3/0/0/1/1')).toBeUndefined();
    expect(
      v2.differences.filter((d) => d.detail.kind === 'layer' && d.detail.paper.includes('1154, Linear')),
    ).toHaveLength(1);
  });

  it('marks Reduction-A and Reduction-B changed as listed (same layers, other widths), says why, and calls their branch order cosmetic', () => {
    for (const stage of ['reduction-a', 'reduction-b']) {
      expect(v2.paper.get(stage)).toBe('changed');
      expect(v2.released.get(stage)).toBe('changed');
      // Their layers themselves are the same: nothing inside is marked.
      expect([...v2.released.keys()].filter((a) => a.startsWith(`${stage}/`))).toEqual([]);
    }
    expect(of(v2, 'Reduction-A', 'output-shape')).toEqual([
      { kind: 'output-shape', paper: [17, 17, 1152], released: [17, 17, 1088], sameLayers: true },
    ]);
    const order = v2.differences.find((d) => d.stage === 'Reduction-A' && d.aspect === 'branch-order');
    expect(order?.cosmetic).toBe(true);
  });
});

describe('diffNetworks: Inception-v4, paper vs released', () => {
  it('finds only the asymmetric-kernel orders as real differences; branch orders are cosmetic', () => {
    const real = v4.differences.filter((d) => !d.cosmetic);
    expect(real.map((d) => `${d.aspect} ${d.stage}`)).toEqual([
      'kernel-order Stem',
      'kernel-order Inception-B',
      'kernel-order Inception-C',
    ]);
    expect(real[0].detail).toEqual({
      kind: 'kernel-order',
      pairs: [
        { paper: '7×1 conv, 64', released: '1×7 conv, 64' },
        { paper: '1×7 conv, 64', released: '7×1 conv, 64' },
      ],
    });
    expect(v4.differences.filter((d) => d.cosmetic).map((d) => d.stage)).toEqual([
      'Inception-A',
      'Reduction-A',
      'Inception-B',
      'Reduction-B',
      'Inception-C',
    ]);
    expect([...v4.paper.values(), ...v4.released.values()].every((m) => m === 'changed')).toBe(true);
    expect(v4.paper.has('inception-a')).toBe(false);
  });

  it("matches branches by content, not index: Inception-B's long branch is 4th in the paper and 3rd released", () => {
    expect(v4.paper.get('inception-b/0/3/1')).toBe('changed');
    expect(v4.released.get('inception-b/0/2/1')).toBe('changed');
    expect(v4.paper.has('inception-b/0/1')).toBe(false); // the 1×1 (384) branch, 1st released
    expect(v4.released.has('inception-b/0/0')).toBe(false);
    expect(v4.released.has('inception-b/0/1/1')).toBe(false); // 1×1 → 1×7 → 7×1 in both
  });
});

describe('diffNetworks of a network with itself', () => {
  it('finds nothing', () => {
    const d = diffNetworks(analysis('inception-v4', 'released'), analysis('inception-v4', 'released'));
    expect([d.paper.size, d.released.size, d.differences.length]).toEqual([0, 0, 0]);
  });
});
