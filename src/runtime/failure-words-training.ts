/**
 * The training worker's failures (runtime/training/) as codes (runtime/failure-words.ts explains them):
 * a race's data that does not fit its networks, a trained network no longer in the worker's memory. Their
 * English is what the CLI prints and the tests read; views/i18n/zh/failures/training.ts words the same
 * codes in Chinese. Imports types only, so it stays free for every view to load.
 */
import type { FailureWords, TrainingFailureParams } from './failure-detail.ts';

export const trainingFailureWords: Pick<FailureWords, keyof TrainingFailureParams> = {
  'training.small-size': ({ data, size }) =>
    `the small networks take 32×32 or 64×64 images; ${data} has ${size}×${size}`,
  'training.does-not-fit': ({ network, height, width, classes, data, size, dataClasses }) =>
    `${network} takes ${height}×${width} images in ${classes} classes; ` +
    `${data} has ${size}×${size} images in ${dataClasses} classes`,
  'training.not-in-memory': ({ network }) => `no trained network "${network}" in this race: it is no longer in memory`,
};
