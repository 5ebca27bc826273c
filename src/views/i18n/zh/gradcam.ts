import type { GradcamMessages } from '../en/gradcam.ts';

/** `en/gradcam.ts` in 简体中文. */
export const gradcam: GradcamMessages = {
  progress: (done, total) => `正在计算梯度：已完成 ${done} / ${total} 个类别…`,
  cancel: '取消',
  progressLabel: '已完成的 Grad-CAM 类别',
};
