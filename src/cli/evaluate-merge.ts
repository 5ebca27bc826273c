/**
 * `inception-explorer evaluate merge <records.json ...> [--json]`: the shards of one evaluation
 * (`evaluate --shard K/N --records FILE`, evaluate-shard.ts) merged into the report a single run prints.
 * Refused, with what to do: a file that is not a whole records file (cut short, damaged), shards of
 * different runs (it says what differs), a shard given twice or images in two files (it says which), and
 * missing shards or images (it says which).
 */
import { parseArgs } from 'node:util';
import { isCropCount } from '../runtime/evaluation/crops.ts';
import { isModelChoice } from '../runtime/evaluation/mode.ts';
import { REAL_IMAGE_COUNT, type RealLabels } from '../runtime/evaluation/real-labels.ts';
import type { ImageRecord } from '../runtime/evaluation/records.ts';
import { InputFileError } from '../runtime/file-errors.node.ts';
import { readInputText } from '../runtime/input-file.node.ts';
import { printEvaluation, writePredictionsCsv, type EvaluationOutcome } from './evaluate-output.ts';
import { checkOutputPath } from '../runtime/output-file.node.ts';
import { indicesText, inShard, RECORDS_FORMAT, shardIndices, type RecordsFile } from './evaluate-shard.ts';
import { CliError, type Io } from './io.ts';
import { usageErrorFor } from './command-args.ts';

export const EVALUATE_MERGE_USAGE = 'inception-explorer evaluate merge <records.json ...> [--csv FILE] [--json]';

interface Given {
  path: string;
  file: RecordsFile;
}

const isInteger = (value: unknown, min = 0): value is number => Number.isInteger(value) && (value as number) >= min;

/** Why a parsed records file is not one, or undefined. */
function shapeProblem(file: Partial<RecordsFile>): string | undefined {
  if (file.format !== RECORDS_FORMAT) {
    return `it is not a records file of evaluate --records (no "format": "${RECORDS_FORMAT}")`;
  }
  if (file.version !== 1) {
    return `version ${JSON.stringify(file.version)} of the records file; this inception-explorer reads version 1`;
  }
  const shard = file.shard;
  const ok =
    isModelChoice(file.model) &&
    isCropCount(file.crops) &&
    Array.isArray(file.weights) &&
    Array.isArray(file.weightLines) &&
    typeof file.backend === 'string' &&
    typeof file.dir === 'string' &&
    typeof file.dataset?.fingerprint === 'string' &&
    isInteger(file.total, 1) &&
    Array.isArray(file.records) &&
    isInteger(shard?.count, 1) &&
    isInteger(shard?.index, 1) &&
    shard.index <= shard.count;
  if (!ok) return 'its settings (model, crops, weights, set, shard) are missing or damaged';
  const records = file.records as Partial<ImageRecord>[];
  const bad = records.findIndex(
    (r) =>
      !isInteger(r?.index) ||
      r.index >= file.total! ||
      typeof r.path !== 'string' ||
      !isInteger(r.label) ||
      (typeof r.predictions !== 'object' && typeof r.error !== 'string'),
  );
  return bad < 0 ? undefined : `its record ${bad + 1} is damaged (${JSON.stringify(records[bad]).slice(0, 120)})`;
}

export async function readRecordsFile(path: string): Promise<RecordsFile> {
  let text: string;
  try {
    text = await readInputText(path);
  } catch (error) {
    if (error instanceof InputFileError) throw new CliError(`${path}: cannot read it (${error.reason})`);
    throw error;
  }
  let file: Partial<RecordsFile>;
  try {
    file = JSON.parse(text) as Partial<RecordsFile>;
  } catch (error) {
    throw new CliError(
      `${path}: not a whole records file, its JSON is cut short or damaged ` +
        `(${(error as Error).message}); copy it again, or run its shard again`,
    );
  }
  const problem = typeof file === 'object' && file !== null ? shapeProblem(file) : 'it is not a JSON object';
  if (problem) throw new CliError(`${path}: ${problem}; give the files that evaluate --shard K/N --records FILE wrote`);
  return file as RecordsFile;
}

const short = (sha: string) => `${sha.slice(0, 12)}…`;

/** How `b`'s run differs from `a`'s, in words; empty for shards of one run. */
export function runDifferences(a: RecordsFile, b: RecordsFile): string[] {
  const differences: string[] = [];
  if (a.dataset.fingerprint !== b.dataset.fingerprint) {
    differences.push(
      `the labelled set (${a.dataset.images} image(s) in ${a.dir} vs ${b.dataset.images} in ${b.dir}: ` +
        'their paths or labels differ)',
    );
  }
  if (a.total !== b.total) differences.push(`--limit (the first ${a.total} vs ${b.total} image(s))`);
  if (a.model !== b.model) differences.push(`the model (${a.model} vs ${b.model})`);
  if (a.crops !== b.crops) differences.push(`--crops (${a.crops} vs ${b.crops})`);
  for (const weights of a.weights) {
    const other = b.weights.find((w) => w.model === weights.model);
    if (other && other.sha256 !== weights.sha256) {
      differences.push(`the weights of ${weights.model} (SHA-256 ${short(weights.sha256)} vs ${short(other.sha256)})`);
    }
  }
  const given = (file: RecordsFile) => (file.real ? 'given' : 'not given');
  if (Boolean(a.real) !== Boolean(b.real)) differences.push(`--real (${given(a)} vs ${given(b)})`);
  else if (a.real && b.real && a.real.sha256 !== b.real.sha256) differences.push('--real (two different label files)');
  if (a.shard.count !== b.shard.count) differences.push(`the number of shards (${a.shard.count} vs ${b.shard.count})`);
  return differences;
}

/** The shards of one run as one outcome, or a CliError that says what is wrong. */
export function mergeShards(given: readonly Given[]): EvaluationOutcome {
  const [first] = given;
  for (const other of given.slice(1)) {
    const differences = runDifferences(first.file, other.file);
    if (differences.length > 0) {
      throw new CliError(
        `cannot merge shards of different runs: ${other.path} differs from ${first.path} in ` +
          `${differences.join('; ')}; merge the records files of one run (same set, model, crops, weights, --limit, ` +
          '--real and number of shards)',
      );
    }
  }
  const {
    total,
    shard: { count },
  } = first.file;
  /** Which given file holds each image (its place among `given`). */
  const owner = new Map<number, number>();
  const overlaps: string[] = [];
  given.forEach(({ path, file }, place) => {
    const foreign = file.records.filter((r) => !inShard(file.shard, r.index)).map((r) => r.index);
    if (foreign.length > 0) {
      throw new CliError(
        `${path}: says it is shard ${file.shard.index}/${count} but holds images of other shards ` +
          `(indices ${indicesText(foreign)}); give the files as evaluate --shard wrote them`,
      );
    }
    const twice = new Map<number, number[]>();
    for (const r of file.records) {
      const before = owner.get(r.index);
      if (before === undefined) owner.set(r.index, place);
      else twice.set(before, [...(twice.get(before) ?? []), r.index]);
    }
    const shard = `shard ${file.shard.index}/${count}`;
    for (const [before, list] of twice) {
      const [other, indices] = [given[before].path, indicesText(list)];
      overlaps.push(
        other === path && before !== place
          ? `${path} is given twice (${shard}: images ${indices})`
          : other === path
            ? `${path} holds images ${indices} twice`
            : `${path} and ${other} are both ${shard}: both hold images ${indices}`,
      );
    }
  });
  if (overlaps.length > 0) throw new CliError(`${overlaps.join('; ')}; give each shard's file once`);
  const missing: string[] = [];
  for (let index = 1; index <= count; index++) {
    const shard = { index, count };
    const lacking = shardIndices(shard, total).filter((i) => !owner.has(i));
    if (lacking.length === 0) continue;
    const file = given.find((g) => g.file.shard.index === index);
    missing.push(
      file
        ? `${file.path} (shard ${index}/${count}) lacks images ${indicesText(lacking)}`
        : `shard ${index}/${count} is missing (images ${indicesText(lacking)})`,
    );
  }
  if (missing.length > 0) {
    throw new CliError(
      `${missing.join('; ')} (indices from 0 in the set's order, of ${total}); give every shard's ` +
        'whole records file, running again the shards that are missing or incomplete',
    );
  }
  return outcomeOf(given);
}

function outcomeOf(given: readonly Given[]): EvaluationOutcome {
  const { file } = given[0];
  const distinct = (values: string[]) => [...new Set(values)].join(' and ');
  const records = given.flatMap((g) => g.file.records).sort((a, b) => a.index - b.index);
  let real: RealLabels | undefined;
  if (file.real) {
    const labels = Object.assign({}, ...given.map((g) => g.file.real!.labels)) as Record<string, number[]>;
    real = Array.from({ length: REAL_IMAGE_COUNT }, (_, i) => labels[i + 1] ?? []);
  }
  const { fingerprint: _, ...dataset } = file.dataset;
  return {
    model: file.model,
    crops: file.crops,
    weights: file.weights,
    weightLines: file.weightLines,
    backend: distinct(given.map((g) => g.file.backend)),
    dir: distinct(given.map((g) => g.file.dir)),
    dataset,
    total: file.total,
    records,
    ...(real ? { real } : {}),
  };
}

export async function runEvaluateMerge(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: 'boolean', default: false }, csv: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) {
    throw usageErrorFor(EVALUATE_MERGE_USAGE)(`expected the records files of the shards`);
  }
  if (values.csv !== undefined) await checkOutputPath(values.csv, '--csv');
  const given: Given[] = [];
  for (const path of positionals) given.push({ path, file: await readRecordsFile(path) });
  const outcome = mergeShards(given);
  const files = given.map(
    (g) =>
      `  ${g.path}: shard ${g.file.shard.index}/${g.file.shard.count}, ` +
      `${g.file.records.length} image(s) on ${g.file.backend}`,
  );
  const csv = values.csv === undefined ? [] : [await writePredictionsCsv(values.csv, outcome)];
  printEvaluation(io, outcome, values.json, ['', `Merged from ${given.length} records file(s):`, ...files, ...csv]);
  return 0;
}
