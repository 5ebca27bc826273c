import type { FeatureMapMessages } from '../en/feature-map.ts';

export const featureMap: FeatureMapMessages = {
  heading: '特征图',
  intro: (network: string) =>
    `每张图片按 ${network} 在分类器之前池化得到的 1536 个特征（中心裁剪）的前两个主成分放置，颜色表示真实类别。彼此靠近的图片在网络看来相似；带描边的是分类错误的图片（top-1）。`,
  limit: (limit: number) =>
    `只保存数据集前 ${limit.toLocaleString('zh')} 张图片的特征（每张 6 kB，保存在此浏览器中）。`,
  axis: (component: number, share: string) => `第 ${component} 主成分：方差的 ${share}`,
  label: (images: number, x: string, y: string) =>
    `${images.toLocaleString('zh')} 张图片的特征图；两条轴分别解释方差的 ${x} 和 ${y}。`,
  misclassified: '分类错误',
  point: (path: string, truth: string, predicted: string, wrong: boolean) =>
    `${path}：${truth}${wrong ? `，被认成 ${predicted}` : ''}`,
  selected: '已选：',
  hint: '点击一个点以显示它的图片名称。',
  classCount: (images: number) => `（${images}）`,
  manyClasses: (classes: number) => `${classes} 个类别：颜色不足以区分；将鼠标悬停在点上可查看其类别。`,
  tooFew: '特征图至少需要两张已评估的图片。',
  noFeatures: '这次运行没有保存特征（它开始于特征图出现之前）：重新开始运行即可看到特征图。',
  frozen: (images: number) => `超过 ${images.toLocaleString('zh')} 张图片：特征图会在运行暂停或结束时重新绘制。`,
};
