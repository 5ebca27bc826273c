import type { ExamplesMessages } from '../en/examples.ts';

export const examples: ExamplesMessages = {
  heading: (c) => `通道 ${c} 的示例`,
  explain: '此通道响应最强的已保存照片。每个裁剪是该通道最强单元所看到的网络输入部分（其感受野），并附上该处的值。',
  notIndexed: '此层还没有为任何照片建立索引。',
  none: '已索引的照片都无法读取。',
  indexPhotos: '为已保存的照片建立索引…',
  resume: '继续建立索引',
  cancel: '取消',
  indexed: (done, total) => `此层已为 ${total} 张已保存照片中的 ${done} 张建立索引。`,
  progress: '正在为已保存的照片建立索引',
  cancelled: '索引已停止：继续即可从停止处接着进行。',
  failed: (message) => `索引已停止：${message}`,
  crop: (rank, name, value, y, x) => `示例 ${rank}：${name}，单元 ${y}, ${x} 处的值为 ${value}`,
  cell: (y, x) => `单元 ${y}, ${x}`,
};
