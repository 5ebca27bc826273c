import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { diffNetworks } from '../../model/analysis/diff.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { diffText } from '../i18n/diff.ts';
import { differenceText } from './diff-text.ts';

const texts = (id: 'inception-v4' | 'inception-resnet-v2') =>
  diffNetworks(analyzeNetwork(NETWORKS[id].paper!), analyzeNetwork(NETWORKS[id].released!)).differences.map((d) => differenceText(d));

describe('the paper-vs-released differences in words', () => {
  const v2 = texts('inception-resnet-v2');

  it('says what was added to the released Inception-ResNet-v2, with shapes and the blocks\' notes', () => {
    expect(v2).toContain('Stem: outputs 35×35×384 in the paper, 35×35×192 released.');
    expect(v2.find((t) => t.startsWith('Mixed_5b'))).toContain('widens the released stem to 320 channels');
    expect(v2.find((t) => t.startsWith('One more Inception-ResNet-C, after the 9'))).toContain('no ReLU after the addition');
    expect(v2).toContain('Conv2d_7b_1x1 (1×1 conv, 1536) is not in the paper (output 8×8×1536).');
    expect(v2).toContain('Reduction-A: the same layers, but its input differs, so it outputs 17×17×1152 in the paper and 17×17×1088 released.');
  });

  it('says the repeats, the projection widths and the residual scales', () => {
    expect(v2).toEqual(expect.arrayContaining([
      'Inception-ResNet-A: 5 repetitions in the paper, 10 released.',
      'Inception-ResNet-B: 10 repetitions in the paper, 20 released.',
      'Inception-ResNet-C: 5 repetitions in the paper, 10 released (9 + 1 as separate stage).',
      'Inception-ResNet-A: 1×1 conv, 384, Linear in the paper, 1×1 conv, 320, Linear released.',
      'Inception-ResNet-B: 1×1 conv, 1154, Linear in the paper, 1×1 conv, 1088, Linear released.',
      'Inception-ResNet-C: 1×1 conv, 2048, Linear in the paper, 1×1 conv, 2080, Linear released.',
      'Inception-ResNet-A: residual scale ×0.1–0.3 in the paper, ×0.17 released.',
      'Inception-ResNet-B: residual scale ×0.1–0.3 in the paper, ×0.1 released.',
      'Inception-ResNet-C: residual scale ×0.1–0.3 in the paper, ×0.2 released.',
    ]));
    expect(v2.find((t) => t.startsWith('Stem: the paper\'s'))).toMatch(/^Stem: the paper's .* replaced by .* in the released network\.$/);
  });

  it('puts a stage\'s asymmetric kernels in one sentence, and says a branch order is only drawn differently', () => {
    const v4 = texts('inception-v4');
    expect(v4).toContain('Stem: asymmetric kernels in the other order (paper → released: 7×1 conv, 64 → 1×7 conv, 64; 1×7 conv, 64 → 7×1 conv, 64); same parameters.');
    expect(v4.find((t) => t.startsWith('Inception-A:'))).toMatch(/^Inception-A: the branches are drawn in another order than the released code concatenates them \(paper: .+ \| .+; released: .+\); the weights follow the code's order\.$/);
  });

  it('words each kind of difference, including those the released networks do not have', () => {
    const d = (detail: Parameters<typeof differenceText>[0]['detail']) => differenceText({ mark: 'changed', aspect: 'layer', stage: 'X', cosmetic: false, detail });
    expect(d({ kind: 'stage-removed' })).toBe('X is not in the released network.');
    expect(d({ kind: 'activation', paper: 'relu', released: 'linear' })).toBe('X: a ReLU after the addition in the paper, no activation released.');
    expect(d({ kind: 'branch-removed', first: '3×3 max pool' })).toBe('X: the branch starting with 3×3 max pool is not in the released network.');
    expect(d({ kind: 'branch-added', first: '1×1 conv, 96' })).toBe('X: the branch starting with 1×1 conv, 96 is not in the paper.');
    expect(d({ kind: 'replaced', removed: [], added: ['1×1 conv, 8'] })).toBe('X: nothing of the paper replaced by 1×1 conv, 8 in the released network.');
    expect(d({ kind: 'repeats', paper: 4, released: 7, split: [4, 2, 1] })).toBe('X: 4 repetitions in the paper, 7 released (4 + 2 + 1 as separate stages).');
  });

  it('says each difference in 简体中文 too, keeping the paper\'s names and notation', () => {
    const differences = diffNetworks(analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!), analyzeNetwork(NETWORKS['inception-resnet-v2'].released!)).differences;
    const zh = differences.map((d) => differenceText(d, diffText.zh));
    expect(zh).toContain('Stem：论文中输出 35×35×384，发布版输出 35×35×192。');
    expect(zh).toContain('Inception-ResNet-B：残差缩放系数论文中为 ×0.1–0.3，发布版为 ×0.1。');
    expect(zh).toContain('Inception-ResNet-C：论文中重复 5 次，发布版 10 次（9 + 1，后者为单独的阶段）。');
    // Every sentence is worded in Chinese (no English sentence left), whatever its kind.
    for (const text of zh) expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).toHaveLength(differences.length);
  });
});
