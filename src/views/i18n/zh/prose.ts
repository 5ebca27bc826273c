/**
 * The model's prose in Chinese. The definitions write it in English (the CLI and the files carry it);
 * each note and source the networks have is recognised here, its numbers kept, and said in Chinese.
 * Prose this does not know (a trained file from a later version) stays English rather than be lost.
 * `prose.test.ts` holds every note and source of every network and small preset to this.
 */
import type { ProseMessages } from '../en/prose.ts';

type Rule = [RegExp, (...groups: string[]) => string];

const NOTES: readonly Rule[] = [
  [
    /^The last Block8: residual scale 1\.0 and no ReLU after the addition\.$/,
    () => '最后一个 Block8：残差缩放为 1.0，相加之后没有 ReLU。',
  ],
  [/^Logits; the softmax is applied when classifying\.$/, () => 'Logits；softmax 在分类时才应用。'],
  [
    /^Three convolutions, then three filter concatenations that reduce 147×147 to 35×35\.$/,
    () => '三个卷积，然后是三个滤波器拼接，把 147×147 缩小到 35×35。',
  ],
  [
    /^The released stem differs from Fig\. 3: a v1-like stem \(Fig\. 14\) ending at 35×35×192, followed by Mixed_5b\.$/,
    () => '发布版的 Stem 与图 3 不同：它是类似 v1 的 Stem（图 14），止于 35×35×192，之后是 Mixed_5b。',
  ],
  [
    /^Not in the paper: an Inception-v3-style block that widens the released stem to (\d+) channels\.$/,
    (c) => `论文中没有：一个 Inception-v3 风格的模块，把发布版的 Stem 加宽到 ${c} 个通道。`,
  ],
  [
    /^A small-input stem in place of the 299×299 one: the released stem's first three convolutions, "same"-padded, (the first one with stride 2 \(64×64 → 32×32\)|all stride 1 \(no reduction\)), the last one widened to the released stem's (\d+) channels × ([\d.]+)\.$/,
    (reduction, c, w) =>
      `小输入的 Stem，取代 299×299 的那个：发布版 Stem 的前三个卷积，“same” 填充，` +
      `${reduction.startsWith('the first') ? '第一个步长为 2（64×64 → 32×32）' : '全部步长为 1（不缩小）'}，` +
      `最后一个加宽到发布版 Stem 的 ${c} 个通道 × ${w}。`,
  ],
  [
    /^Shortcut removed: act\(r\) in place of act\(x \+ s·r\) \((act = ReLU|act is the identity: this block has no ReLU after its addition)\); same weights and multiply-adds\.$/,
    (act) =>
      `去掉了捷径：以 act(r) 代替 act(x + s·r)（${act === 'act = ReLU' ? 'act = ReLU' : 'act 为恒等映射：此模块相加之后没有 ReLU'}）；` +
      '权重与乘加次数不变。',
  ],
];

const SOURCES: readonly Rule[] = [
  [
    /^timm (\S+) \(port of TF-slim (\S+)\), (\d+) classes$/,
    (model, file, classes) => `timm ${model}（移植自 TF-slim ${file}），${classes} 类`,
  ],
  [/^Szegedy et al\. 2016, Figs\. (.+) and Table 1$/, (figures) => `Szegedy 等，2016，图 ${figures} 与表 1`],
  [
    /^Derived from the released (.+?) \((.+?)\): width ×([\d.]+), repeats (\S+) of the A\/B\/C blocks, a (\d+)×\d+ input stem, (\d+) classes(?:, every residual scaled by ([\d.]+))?(, shortcuts removed \(each residual block computes act\(r\)\))?\.$/,
    (title, source, width, repeats, size, classes, scale, noShortcuts) =>
      `由发布版 ${title}（${source}）派生：宽度 ×${width}，` +
      `A/B/C 模块各重复 ${repeats} 次，${size}×${size} 输入的 Stem，${classes} 类` +
      `${scale ? `，每个残差缩放 ${scale}` : ''}${noShortcuts ? '，去掉了捷径（每个残差模块计算 act(r)）' : ''}。`,
  ],
];

function say(rules: readonly Rule[], english: string): string {
  for (const [pattern, words] of rules) {
    const match = pattern.exec(english);
    if (match) return words(...match.slice(1).map((g) => g ?? ''));
  }
  return english;
}

export const prose: ProseMessages = {
  blockNote: (english) => say(NOTES, english),
  networkSource: (english) => say(SOURCES, english),
};
