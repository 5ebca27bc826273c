/** 两张照片在同一网络中：选第二张照片，以及“在哪里分开”图表。 */
import type { PartingMessages } from '../en/parting.ts';

export const parting: PartingMessages = {
  title: '在哪里分开',
  compareWith: '与…比较',
  compared: '第二张照片 ✓',
  dialog: '用来比较的第二张照片',
  intro:
    '选第二张照片（镜像、另一个品种、损坏的副本）：每个方框随后同时显示两张，下面的图表逐块说明网络看它们有多相似。',
  second: '第二张照片：',
  stop: '停止比较',
  missing: '此链接的第二张照片不在这个浏览器中：请另选一张，或停止比较。',
  unreadable: (message: string) => `无法读取第二张照片：${message}`,
  running: '正在逐块比较两张照片…',
  waiting: '正在等待两张照片都运行完…',
  failed: (message: string) => `无法比较这两张照片：${message}`,
  explain: '两张照片在每个块输出的余弦相似度（1：方向相同；0：无关）。',
  axis: '余弦相似度',
  chartLabel: (first: string, second: string) => `${first} 与 ${second} 的输出沿深度逐块的余弦相似度`,
  point: (block: string, value: string) => `${block}：${value}`,
  none: '无值（输出全为零）',
  drop: (block: string, before: string, after: string) => `下降最大处在 ${block}：${before} → ${after}。`,
  ends: (first: string, last: string) => `从第一块的 ${first} 到最后一块的 ${last}。`,
  photos: (first: string, second: string) => `左：${first}；右：${second}。`,
};
