import type { DiffMessages } from '../en/diff.ts';

const activation = (a: 'relu' | 'linear') => (a === 'relu' ? '有 ReLU' : '无激活函数');

export const diff: DiffMessages = {
  stageRemoved: (stage) => `发布版网络中没有 ${stage}。`,
  oneMore: (stage, before) => `在前 ${before} 个之后多出的一个 ${stage}`,
  stageAdded: (what, output) => `${what} 不在论文中（输出 ${output}）。`,
  split: (first, extra) => `（${first} + ${extra.join(' + ')}，后者为单独的阶段）`,
  repeats: (stage, paper, released, split) => `${stage}：论文中重复 ${paper} 次，发布版 ${released} 次${split}。`,
  outputSameLayers: (stage, paper, released) => `${stage}：层相同，但输入不同，因此论文中输出 ${paper}，发布版输出 ${released}。`,
  output: (stage, paper, released) => `${stage}：论文中输出 ${paper}，发布版输出 ${released}。`,
  layer: (stage, paper, released) => `${stage}：论文中为 ${paper}，发布版为 ${released}。`,
  kernelOrder: (stage, pairs) => `${stage}：非对称卷积核的顺序相反（论文 → 发布版：${pairs.join('；')}）；参数量相同。`,
  residualScale: (stage, paper, released) => `${stage}：残差缩放系数论文中为 ${paper}，发布版为 ${released}。`,
  activation: (stage, paper, released) => `${stage}：相加之后论文中${activation(paper)}，发布版${activation(released)}。`,
  branchRemoved: (stage, first) => `${stage}：以 ${first} 开头的分支不在发布版网络中。`,
  branchAdded: (stage, first) => `${stage}：以 ${first} 开头的分支不在论文中。`,
  branchOrder: (stage, paper, released) =>
    `${stage}：分支的绘制顺序与发布代码拼接它们的顺序不同（论文：${paper}；发布版：${released}）；权重按代码的顺序排列。`,
  replaced: (stage, removed, added) =>
    `${stage}：${removed.length ? `论文中的 ${removed.join('、')}` : '论文中没有对应的层，'}在发布版网络中被替换为 ${added.length ? added.join('、') : '空'}。`,
};
