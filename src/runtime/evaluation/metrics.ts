/**
 * Error rates with 95 % confidence intervals. The interval is Wilson's score interval (Wilson 1927): unlike
 * the normal approximation it stays inside [0, 1] and is sensible for small sets and rates near 0, which
 * is what a few hundred labelled photos give. Written out here: it is one formula, and the statistics
 * libraries that have it (jStat, simple-statistics' relatives) bring far more than this needs.
 */

/** The two-sided 95 % quantile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

/** Wilson's score interval for `successes` out of `trials`; [0, 1] when there are no trials. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): [number, number] {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new RangeError(`need whole numbers 0 ≤ successes ≤ trials, got ${successes} of ${trials}`);
  }
  if (trials === 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0 or all successes the interval touches the bound exactly; clamp float noise.
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === trials ? 1 : Math.min(1, centre + half)];
}

export interface ErrorRate {
  errors: number;
  total: number;
  /** errors / total (NaN for an empty set). */
  rate: number;
  /** Wilson 95 % interval of the rate. */
  ci95: [number, number];
}

export function errorRate(errors: number, total: number): ErrorRate {
  return { errors, total, rate: total === 0 ? NaN : errors / total, ci95: wilsonInterval(errors, total) };
}

/** Top-1 / top-5 correctness of a prediction (classes most probable first) against one or more true labels. */
export function isTopKCorrect(top: readonly number[], labels: readonly number[] | number, k: number): boolean {
  const accepted = typeof labels === 'number' ? [labels] : labels;
  return top.slice(0, k).some((c) => accepted.includes(c));
}
