/**
 * Calibration of a prediction mode: does a top-1 probability of 0.8 come true 80 % of the time? The
 * images are sorted by their top-1 probability into equal-width confidence bins; each bin's accuracy
 * against its mean confidence is the reliability diagram, and the expected calibration error is their
 * gap weighted by the bins' sizes, ECE = Σ_b (n_b / N)·|acc_b − conf_b| (Naeini et al. 2015; Guo et al.
 * 2017, whose 15 bins are the usual choice and the one used here).
 */
import type { ImageRecord } from './records.ts';

/** How many equal-width confidence bins the reliability diagram and the ECE use. */
export const RELIABILITY_BINS = 15;

export interface ReliabilityBin {
  /** The bin holds confidences in (low, high]; the first also holds 0. */
  low: number;
  high: number;
  count: number;
  /** Mean top-1 probability of its images (NaN when empty). */
  confidence: number;
  /** Share of its images whose top-1 class is right (NaN when empty). */
  accuracy: number;
}

export interface Reliability {
  /** Images counted. */
  images: number;
  bins: ReliabilityBin[];
  /** Expected calibration error (NaN with no images). */
  ece: number;
  /** Mean top-1 probability and top-1 accuracy over all images (NaN with none). */
  confidence: number;
  accuracy: number;
}

/** How far above 1 a float32 probability may round (a softmax's or an ensemble's mean) and still count as 1. */
const ROUNDING = 1e-6;

/** One image's top-1 probability and whether its top-1 class is right. */
export interface Outcome {
  confidence: number;
  correct: boolean;
}

/** The bin of a confidence in [0, 1]: bin b holds (b/n, (b+1)/n], and 0 goes in the first. */
export function binOf(confidence: number, bins = RELIABILITY_BINS): number {
  return Math.min(bins - 1, Math.max(0, Math.ceil(confidence * bins) - 1));
}

export function reliability(outcomes: Iterable<Outcome>, bins = RELIABILITY_BINS): Reliability {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`need a whole number of bins ≥ 1, got ${bins}`);
  const count = new Array<number>(bins).fill(0);
  const sumConfidence = new Array<number>(bins).fill(0);
  const correct = new Array<number>(bins).fill(0);
  for (const { confidence: given, correct: right } of outcomes) {
    if (!(given >= 0 && given <= 1 + ROUNDING))
      throw new RangeError(`a top-1 probability must lie in [0, 1], got ${given}`);
    const confidence = Math.min(1, given);
    const b = binOf(confidence, bins);
    count[b]++;
    sumConfidence[b] += confidence;
    if (right) correct[b]++;
  }
  const images = count.reduce((a, b) => a + b, 0);
  const table = count.map((n, b): ReliabilityBin => ({
    low: b / bins,
    high: (b + 1) / bins,
    count: n,
    confidence: n === 0 ? NaN : sumConfidence[b] / n,
    accuracy: n === 0 ? NaN : correct[b] / n,
  }));
  const ece =
    images === 0
      ? NaN
      : table.reduce(
          (sum, bin) => (bin.count === 0 ? sum : sum + (bin.count / images) * Math.abs(bin.accuracy - bin.confidence)),
          0,
        );
  const total = (values: number[]) => (images === 0 ? NaN : values.reduce((a, b) => a + b, 0) / images);
  return { images, bins: table, ece, confidence: total(sumConfidence), accuracy: total(correct) };
}

/** The outcomes of one mode's predictions (images skipped or without that mode are left out). */
export function* outcomesOf(records: Iterable<ImageRecord>, key: string): Generator<Outcome> {
  for (const record of records) {
    const prediction = record.predictions?.[key];
    if (prediction) yield { confidence: prediction.p1, correct: prediction.top5[0] === record.label };
  }
}
