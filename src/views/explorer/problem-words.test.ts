import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { explainProblems } from '../../model/analysis/explain-problems.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { explorerText } from '../i18n/explorer.ts';
import { problemWords } from './problem-words.ts';

const paper = analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!);
const released = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const [b] = explainProblems(paper, released);

describe('a shape problem in words', () => {
  it('says 1152 vs 1154 in English, with where the numbers come from and what the released network has', () => {
    const words = problemWords(b, explorerText.en);
    expect(words).toMatchObject({ address: 'inception-resnet-b/0', title: '1152 vs 1154 channels' });
    expect(words.explanation).toBe(
      'Inception-ResNet-B (Fig. 17) adds its input to the output of its Linear 1×1 projection, ' +
        'so both must have the same number of channels. Its input has 1152, the output of Reduction-A (384 + 384 + 384 = 1152), ' +
        "but the projection has 1154 filters, 2 more. The paper's figures do not add up here, so this variant cannot be built " +
        "exactly as drawn; the explorer carries on with the projection's 1154 channels to show the rest of the network. " +
        "The released network's widths agree: its Reduction-A outputs 384 + 384 + 320 = 1088 channels and its " +
        'Inception-ResNet-B projects to 1088.',
    );
  });

  it('says it in Chinese, with Chinese punctuation and no English left', () => {
    const words = problemWords(b, explorerText.zh);
    expect(words.title).toBe('1152 与 1154 个通道');
    expect(words.explanation).toContain('Inception-ResNet-B（图 17）把输入与其线性 1×1 投影的输出相加');
    expect(words.explanation).toContain(
      '即 Reduction-A 的输出（384 + 384 + 384 = 1152），但投影有 1154 个滤波器，多 2 个。',
    );
    expect(words.explanation).toContain('它的 Reduction-A 输出 384 + 384 + 320 = 1088 个通道');
    // Only block names (the paper's own) are in Latin letters.
    expect(words.explanation.replace(/Inception-ResNet-B|Reduction-A/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  });
});
