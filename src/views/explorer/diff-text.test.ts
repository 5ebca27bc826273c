import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { diffNetworks } from '../../model/analysis/diff.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { derivedDiffText, diffText } from '../i18n/diff.ts';
import type { DiffMessages } from '../i18n/en/diff.ts';
import { differenceText } from './diff-text.ts';

const texts = (id: 'inception-v4' | 'inception-resnet-v2') =>
  diffNetworks(analyzeNetwork(NETWORKS[id].paper!), analyzeNetwork(NETWORKS[id].released!)).differences.map((d) =>
    differenceText(d),
  );

describe('the paper-vs-released differences in words', () => {
  const v2 = texts('inception-resnet-v2');

  it("says what was added to the released Inception-ResNet-v2, with shapes and the blocks' notes", () => {
    expect(v2).toContain('Stem: outputs 35×35×384 in the paper, 35×35×192 released.');
    expect(v2.find((t) => t.startsWith('Mixed_5b'))).toContain('widens the released stem to 320 channels');
    expect(
      v2.find((t) =>
        t.startsWith('Inception-ResNet-C no. 10 of 10, a separate stage, is not in the paper (output 8×8×2080).'),
      ),
    ).toContain('no ReLU after the addition');
    expect(v2).toContain('Conv2d_7b_1x1 (1×1 conv, 1536) is not in the paper (output 8×8×1536).');
    expect(v2).toContain(
      'Reduction-A: the same layers, but its input differs, so it outputs 17×17×1152 in the paper and 17×17×1088 released.',
    );
  });

  it('says the repeats, the projection widths and the residual scales', () => {
    expect(v2).toEqual(
      expect.arrayContaining([
        'Inception-ResNet-A: 5 repetitions in the paper, 10 released.',
        'Inception-ResNet-B: 10 repetitions in the paper, 20 released.',
        'Inception-ResNet-C: 5 repetitions in the paper, 10 released (9 + 1 as separate stage).',
        'Inception-ResNet-A: 1×1 conv, 384, Linear in the paper, 1×1 conv, 320, Linear released.',
        'Inception-ResNet-B: 1×1 conv, 1154, Linear in the paper, 1×1 conv, 1088, Linear released.',
        'Inception-ResNet-C: 1×1 conv, 2048, Linear in the paper, 1×1 conv, 2080, Linear released.',
        'Inception-ResNet-A: residual scale ×0.1–0.3 in the paper, ×0.17 released.',
        'Inception-ResNet-B: residual scale ×0.1–0.3 in the paper, ×0.1 released.',
        'Inception-ResNet-C: residual scale ×0.1–0.3 in the paper, ×0.2 released.',
      ]),
    );
    expect(v2.find((t) => t.startsWith("Stem: the paper's"))).toMatch(
      /^Stem: the paper's .* replaced by .* in the released network\.$/,
    );
  });

  it('counts the last Inception-ResNet-C once: the 10 released are 9 repeated and 1 separate stage, not 10 and one more', () => {
    const c = v2.filter((t) => /Inception-ResNet-C\b.*(repetitions|separate stage)/.test(t));
    expect(c).toEqual([
      'Inception-ResNet-C: 5 repetitions in the paper, 10 released (9 + 1 as separate stage).',
      expect.stringMatching(
        /^Inception-ResNet-C no\. 10 of 10, a separate stage, is not in the paper \(output 8×8×2080\)\./,
      ),
    ]);
    expect(v2.join(' ')).not.toMatch(/one more/i);
  });

  it("names the paper's stem as Fig. 3 does: its filter concatenations, not the code's Mixed_3a…5a", () => {
    expect(v2).toContain(
      "Stem: the paper's Filter concat (73×73×160), Filter concat (71×71×192), Filter concat (35×35×384) replaced by " +
        '3×3 max pool, s2, V, 1×1 conv, 80, V, 3×3 conv, 192, V, 3×3 max pool, s2, V in the released network.',
    );
    expect(v2.filter((t) => t.includes('paper') && /Mixed_[345]a/.test(t))).toEqual([]);
  });

  it("puts a stage's asymmetric kernels in one sentence, and says a branch order is only drawn differently", () => {
    const v4 = texts('inception-v4');
    expect(v4).toContain(
      'Stem: asymmetric kernels in the other order (paper → released: 7×1 conv, 64 → 1×7 conv, 64; 1×7 conv, 64 → 7×1 conv, 64); same parameters.',
    );
    expect(v4.find((t) => t.startsWith('Inception-A:'))).toMatch(
      /^Inception-A: the branches are drawn in another order than the released code concatenates them \(paper: .+ \| .+; released: .+\); the weights follow the code's order\.$/,
    );
  });

  it('words each kind of difference, including those the released networks do not have', () => {
    const d = (detail: Parameters<typeof differenceText>[0]['detail']) =>
      differenceText({ mark: 'changed', aspect: 'layer', stage: 'X', cosmetic: false, detail });
    expect(d({ kind: 'stage-removed' })).toBe('X is not in the released network.');
    expect(d({ kind: 'activation', paper: 'relu', released: 'linear' })).toBe(
      'X: a ReLU after the addition in the paper, no activation released.',
    );
    expect(d({ kind: 'branch-removed', first: '3×3 max pool' })).toBe(
      'X: the branch starting with 3×3 max pool is not in the released network.',
    );
    expect(d({ kind: 'branch-added', first: '1×1 conv, 96' })).toBe(
      'X: the branch starting with 1×1 conv, 96 is not in the paper.',
    );
    expect(d({ kind: 'replaced', removed: [], added: ['1×1 conv, 8'] })).toBe(
      'X: nothing of the paper replaced by 1×1 conv, 8 in the released network.',
    );
    expect(d({ kind: 'repeats', paper: 4, released: 7, split: [4, 2, 1] })).toBe(
      'X: 4 repetitions in the paper, 7 released (4 + 2 + 1 as separate stages).',
    );
  });

  it("says each difference in 简体中文 too, keeping the paper's names and notation", () => {
    const differences = diffNetworks(
      analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!),
      analyzeNetwork(NETWORKS['inception-resnet-v2'].released!),
    ).differences;
    const zh = differences.map((d) => differenceText(d, diffText.zh));
    expect(zh).toContain('Stem：论文中输出 35×35×384，发布版输出 35×35×192。');
    expect(zh).toContain('Inception-ResNet-B：残差缩放系数论文中为 ×0.1–0.3，发布版为 ×0.1。');
    expect(zh).toContain('Inception-ResNet-C：论文中重复 5 次，发布版 10 次（9 + 1，后者为单独的阶段）。');
    expect(
      zh.find((t) => t.startsWith('10 个 Inception-ResNet-C 中的第 10 个（单独的阶段） 不在论文中（输出 8×8×2080）。')),
    ).toBeDefined();
    // Every sentence is worded in Chinese (no English sentence left), whatever its kind.
    for (const text of zh) expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).toHaveLength(differences.length);
  });
});

describe('the differences of a derived network in words, its sides named by their titles', () => {
  const en = derivedDiffText.en('Inception-ResNet-v2', 'Inception-ResNet-v2-S');
  const zh = derivedDiffText.zh('Inception-ResNet-v2', 'Inception-ResNet-v2-S');
  const d = (detail: Parameters<typeof differenceText>[0]['detail'], words: DiffMessages) =>
    differenceText({ mark: 'changed', aspect: 'network', stage: 'Inception-ResNet-A', cosmetic: false, detail }, words);

  it('says the input, the width (widest filter counts first, at most four), the classes and a removed shortcut', () => {
    expect(d({ kind: 'input', paper: [299, 299, 3], released: [64, 64, 3] }, en)).toBe(
      'Input: 299×299×3 in Inception-ResNet-v2, 64×64×3 in Inception-ResNet-v2-S; every grid after the stem is smaller.',
    );
    const examples = [
      [2080, 520],
      [1536, 384],
      [1088, 272],
      [384, 96],
      [320, 80],
    ] as const;
    expect(d({ kind: 'width', width: 0.25, examples }, en)).toBe(
      'Width ×0.25: every convolution has ×0.25 of its filters in ' +
        'Inception-ResNet-v2-S (2080 → 520, 1536 → 384, 1088 → 272, 384 → 96, …); the layers that differ only so are not marked.',
    );
    expect(d({ kind: 'width', width: 0.5, examples: [[384, 192]] }, en)).toContain('(384 → 192);');
    expect(d({ kind: 'classes', paper: 1000, released: 10 }, en)).toBe(
      'Inception-ResNet-A: 1000 classes in Inception-ResNet-v2, 10 in Inception-ResNet-v2-S.',
    );
    expect(d({ kind: 'shortcut-removed', activation: 'linear', scale: '1' }, en)).toBe(
      'Inception-ResNet-A: shortcut removed in Inception-ResNet-v2-S: each block computes r in place of x + 1·r, with the same layers and weights.',
    );
    expect(d({ kind: 'repeats', paper: 10, released: 2 }, en)).toBe(
      'Inception-ResNet-A: 10 repetitions in Inception-ResNet-v2, 2 in Inception-ResNet-v2-S.',
    );
  });

  it("adds a replaced stage's own note, and says it all in 简体中文 too", () => {
    expect(
      d(
        { kind: 'replaced', removed: ['3×3 conv, 32, s2, V'], added: ['3×3 conv, 8'], note: 'A small-input stem.' },
        en,
      ),
    ).toBe(
      "Inception-ResNet-A: Inception-ResNet-v2's 3×3 conv, 32, s2, V replaced by 3×3 conv, 8 in Inception-ResNet-v2-S. A small-input stem.",
    );
    expect(d({ kind: 'input', paper: [299, 299, 3], released: [32, 32, 3] }, zh)).toBe(
      '输入：Inception-ResNet-v2 中为 299×299×3，Inception-ResNet-v2-S 中为 32×32×3；stem 之后的每个网格都更小。',
    );
    expect(d({ kind: 'shortcut-removed', activation: 'relu', scale: '0.17' }, zh)).toBe(
      'Inception-ResNet-A：Inception-ResNet-v2-S 中去掉了捷径连接：每个块计算 ReLU(r)，而不是 ReLU(x + 0.17·r)；层和权重相同。',
    );
    expect(d({ kind: 'classes', paper: 1000, released: 10 }, zh)).toBe(
      'Inception-ResNet-A：Inception-ResNet-v2 中分 1000 类，Inception-ResNet-v2-S 中分 10 类。',
    );
    expect(d({ kind: 'stage-removed' }, zh)).toBe('Inception-ResNet-v2-S 中没有 Inception-ResNet-A。');
  });
});
