/**
 * What a mode took each class for, among the classes present in the set (the true labels of its
 * images): a confusion matrix while there are few enough classes to draw one (up to MATRIX_CLASSES),
 * and always the most frequent confusions (true class → top-1 class, any of the 1000), most first.
 */
import type { ImageRecord } from './records.ts';

/** Up to this many classes present, the confusion is a matrix; beyond, only the top confusions. */
export const MATRIX_CLASSES = 50;
/** How many of the most frequent confusions are listed. */
export const TOP_CONFUSIONS = 20;

export interface ConfusionPair {
  /** The true class (ImageNet-1k index). */
  label: number;
  /** What its images were taken for (top-1). */
  predicted: number;
  count: number;
}

export interface Confusion {
  /** Images counted. */
  images: number;
  /** The classes present (true labels), in index order: the matrix's rows and columns. */
  classes: number[];
  /**
   * With at most MATRIX_CLASSES classes present: matrix[i][j] counts images of classes[i] taken for
   * classes[j]; `elsewhere[i]` those taken for a class not present in the set.
   */
  matrix?: number[][];
  elsewhere?: number[];
  /** The most frequent confusions (top-1 ≠ label), most first (ties: by label, then prediction). */
  top: ConfusionPair[];
}

export function confusion(records: Iterable<ImageRecord>, key: string, limit = TOP_CONFUSIONS): Confusion {
  const pairs = new Map<string, ConfusionPair>();
  const seen: { label: number; predicted: number }[] = [];
  for (const record of records) {
    const prediction = record.predictions?.[key];
    if (!prediction) continue;
    const predicted = prediction.top5[0];
    seen.push({ label: record.label, predicted });
    if (predicted === record.label) continue;
    const id = `${record.label}>${predicted}`;
    const pair = pairs.get(id);
    if (pair) pair.count++;
    else pairs.set(id, { label: record.label, predicted, count: 1 });
  }
  const classes = [...new Set(seen.map((s) => s.label))].sort((a, b) => a - b);
  const top = [...pairs.values()]
    .sort((a, b) => b.count - a.count || a.label - b.label || a.predicted - b.predicted)
    .slice(0, limit);
  const result: Confusion = { images: seen.length, classes, top };
  if (classes.length > MATRIX_CLASSES) return result;
  const row = new Map(classes.map((c, i) => [c, i]));
  const matrix = classes.map(() => new Array<number>(classes.length).fill(0));
  const elsewhere = new Array<number>(classes.length).fill(0);
  for (const { label, predicted } of seen) {
    const j = row.get(predicted);
    if (j === undefined) elsewhere[row.get(label)!]++;
    else matrix[row.get(label)!][j]++;
  }
  return { ...result, matrix, elsewhere };
}
