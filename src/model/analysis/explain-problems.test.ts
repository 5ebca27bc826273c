import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../networks/index.ts';
import { analyzeNetwork } from './analyze.ts';
import { explainProblems } from './explain-problems.ts';

const analysis = (id: 'inception-v4' | 'inception-resnet-v2', variant: 'paper' | 'released') =>
  analyzeNetwork(NETWORKS[id][variant]!);

describe('explainProblems', () => {
  const paper = analysis('inception-resnet-v2', 'paper');
  it('finds 1152 vs 1154 and 2146 vs 2048 from the numbers, with where they come from and the released widths', () => {
    const [b, c] = explainProblems(paper, analysis('inception-resnet-v2', 'released'));
    expect(b).toMatchObject({
      address: 'inception-resnet-b/0',
      kind: 'residual-width',
      block: 'Inception-ResNet-B',
      figure: 17,
      input: 1152,
      projection: 1154,
      from: { name: 'Reduction-A', width: 1152, sum: '384 + 384 + 384 = 1152' },
      released: { from: { name: 'Reduction-A', sum: '384 + 384 + 320 = 1088' }, projection: 1088 },
    });
    expect(c).toMatchObject({
      address: 'inception-resnet-c/0',
      input: 2146,
      projection: 2048,
      from: { name: 'Reduction-B', sum: '1154 + 384 + 288 + 320 = 2146' },
      released: { from: { sum: '384 + 288 + 320 + 1088 = 2080' } },
    });
  });

  it('has no released widths when no released analysis is given; nothing for a sound network', () => {
    expect(explainProblems(paper)[0]).not.toHaveProperty('released');
    expect(explainProblems(analysis('inception-v4', 'paper'))).toEqual([]);
  });
});
