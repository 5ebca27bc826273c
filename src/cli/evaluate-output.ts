/**
 * What `evaluate` prints at the end, for a whole run, a shard of one (`--shard K/N`) and shards merged
 * (`evaluate merge`): one path from the per-image records to the report, so that merged shards print
 * what the single run would have.
 */
import type { CropCount } from '../runtime/evaluation/crops.ts';
import type { Dataset } from '../runtime/evaluation/dataset.ts';
import { cropsText, modeKey, modelTitle, type ModelChoice } from '../runtime/evaluation/mode.ts';
import type { RealLabels } from '../runtime/evaluation/real-labels.ts';
import { predictionsCsv } from '../runtime/evaluation/export-csv.ts';
import { summarize, yieldedModes, type ImageRecord } from '../runtime/evaluation/records.ts';
import { writeOutputBytes } from '../runtime/output-file.node.ts';
import { evaluateReport, evaluateText, featureMapReport, type WeightsFileReport } from './evaluate-report.ts';
import type { Io } from './io.ts';

/** What the report says about the labelled set: all but its images. */
export type DatasetFacts = Pick<Dataset, 'layout' | 'leftOut' | 'warnings' | 'classes'> & {
  /** Labelled images in the set. */
  images: number;
};

/** Shard K of N (1 ≤ K ≤ N): the images whose index in the set's order is K − 1 modulo N. */
export interface Shard {
  index: number;
  count: number;
}

export interface EvaluationOutcome {
  model: ModelChoice;
  crops: CropCount;
  weights: WeightsFileReport[];
  /** Each weights file's line (describeWeights). */
  weightLines: string[];
  /** The backend, "WebAssembly (SIMD, single thread)"; shards merged: each different one. */
  backend: string;
  dir: string;
  dataset: DatasetFacts;
  /** Images in the order evaluated: the set's, or its first --limit. */
  total: number;
  /** Of a shard's run. */
  shard?: Shard;
  records: ImageRecord[];
  real?: RealLabels;
  /** With --features-map: the pooled features of the images that keep them, by index. */
  features?: ReadonlyMap<number, Float32Array>;
}

/** "Inception-v4 on WebAssembly (…), 1 crop: 4 image(s) of 3 class(es) in val (one folder per class)". */
export function evaluationHeading(outcome: EvaluationOutcome, evaluated: number): string {
  const { dataset, shard, total } = outcome;
  const limited = total < dataset.images ? ` (the first ${total} of ${dataset.images})` : '';
  const images = shard
    ? `, shard ${shard.index}/${shard.count}: ${evaluated} of ${total} image(s)${limited}`
    : `: ${total} image(s)${limited}`;
  return (
    `${modelTitle(outcome.model)} on ${outcome.backend}, ${cropsText(outcome.crops)}${images} ` +
    `of ${dataset.classes} class(es) in ${outcome.dir} ` +
    `(${dataset.layout === 'csv' ? 'LOC_val_solution.csv' : 'one folder per class'})`
  );
}

/** Prints the report (`--json`: one JSON object); `notes` are lines printed after the text report. */
export function printEvaluation(io: Io, outcome: EvaluationOutcome, json: boolean, notes: string[] = []): void {
  const summary = summarize(outcome.records, outcome.real);
  if (json) {
    const { model, crops, features } = outcome;
    const report = evaluateReport(model, crops, outcome.weights, summary, outcome.dataset, outcome.records);
    io.out(
      JSON.stringify(
        features ? { ...report, featureMap: featureMapReport(outcome.records, features, { model, crops }) } : report,
      ),
    );
    return;
  }
  const heading = [evaluationHeading(outcome, outcome.records.length), ...outcome.weightLines].join('\n');
  const mainKey = modeKey({ model: outcome.model, crops: outcome.crops });
  io.out([evaluateText(heading, summary, outcome.dataset, outcome.records, mainKey), ...notes].join('\n'));
}

/**
 * With `--csv FILE`: the per-image predictions of every mode the run yields, the CSV the evaluate page
 * exports; shards merged write the single run's file byte for byte. Returns the line that says so.
 */
export async function writePredictionsCsv(path: string, outcome: EvaluationOutcome): Promise<string> {
  const keys = yieldedModes({ model: outcome.model, crops: outcome.crops }).map(modeKey);
  const text = predictionsCsv(outcome.records, keys, outcome.real);
  await writeOutputBytes(path, new TextEncoder().encode(text), '--csv');
  return `Per-image predictions of ${outcome.records.length} image(s) written to ${path} (CSV).`;
}
