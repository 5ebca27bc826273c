import type { FeatvisMessages } from '../en/featvis.ts';

/** `en/featvis.ts` in 简体中文. */
export const featvis: FeatvisMessages = {
  heading: '这个通道对什么有响应',
  note: '对输入做梯度上升（Olah 等，2017）：从一个带种子的起点出发，每一步把网络运行到这一层再反向传播，并改变图像（在去相关的傅里叶空间中，每步随机平移、缩放和少许旋转后再看）以提高该通道的均值。',
  steps: '步数',
  start: (channel) => `可视化通道 ${channel}`,
  cancel: '取消',
  cancelled: '已取消。',
  failed: (message) => `可视化失败：${message}`,
  waiting: '正在等待网络…',
  progress: (step, steps, activation, seconds) =>
    `第 ${step} / ${steps} 步 · 通道均值 ${activation} · 每步 ${seconds} 秒`,
  imageAlt: (channel, step, steps) => `提高通道 ${channel} 的图像，第 ${step} / ${steps} 步之后`,
  done: (channel, from, to, steps, seconds, backend) =>
    `通道 ${channel} 的均值在 ${steps} 步内从 ${from} 升到 ${to}（在 ${backend} 上每步 ${seconds} 秒）。`,
  cached: ' 取自本浏览器保存的先前结果（相同的权重、步数和种子）。',
  again: '换一个种子再来',
  seed: (seed) => `种子 ${seed}`,
};
