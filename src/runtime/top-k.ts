/**
 * The most probable classes of a probability vector: the one ordering every path uses (the worker's
 * classify, predict and look-inside, the CLI's Classifier, the evaluation's top-5). Most probable first;
 * equal probabilities go to the lower class index, so a tie (a uniform output, or float32 values that
 * round alike) gives the same answer everywhere.
 */

/** One of the most probable classes. */
export interface Prediction {
  /** Class index in the checkpoint's order (ImageNet-1k, no background class). */
  classIndex: number;
  label: string;
  probability: number;
}

/** Class indices of the `k` largest probabilities, largest first (ties: lower index first). */
export function topIndices(probabilities: ArrayLike<number>, k: number): number[] {
  const order = Array.from({ length: probabilities.length }, (_, i) => i);
  order.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
  return order.slice(0, Math.max(0, Math.min(Math.floor(k), order.length)));
}

/** The `k` most probable classes with their labels (`class N` where a label is missing). */
export function topClasses(probabilities: ArrayLike<number>, k: number, labels: readonly string[]): Prediction[] {
  return topIndices(probabilities, k).map((classIndex) => ({
    classIndex,
    label: labels[classIndex] ?? `class ${classIndex}`,
    probability: probabilities[classIndex],
  }));
}
