import type { TrainedMessages } from '../en/trained.ts';

export const trained: TrainedMessages = {
  heading: '你训练的网络',
  lede:
    '在实验室中（或用 `inception-explorer train --save`）训练的网络是一个 .safetensors 文件，含有它的定义、类别名和权重。' +
    '打开它即可绘出结构、用它给照片分类、查看它的内部。文件只保存在此浏览器中。',
  open: '打开训练好的网络（.safetensors）',
  openLabel: '打开训练好的网络文件（.safetensors）',
  opening: (name) => `正在打开 ${name}…`,
  none: '还没有打开任何网络。',
  notKept: '此浏览器在重新加载后不会保留它们（这里没有 IndexedDB）。',
  title: (network) => `${network}（已训练）`,
  summary: (data, epochs, steps, testError) =>
    `${data} 数据 · ${epochs} 轮（${steps} 步）${testError === undefined ? '' : ` · 留出集错误率 ${testError}`}`,
  classes: (names) => `${names.length} 个类别：${names.join('、')}`,
  trainedNetwork: '训练好的网络',
  file: (name) => `来自 ${name}`,
  explore: '在浏览器中查看结构',
  exploreLabel: (title) => `在浏览器中查看结构：${title}`,
  classify: '给照片分类',
  classifyLabel: (title) => `用 ${title} 给照片分类`,
  lookInside: '查看内部',
  lookInsideLabel: (title) => `用照片查看 ${title} 的内部`,
  lookInsideHint: '用工具栏中的“照片”附上一张照片，看看每一层如何处理它。',
  forget: '忘记',
  forgetLabel: (title) => `在此浏览器中忘记 ${title}`,
  notFound: (id) => `此浏览器中没有打开名为 ${id} 的训练网络。请先在首页（或实验室中）打开它的 .safetensors 文件。`,
  back: '所有网络',
  loading: '正在 worker 中加载…',
  ready: (backend, classes, size) =>
    `已在 ${backend} 上就绪：${classes} 个类别，输入 ${size}×${size}（照片中央部分，按训练时的方式缩放）。` +
    '它只看一个中央裁剪：12 和 144 裁剪及集成是论文在 ImageNet 上的评估方式，不包括它；ImageNet 错误率（/evaluate）也不适用于它。',
  close: '停止用它分类',
  failed: (message) => `无法打开：${message}`,
};
