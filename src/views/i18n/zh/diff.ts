import { prose } from './prose.ts';
import type { DiffMessages, DiffSide, DiffSides } from '../en/diff.ts';

const activation = (a: 'relu' | 'linear') => (a === 'relu' ? '有 ReLU' : '无激活函数');

/** The sentences of `en/diff.ts` in 简体中文, for a comparison whose sides are named so. */
function diffSentences({ from, to }: DiffSides): DiffMessages {
  return {
    blockNote: prose.blockNote,
    stageRemoved: (stage) => `${to.name}中没有 ${stage}。`.trimStart(),
    separateRepeat: (stage, position, total) => `${total} 个 ${stage} 中的第 ${position} 个（单独的阶段）`,
    stageAdded: (what, output) => `${what} 不在${from.name}中（输出 ${output}）。`,
    split: (first, extra) => `（${first} + ${extra.join(' + ')}，后者为单独的阶段）`,
    repeats: (stage, a, b, split) => `${stage}：${from.at}重复 ${a} 次，${to.at} ${b} 次${split}。`,
    outputSameLayers: (stage, a, b) => `${stage}：层相同，但输入不同，因此${from.at}输出 ${a}，${to.at}输出 ${b}。`,
    output: (stage, a, b) => `${stage}：${from.at}输出 ${a}，${to.at}输出 ${b}。`,
    layer: (stage, a, b) => `${stage}：${from.at}为 ${a}，${to.at}为 ${b}。`,
    kernelOrder: (stage, pairs) =>
      `${stage}：非对称卷积核的顺序相反（${from.short} → ${to.short}：${pairs.join('；')}）；参数量相同。`,
    residualScale: (stage, a, b) => `${stage}：残差缩放系数${from.at}为 ${a}，${to.at}为 ${b}。`,
    activation: (stage, a, b) => `${stage}：相加之后${from.at}${activation(a)}，${to.at}${activation(b)}。`,
    branchRemoved: (stage, first) => `${stage}：以 ${first} 开头的分支不在${to.name}中。`,
    branchAdded: (stage, first) => `${stage}：以 ${first} 开头的分支不在${from.name}中。`,
    branchOrder: (stage, a, b) =>
      `${stage}：分支的绘制顺序与发布代码拼接它们的顺序不同（${from.short}：${a}；${to.short}：${b}）；权重按代码的顺序排列。`,
    replaced: (stage, removed, added) =>
      `${stage}：${removed.length ? `${from.possessive} ${removed.join('、')}` : `${from.at}没有对应的层，`}在${to.name}中被替换为 ${added.length ? added.join('、') : '空'}。`,
    input: (a, b) => `输入：${from.at}为 ${a}，${to.at}为 ${b}；stem 之后的每个网格都更小。`,
    width: (width, examples) =>
      `宽度 ${width}：${to.at}每个卷积的滤波器数为原来的 ${width}（${examples.join('，')}）；仅在这一点上不同的层不作标记。`,
    classes: (stage, a, b) => `${stage}：${from.at}分 ${a} 类，${to.at}分 ${b} 类。`,
    shortcutRemoved: (stage, act, scale) => {
      const [without, withShortcut] = act === 'relu' ? ['ReLU(r)', `ReLU(x + ${scale}·r)`] : ['r', `x + ${scale}·r`];
      return `${stage}：${to.at}去掉了捷径连接：每个块计算 ${without}，而不是 ${withShortcut}；层和权重相同。`;
    },
  };
}

/** The paper's form of a network against its released form. */
export const diff: DiffMessages = diffSentences({
  from: { at: '论文中', name: '论文', short: '论文', possessive: '论文中的' },
  to: { at: '发布版', name: '发布版网络', short: '发布版', possessive: '发布版网络中的' },
});

/** A network against another derived from it, both named by their titles. */
export function derivedDiff(from: string, to: string): DiffMessages {
  const side = (title: string): DiffSide => ({
    at: `${title} 中`,
    name: ` ${title} `,
    short: title,
    possessive: `${title} 中的`,
  });
  return diffSentences({ from: side(from), to: side(to) });
}
