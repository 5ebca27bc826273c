import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../networks/index.ts';
import { analyzeNetwork } from './analyze.ts';
import { nodeLabel } from './labels.ts';
import { parseQuery, searchNodes, stepMatch } from './search.ts';

const irv2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const v4 = analyzeNetwork(NETWORKS['inception-v4'].released!);
const blockB = irv2.byAddress.get('inception-resnet-b/0')!;

const labels = (roots = [blockB], query: string) => searchNodes(roots, query).matches.map((m) => nodeLabel(m.node));
const addresses = (roots = [blockB], query: string) => searchNodes(roots, query).matches.map((m) => m.address);

describe('parseQuery', () => {
  it('reads sizes written with x, × or * and spaces as one term', () => {
    for (const q of ['7x1', '7×1', '7 x 1', '7 * 1', '7X1']) {
      expect(parseQuery(q)).toMatchObject([{ kind: 'grid', height: 7, width: 1 }]);
    }
    expect(parseQuery('17x17x1088')).toMatchObject([{ kind: 'shape', shape: [17, 17, 1088] }]);
  });

  it('tells numbers, strides, kind words and free text apart', () => {
    expect(parseQuery(' 160 s2 max Block17 ').map((t) => t.kind)).toEqual(['number', 'stride', 'layer', 'text']);
    expect(parseQuery('max 3').map((t) => t.text)).toEqual(['max', '3']);
    expect(parseQuery('   ')).toEqual([]);
  });
});

describe('searchNodes in Inception-ResNet-B (released)', () => {
  it('finds the 7×1 conv by kernel, in any spelling', () => {
    expect(labels([blockB], '7x1')).toEqual(['7×1 conv, 192']);
    expect(labels([blockB], '7 × 1')).toEqual(['7×1 conv, 192']);
    expect(addresses([blockB], '1x7')).toEqual(['inception-resnet-b/0/0/0/1/1']);
  });

  it('finds every layer producing a 17×17 grid, in drawing order', () => {
    expect(labels([blockB], '17x17')).toEqual([
      '1×1 conv, 192',
      '1×1 conv, 128',
      '1×7 conv, 160',
      '7×1 conv, 192',
      '1×1 conv, 1088, Linear',
    ]);
    expect(labels([blockB], '17x17x160')).toEqual(['1×7 conv, 160']);
  });

  it('combines terms with AND', () => {
    expect(labels([blockB], 'conv 192')).toEqual(['1×1 conv, 192', '7×1 conv, 192']);
    expect(labels([blockB], '1x1 192')).toEqual(['1×1 conv, 192']);
    expect(labels([blockB], 'linear')).toEqual(['1×1 conv, 1088, Linear']);
    expect(labels([blockB], '7x1 160')).toEqual([]);
  });

  it('finds blocks by paper name, released name and checkpoint key', () => {
    expect(addresses([blockB], 'Inception-ResNet-B')).toEqual(['inception-resnet-b/0']);
    expect(addresses([blockB], 'block17')).toEqual(['inception-resnet-b/0']);
    expect(addresses([blockB], 'repeat_1.0.branch1.1')).toEqual(['inception-resnet-b/0/0/0/1/1']);
  });

  it('matches nothing for an empty query or an absent size', () => {
    expect(searchNodes([blockB], '').matches).toEqual([]);
    expect(searchNodes([blockB], '5x5').matches).toEqual([]);
  });
});

describe('searchNodes over whole networks', () => {
  it('finds the 7×1 convs of Inception-ResNet-v2: one per Block17 repetition', () => {
    const found = searchNodes(irv2.stages, '7x1').matches;
    expect(found).toHaveLength(20);
    expect(found.every((m) => m.address.startsWith('inception-resnet-b/'))).toBe(true);
    expect(found.map((m) => m.output.join('×'))).toEqual(Array(20).fill('17×17×192'));
  });

  it('scopes layer terms by a block name: only the 1×7 convs inside Reduction-B of Inception-v4', () => {
    const all = searchNodes(v4.stages, '1x7').matches;
    const scoped = searchNodes(v4.stages, 'reduction-b 1x7').matches;
    // 1×7 convs: 1 in the stem, 3 in each of the 7 Inception-Bs, 1 in Reduction-B.
    expect(all).toHaveLength(23);
    expect(scoped.map((m) => m.address)).toEqual(['reduction-b/1/1']);
    expect(scoped[0].output).toEqual([17, 17, 256]);
  });

  it('finds max pools by kind words and stride', () => {
    const pools = searchNodes(v4.stages, 'max pool s2').matches;
    // Stem (2), Reduction-A, Reduction-B.
    expect(pools.map((m) => m.address)).toEqual(['stem/3/0', 'stem/5/1', 'reduction-a/2', 'reduction-b/2']);
  });

  it('never returns a repeat itself', () => {
    const found = searchNodes(irv2.stages, 'Inception-ResNet-A').matches;
    expect(found).toHaveLength(10);
    expect(found.every((m) => m.node.kind === 'residual')).toBe(true);
  });
});

describe('stepMatch', () => {
  it('walks forward and backward, wrapping', () => {
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, -1, -1)).toBe(2);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(3, 1, 1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});
