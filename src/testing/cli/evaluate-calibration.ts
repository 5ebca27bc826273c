/**
 * The calibration and confusion that evaluate.test.ts expects of its labelled set, worked out from
 * Inception-v4's own single-crop probabilities of its three photos.
 */
import { expect } from 'vitest';
import type { EvaluateReport } from '../../cli/evaluate-report.ts';

/**
 * The set's calibration and confusion, worked out here from the three photos' Inception-v4 probabilities:
 * photo 1 right, photos 2 and 3 wrong, each in the 15-bin bin of its top-1 probability.
 */
export function expectCalibration(report: EvaluateReport, v4Probabilities: Float32Array[], v4Top5: number[][]): void {
  const p1 = v4Probabilities.map((p) => Math.max(...p));
  const correct = [true, false, false];
  const bins = Array.from({ length: 15 }, () => [] as number[]);
  p1.forEach((p, i) => bins[Math.min(14, Math.max(0, Math.ceil(p * 15) - 1))].push(i));
  const ece = bins.reduce((sum, members) => {
    if (members.length === 0) return sum;
    const acc = members.filter((i) => correct[i]).length / members.length;
    const conf = members.reduce((a, i) => a + p1[i], 0) / members.length;
    return sum + (members.length / 3) * Math.abs(acc - conf);
  }, 0);
  expect(report.ece).toBeCloseTo(ece, 6);
  expect(report.reliability).toHaveLength(15);
  expect(report.reliability.map((b) => b.count)).toEqual(bins.map((m) => m.length));
  report.reliability.forEach((bin, b) => {
    expect(bin.low).toBeCloseTo(b / 15, 12);
    // JSON has no NaN: an empty bin's mean confidence and accuracy are null.
    if (bins[b].length === 0) expect([bin.confidence, bin.accuracy]).toEqual([null, null]);
    else expect(bin.accuracy).toBe(bins[b].filter((i) => correct[i]).length / bins[b].length);
  });
  const labels = [v4Top5[0][0], v4Top5[1][2], [...Array(1000).keys()].find((c) => !v4Top5[2].includes(c))!];
  const classes = [...labels].sort((a, b) => a - b);
  expect(report.confusion.classes).toEqual(classes);
  const matrix = classes.map(() => classes.map(() => 0));
  const elsewhere = classes.map(() => 0);
  labels.forEach((label, i) => {
    const column = classes.indexOf(v4Top5[i][0]);
    if (column < 0) elsewhere[classes.indexOf(label)]++;
    else matrix[classes.indexOf(label)][column]++;
  });
  expect(report.confusion.matrix).toEqual(matrix);
  expect(report.confusion.elsewhere).toEqual(elsewhere);
  expect(report.confusion.top).toHaveLength(2);
  expect(report.confusion.top).toEqual(
    expect.arrayContaining([
      { label: labels[1], predicted: v4Top5[1][0], count: 1 },
      { label: labels[2], predicted: v4Top5[2][0], count: 1 },
    ]),
  );
  expect(report.modes).toEqual([
    { key: 'inception-v4/1', images: 3, ece: report.ece, reliability: report.reliability, confusion: report.confusion },
  ]);
}
