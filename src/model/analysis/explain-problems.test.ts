import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../networks/index.ts';
import { analyzeNetwork } from './analyze.ts';
import { explainProblems } from './explain-problems.ts';

const analysis = (id: 'inception-v4' | 'inception-resnet-v2', variant: 'paper' | 'released') => analyzeNetwork(NETWORKS[id][variant]!);

describe('explainProblems', () => {
  const paper = analysis('inception-resnet-v2', 'paper');
  it('explains 1152 vs 1154 and 2146 vs 2048 from the numbers, with the released widths', () => {
    const [b, c] = explainProblems(paper, analysis('inception-resnet-v2', 'released'));
    expect(b).toMatchObject({ address: 'inception-resnet-b/0', title: '1152 vs 1154 channels' });
    expect(b.explanation).toContain('Inception-ResNet-B (Fig. 17) adds its input to the output of its Linear 1×1 projection');
    expect(b.explanation).toContain('the output of Reduction-A (384 + 384 + 384 = 1152), but the projection has 1154 filters, 2 more');
    expect(b.explanation).toContain('its Reduction-A outputs 384 + 384 + 320 = 1088 channels and its Inception-ResNet-B projects to 1088');
    expect(c).toMatchObject({ address: 'inception-resnet-c/0', title: '2146 vs 2048 channels' });
    expect(c.explanation).toContain('Reduction-B (1154 + 384 + 288 + 320 = 2146), but the projection has 2048 filters, 98 fewer');
    expect(c.explanation).toContain('outputs 384 + 288 + 320 + 1088 = 2080 channels');
  });

  it('explains without the released sentence when no released analysis is given; nothing for a sound network', () => {
    expect(explainProblems(paper)[0].explanation).not.toContain('released network');
    expect(explainProblems(analysis('inception-v4', 'paper'))).toEqual([]);
  });
});
