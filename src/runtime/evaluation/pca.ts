/**
 * Principal component analysis to two dimensions, for the evaluation's feature map (n images × 1536 pooled
 * features). Written here rather than taken from ml-pca: ml-pca forms the d×d covariance (n·d² = 12 G
 * multiply-adds for 5,000 images) and decomposes it whole (a 1536² eigendecomposition, seconds in JS),
 * when only the top two components are wanted. Subspace iteration on the covariance, applied implicitly
 * as Xcᵀ(Xc·V), costs 4·n·d per step and never holds more than the rows given; a Rayleigh–Ritz step on
 * the 2×2 projected matrix orders and separates the two axes. Deterministic: a seeded start, fixed order.
 */
import { uniform } from '../seeded-hash.ts';

export interface Projection2d {
  /** Each row's coordinates on the two principal axes: x0, y0, x1, y1, … */
  coordinates: Float64Array;
  /** The fraction of the total variance along each axis (0 when there is none). */
  explained: [number, number];
  /** The axes: unit vectors of d values; each one's largest component is positive (a fixed sign). */
  axes: [Float64Array, Float64Array];
  /** Steps the iteration ran. */
  iterations: number;
}

export interface PcaOptions {
  /** At most this many steps (default 100: a near-tie's axes may turn for longer, see `tolerance`). */
  maxIterations?: number;
  /**
   * Stop when both axes moved less than this (1 − |cos| between steps), or both variances along them
   * changed by less than this relatively (default 1e-12). In a near-tie (λ2 ≈ λ3) the axes turn slowly
   * within a plane of nearly equal variance, where any of them draws an equally faithful map: there
   * `maxIterations` ends it.
   */
  tolerance?: number;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Makes `b` orthogonal to unit `a` and both unit length (Gram–Schmidt); a zero vector stays zero. */
function orthonormalise(a: Float64Array, b: Float64Array): void {
  for (const [v, against] of [
    [a, undefined],
    [b, a],
  ] as const) {
    if (against) {
      const p = dot(v, against);
      for (let i = 0; i < v.length; i++) v[i] -= p * against[i];
    }
    const norm = Math.sqrt(dot(v, v));
    if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  }
}

/** The top two principal components of `rows` (each of the same length d), centred on their mean. */
export function pca2d(rows: readonly ArrayLike<number>[], options: PcaOptions = {}): Projection2d {
  const n = rows.length;
  const d = n > 0 ? rows[0].length : 0;
  rows.forEach((row, i) => {
    if (row.length !== d)
      throw new RangeError(`row ${i} has ${row.length} values, row 0 has ${d}: every row must have as many`);
  });
  const mean = new Float64Array(d);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] += row[j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, n);
  let total = 0;
  for (const row of rows) for (let j = 0; j < d; j++) total += (row[j] - mean[j]) ** 2;

  /**
   * C·u and C·v in one sweep over the rows, without forming C: Xcᵀ(Xc·u) with Xc·u = X·u − (μ·u), and
   * Xcᵀ·w = Xᵀ·w − μ·Σw (the 1/(n−1) cancels in the explained ratios).
   */
  const covarianceTimes = (u: Float64Array, v: Float64Array): [Float64Array, Float64Array] => {
    const [cu, cv] = [new Float64Array(d), new Float64Array(d)];
    const [shiftU, shiftV] = [dot(mean, u), dot(mean, v)];
    let [sumU, sumV] = [0, 0];
    for (const row of rows) {
      let [su, sv] = [-shiftU, -shiftV];
      for (let j = 0; j < d; j++) {
        su += row[j] * u[j];
        sv += row[j] * v[j];
      }
      for (let j = 0; j < d; j++) {
        cu[j] += su * row[j];
        cv[j] += sv * row[j];
      }
      sumU += su;
      sumV += sv;
    }
    for (let j = 0; j < d; j++) {
      cu[j] -= mean[j] * sumU;
      cv[j] -= mean[j] * sumV;
    }
    return [cu, cv];
  };

  let a = Float64Array.from({ length: d }, (_, j) => uniform(19, j) - 0.5);
  let b = Float64Array.from({ length: d }, (_, j) => uniform(20, j) - 0.5);
  orthonormalise(a, b);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  let iterations = 0;
  let eigen: [number, number] = [0, 0];
  while (total > 0 && iterations < maxIterations) {
    iterations++;
    const [ca, cb] = covarianceTimes(a, b);
    // Rayleigh–Ritz: the 2×2 matrix of C on span(a, b), its eigenvectors rotate (a, b) onto the axes.
    const [p, q, r] = [dot(a, ca), dot(a, cb), dot(b, cb)];
    const half = Math.sqrt(((p - r) / 2) ** 2 + q * q);
    const previous = eigen;
    eigen = [(p + r) / 2 + half, (p + r) / 2 - half];
    const settled = eigen.every((e, i) => Math.abs(e - previous[i]) <= tolerance * Math.abs(e));
    const angle = 0.5 * Math.atan2(2 * q, p - r);
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const nextA = Float64Array.from(ca, (v, j) => cos * v + sin * cb[j]);
    const nextB = Float64Array.from(ca, (v, j) => -sin * v + cos * cb[j]);
    orthonormalise(nextA, nextB);
    const moved = Math.max(1 - Math.abs(dot(nextA, a)), 1 - Math.abs(dot(nextB, b)));
    [a, b] = [nextA, nextB];
    if (moved < tolerance || settled) break;
  }
  if (total === 0) {
    a = new Float64Array(d);
    b = new Float64Array(d);
  }
  for (const axis of [a, b]) {
    let largest = 0;
    for (let j = 0; j < d; j++) if (Math.abs(axis[j]) > Math.abs(axis[largest])) largest = j;
    if (axis[largest] < 0) for (let j = 0; j < d; j++) axis[j] = -axis[j];
  }
  const coordinates = new Float64Array(2 * n);
  const [shiftA, shiftB] = [dot(mean, a), dot(mean, b)];
  rows.forEach((row, i) => {
    coordinates[2 * i] = dot(row, a) - shiftA;
    coordinates[2 * i + 1] = dot(row, b) - shiftB;
  });
  const ratio = (lambda: number) => (total > 0 ? Math.max(0, lambda) / total : 0);
  return { coordinates, explained: [ratio(eigen[0]), ratio(eigen[1])], axes: [a, b], iterations };
}
