import type { DashboardsMessages } from '../en/dashboards.ts';

export const dashboards: DashboardsMessages = {
  heading: '校准与混淆',
  intro: ['对于 ', '：top-1 概率有多可信，每个类别被误认为什么，以及每张已评估的图片。'],
  ece: (ece, bins, images) => `期望校准误差（ECE）：${ece}，按 top-1 概率分为 ${bins} 个等宽区间（${images} 张图片）。`,
  meanFigures: (confidence, accuracy) => `平均 top-1 概率 ${confidence}，top-1 准确率 ${accuracy}。`,
  reliability: {
    title: '可靠性图',
    label: (ece, bins) => `可靠性图：${bins} 个区间中 top-1 准确率与 top-1 概率的对照；ECE ${ece}`,
    axes: 'Top-1 概率 →，top-1 准确率 ↑；n：每个区间的图片数',
    countMark: 'n',
    bar: (low, high, count, accuracy, confidence) =>
      `${low}–${high}：${count} 张图片，平均 top-1 概率 ${confidence} 时正确率 ${accuracy}`,
    legendAccuracy: '区间的准确率',
    legendGap: '与其平均概率的差距',
    legendDiagonal: '完美校准',
  },
  confusion: {
    title: '数据集中各类别之间的混淆',
    matrixIntro:
      '行：真实类别；列：其图片被认作的类别（top-1），最后一列为不在数据集中的任何类别。单元格的深浅表示它在该行中所占的比例；指向它可查看数量。',
    label: (classes) => `${classes} 个类别的混淆矩阵；最常见的混淆列在其下方`,
    cell: (label, predicted, count, images) => `${label} 被认作 ${predicted}：${images} 张图片中的 ${count} 张`,
    right: (label, count, images) => `${label} 正确：${images} 张图片中的 ${count} 张`,
    other: '其他类别',
    tooMany: (classes, most) => `数据集中有 ${classes} 个类别，超过此处矩阵能显示的 ${most} 个：下面列出最常见的混淆。`,
    top: '最常见的混淆',
    none: '没有图片被分错。',
  },
  images: {
    title: '已评估的图片',
    intro: '分错的在前，最自信的错误排在最上面。“查看内部”会在网络视图中逐层打开这张图片。',
    takenFor: (predicted, p) => `被认作 ${predicted}（${p}）`,
    right: (p) => `正确（${p}）`,
    lookInside: '查看内部',
    lookInsideLabel: (path, network) => `查看内部：用 ${path} 查看 ${network}`,
    opening: '正在打开…',
    notAvailable: '此浏览器只保存了已存储运行的预测，没有保存其图片：请再次选择该文件夹以查看它们的内部。',
    couldNotKeep: (reason) => `无法在此浏览器中保存这张图片以供网络视图使用（${reason}）。`,
    shown: (shown, total) => `显示 ${total} 张图片中的 ${shown} 张。`,
    more: (n) => `再显示 ${n} 张`,
  },
};
