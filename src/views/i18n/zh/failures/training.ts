/** The training worker's failures in Chinese (runtime/failure-words-training.ts has the codes and the English). */
import type { FailureWords } from '../../../../runtime/failure-words.ts';

type TrainingCode = keyof FailureWords & `training.${string}`;

export const trainingFailuresZh: Pick<FailureWords, TrainingCode> = {
  'training.small-size': ({ data, size }) => `小型网络只接受 32×32 或 64×64 的图片；${data} 的图片是 ${size}×${size}`,
  'training.does-not-fit': ({ network, height, width, classes, data, size, dataClasses }) =>
    `${network} 接受 ${classes} 个类别的 ${height}×${width} 图片；${data} 是 ${dataClasses} 个类别的 ${size}×${size} 图片`,
  'training.not-in-memory': ({ network }) => `这场比赛中没有训练好的网络“${network}”：它已不在内存中`,
};
