/**
 * An evaluation split over N processes or machines: `--shard K/N` evaluates the images whose index in the
 * set's order (0-based) is K − 1 modulo N, and `--records FILE` writes what the run found, image by image,
 * for `evaluate merge`. Interleaved rather than contiguous ranges: the set's order is by class (one
 * folder per class) or by validation number, so every shard sees every part of the set and is as slow
 * as the others (image sizes and decode costs cluster by class), and a shard's own report is a fair
 * sample of the whole. N shards cover the set, disjoint, and differ in size by at most one image.
 *
 * The records file is one JSON object (written whole, through a temporary file renamed when complete):
 * the run's settings, the facts of the set the report shows (its fingerprint identifies it on any
 * machine), the weights' SHA-256, the ReaL labels of the shard's images when --real was given, and one
 * ImageRecord per image (records.ts), the same records the browser keeps.
 */
import { datasetFingerprint, type Dataset } from '../runtime/evaluation/dataset.ts';
import type { RealLabels } from '../runtime/evaluation/real-labels.ts';
import { realLabelsOf, validationImageNumber } from '../runtime/evaluation/real-labels.ts';
import type { ImageRecord } from '../runtime/evaluation/records.ts';
import { sha256Hex } from '../runtime/loading/sha256.ts';
import { writeOutputBytes } from '../runtime/output-file.node.ts';
import type { DatasetFacts, EvaluationOutcome, Shard } from './evaluate-output.ts';
import type { CliError } from './io.ts';

export const RECORDS_FORMAT = 'inception-explorer evaluation records';

/** What `--records` writes. */
export interface RecordsFile {
  format: typeof RECORDS_FORMAT;
  version: 1;
  model: EvaluationOutcome['model'];
  crops: EvaluationOutcome['crops'];
  weights: EvaluationOutcome['weights'];
  weightLines: string[];
  backend: string;
  dir: string;
  /** The set's facts; its fingerprint (SHA-256 of layout, paths and labels) is the same on every machine. */
  dataset: DatasetFacts & { fingerprint: string };
  total: number;
  shard: Shard;
  /** With --real: the labels file's SHA-256, and the ReaL labels of this shard's images by validation number. */
  real?: { sha256: string; labels: Record<string, number[]> };
  records: ImageRecord[];
}

/** `--shard K/N` read and checked; undefined without it. */
export function shardFor(value: string | undefined, usage: (message: string) => CliError): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!match) throw usage(`--shard takes K/N, shard K of N (e.g. 2/4: the second of four), got "${value}"`);
  const [index, count] = [Number(match[1]), Number(match[2])];
  if (count < 1) throw usage(`--shard ${value}: N, the number of shards, must be at least 1`);
  if (index < 1 || index > count) throw usage(`--shard ${value}: K must be from 1 to ${count}, the number of shards`);
  return { index, count };
}

/** Whether the image at `index` (0-based, in the set's order) is the shard's. */
export function inShard(shard: Shard | undefined, index: number): boolean {
  return !shard || index % shard.count === shard.index - 1;
}

/** The images of `shard` among `total`, as a phrase: "images 1, 4, 7 (indices from 0 in the set's order)". */
export function shardIndices(shard: Shard, total: number): number[] {
  const indices: number[] = [];
  for (let i = shard.index - 1; i < total; i += shard.count) indices.push(i);
  return indices;
}

/** "0, 3, 6, … (34 in all)": the first few of a list of image indices. */
export function indicesText(indices: readonly number[], shown = 8): string {
  const head = indices.slice(0, shown).join(', ');
  return indices.length > shown ? `${head}, … (${indices.length} in all)` : head;
}

async function realOfShard(real: RealLabels, records: readonly ImageRecord[]): Promise<RecordsFile['real']> {
  const labels: Record<string, number[]> = {};
  for (const record of records) {
    const n = validationImageNumber(record.path);
    if (n !== undefined) labels[n] = [...realLabelsOf(real, record.path)!];
  }
  return { sha256: await sha256Hex(new TextEncoder().encode(JSON.stringify(real))), labels };
}

/** Writes the run's records file. */
export async function writeRecordsFile(path: string, outcome: EvaluationOutcome, dataset: Dataset): Promise<void> {
  const file: RecordsFile = {
    format: RECORDS_FORMAT,
    version: 1,
    model: outcome.model,
    crops: outcome.crops,
    weights: outcome.weights,
    weightLines: outcome.weightLines,
    backend: outcome.backend,
    dir: outcome.dir,
    dataset: { ...outcome.dataset, fingerprint: await datasetFingerprint(dataset) },
    total: outcome.total,
    shard: outcome.shard ?? { index: 1, count: 1 },
    ...(outcome.real ? { real: await realOfShard(outcome.real, outcome.records) } : {}),
    records: [...outcome.records].sort((a, b) => a.index - b.index),
  };
  await writeOutputBytes(path, new TextEncoder().encode(`${JSON.stringify(file)}\n`), '--records');
}
