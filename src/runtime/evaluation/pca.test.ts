import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pca2d } from './pca.ts';

interface Case {
  rows: number[][];
  explained: [number, number];
  coordinates: [number, number][];
}
/** numpy's PCA of two small matrices (scripts/make-pca-fixture.py). */
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/pca/expected.json', import.meta.url), 'utf8')) as {
  cases: Record<string, Case>;
};

describe('pca2d', () => {
  for (const [name, reference] of Object.entries(fixture.cases)) {
    it(`matches numpy's top two components on the ${name} matrix (${reference.rows.length}×${reference.rows[0].length}), up to sign`, () => {
      const projection = pca2d(reference.rows.map((r) => Float32Array.from(r)));
      expect(projection.explained[0]).toBeCloseTo(reference.explained[0], 5);
      expect(projection.explained[1]).toBeCloseTo(reference.explained[1], 5);
      for (const axis of [0, 1]) {
        const ours = reference.rows.map((_, i) => projection.coordinates[2 * i + axis]);
        const theirs = reference.coordinates.map((c) => c[axis]);
        const sign = Math.sign(ours[0]) === Math.sign(theirs[0]) ? 1 : -1;
        // Float32 rows of values up to ~15: the coordinates agree to ~1e-5 of their scale.
        ours.forEach((v, i) => expect(sign * v).toBeCloseTo(theirs[i], 3));
      }
      const [a, b] = projection.axes;
      expect(a.reduce((s, v, j) => s + v * b[j], 0)).toBeCloseTo(0, 10);
      expect(Math.hypot(...a)).toBeCloseTo(1, 10);
    });
  }

  it("stops after maxIterations (a near-tie's axes may turn for long)", () => {
    expect(pca2d(fixture.cases.tall.rows).iterations).toBeGreaterThan(3);
    expect(pca2d(fixture.cases.tall.rows, { maxIterations: 3 }).iterations).toBe(3);
  });

  it("is deterministic and fixes each axis's sign", () => {
    const rows = fixture.cases.tall.rows;
    const first = pca2d(rows);
    const again = pca2d(rows);
    expect([...again.coordinates]).toEqual([...first.coordinates]);
    for (const axis of first.axes) expect(Math.max(...axis)).toBeGreaterThanOrEqual(-Math.min(...axis));
  });

  it('gives zeros without variance, for one row and for none, and refuses ragged rows', () => {
    expect(
      pca2d([
        [1, 2, 3],
        [1, 2, 3],
      ]),
    ).toMatchObject({ explained: [0, 0], coordinates: new Float64Array(4) });
    expect(pca2d([[5, 6]])).toMatchObject({ explained: [0, 0], coordinates: new Float64Array(2) });
    expect(pca2d([]).coordinates).toHaveLength(0);
    expect(() => pca2d([[1, 2], [3]])).toThrow('row 1 has 1 values, row 0 has 2: every row must have as many');
  });

  it('puts points along a line on the first axis alone (explained 1 and 0)', () => {
    const rows = [0, 1, 2, 3, 4].map((t) => [t, 2 * t, -t]);
    const projection = pca2d(rows);
    expect(projection.explained[0]).toBeCloseTo(1, 12);
    expect(projection.explained[1]).toBeCloseTo(0, 12);
    const xs = rows.map((_, i) => projection.coordinates[2 * i]);
    expect(xs[4] - xs[0]).toBeCloseTo(4 * Math.sqrt(6), 10);
  });
});
