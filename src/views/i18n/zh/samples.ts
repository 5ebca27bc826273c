import type { SamplesMessages } from '../en/samples.ts';

/** `en/samples.ts` in 简体中文. */
export const samples: SamplesMessages = {
  heading: '或者试试示例照片：',
  use: (name) => `使用示例照片：${name}`,
  names: {
    chelsea: '一只猫',
    coffee: '一杯咖啡',
    rocket: '火箭发射',
    astronaut: '一位宇航员',
  },
  licence: '示例照片来自 scikit-image：CC0（猫、咖啡）与公有领域（SpaceX、NASA）。',
  licenceLink: '来源与许可',
  failed: (name, reason) => `无法加载示例照片“${name}”（${reason}）；请重新加载页面，或使用你自己的照片。`,
};
