/**
 * The images a mode evaluated, to be looked at one by one: misclassified ones first, the most confident
 * mistakes at the top (those say most about a network), then the right ones from the least confident.
 */
import type { ImageRecord } from './records.ts';

export interface EvaluatedImage {
  index: number;
  path: string;
  label: number;
  /** The top-1 class and its probability. */
  predicted: number;
  p1: number;
  correct: boolean;
}

export function evaluatedImages(records: Iterable<ImageRecord>, key: string): EvaluatedImage[] {
  const images: EvaluatedImage[] = [];
  for (const record of records) {
    const prediction = record.predictions?.[key];
    if (!prediction) continue;
    const predicted = prediction.top5[0];
    images.push({
      index: record.index,
      path: record.path,
      label: record.label,
      predicted,
      p1: prediction.p1,
      correct: predicted === record.label,
    });
  }
  return images.sort(
    (a, b) => Number(a.correct) - Number(b.correct) || (a.correct ? a.p1 - b.p1 : b.p1 - a.p1) || a.index - b.index,
  );
}
