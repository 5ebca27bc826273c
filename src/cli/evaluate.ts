/**
 * `inception-explorer evaluate <dir> --model M | --ensemble --weights <file> [--weights <file>] [--crops 1|12|144]
 * [--real FILE] [--limit N] [--backend wasm|webgpu|cpu] [--shard K/N --records FILE] [--csv FILE]
 * [--json [--features-map]]`: the error rates of a released network (or the ensemble of both) on a labelled
 * folder, laid out one folder per class by WordNet ID or with LOC_val_solution.csv, with the same crops,
 * preprocessing and executor as the browser. Images stream through decode → crops → inference, the next one
 * decoding (sharp, off the main thread) while the current one runs; an unreadable image is skipped and
 * listed. `--shard` and `evaluate merge` split a run over processes or machines (evaluate-shard.ts,
 * evaluate-merge.ts). `--features-map` adds the feature map (feature-map.ts: each image's place on the first
 * two principal components of its pooled features).
 */
import { stat } from 'node:fs/promises';
import { listFilesFollowingLinks } from '../runtime/list-files.node.ts';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NETWORKS } from '../model/networks/index.ts';
import type { NetworkDefinition } from '../model/types.ts';
import { createClassifier, type Classifier } from '../runtime/classifier.ts';
import { isCropCount, type CropCount } from '../runtime/evaluation/crops.ts';
import { DatasetError, findLocCsv, labelDataset, type Dataset } from '../runtime/evaluation/dataset.ts';
import { LocCsvError } from '../runtime/evaluation/loc-csv.ts';
import { CLASSIFIABLE_NETWORKS } from '../model/networks/index.ts';
import type { ClassifiableNetwork } from '../model/types.ts';
import { modeNetworks, passesPerImage, type ModelChoice } from '../runtime/evaluation/mode.ts';
import { modeOutcomes, recordPredictions } from '../runtime/evaluation/outcomes.ts';
import { predictCrops, type CropPrediction } from '../runtime/evaluation/predict.ts';
import { parseRealLabels, RealLabelsError, type RealLabels } from '../runtime/evaluation/real-labels.ts';
import type { ImageRecord } from '../runtime/evaluation/records.ts';
import { runEvaluation, type EvaluateImage } from '../runtime/evaluation/run.ts';
import { decodeImageFile } from '../runtime/preprocess/decode.node.ts';
import { ImageInputError } from '../runtime/preprocess/errors.ts';
import type { TensorSource } from '../runtime/weights/types.ts';
import { backendFor, backendsText, startCliBackend, stopCliBackend } from './backend-args.ts';
import { EVALUATE_MERGE_USAGE, runEvaluateMerge } from './evaluate-merge.ts';
import { printEvaluation, writePredictionsCsv, type EvaluationOutcome } from './evaluate-output.ts';
import type { WeightsFileReport } from './evaluate-report.ts';
import { inShard, shardFor, writeRecordsFile } from './evaluate-shard.ts';
import { featureNetwork, keepsFeatures } from '../runtime/evaluation/feature-map.ts';
import { CliError, type Io } from './io.ts';
import { describeWeights, loadWeights } from './network-args.ts';
import { progressBar } from './progress-bar.ts';
import { fileErrorReason, InputFileError } from '../runtime/file-errors.node.ts';
import { readInputText } from '../runtime/input-file.node.ts';
import { checkOutputPath } from '../runtime/output-file.node.ts';
import { usageErrorFor } from './command-args.ts';

export const EVALUATE_USAGE =
  'inception-explorer evaluate <dir> --model inception-v4|inception-resnet-v2 | --ensemble ' +
  '--weights <file.safetensors> [--weights <file>] [--crops 1|12|144] [--real real.json] [--limit N] ' +
  `[--backend ${backendsText()}] [--shard K/N --records FILE] [--csv FILE] [--json [--features-map]]\n` +
  `      ${EVALUATE_MERGE_USAGE}`;

const usageError = usageErrorFor(EVALUATE_USAGE);

const released = (network: ClassifiableNetwork) =>
  NETWORKS[network].released as NetworkDefinition & { checkpoint: NonNullable<NetworkDefinition['checkpoint']> };

/** Every file under `dir` (symbolic links followed), as paths relative to it with "/" separators. */
async function listFiles(dir: string): Promise<string[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new CliError(`${dir}: no such directory`);
  if (!info.isDirectory())
    throw new CliError(
      `${dir}: not a directory; give the folder of labelled images (one subfolder per class named by WordNet ID, or with LOC_val_solution.csv)`,
    );
  return listFilesFollowingLinks(dir);
}

async function readDataset(dir: string): Promise<Dataset> {
  const files = (await listFiles(dir)).map((path) => ({ path }));
  const csv = findLocCsv(files);
  try {
    return labelDataset(files, csv ? await readInputText(join(dir, csv.path)) : undefined);
  } catch (error) {
    if (error instanceof DatasetError || error instanceof LocCsvError) throw new CliError(`${dir}: ${error.message}`);
    if (error instanceof InputFileError) throw new CliError(`${error.path}: cannot read the labels (${error.reason})`);
    throw error;
  }
}

async function readReal(path: string): Promise<RealLabels> {
  let text: string;
  try {
    text = await readInputText(path);
  } catch (error) {
    throw new CliError(`--real ${path}: cannot read the file (${fileErrorReason(error)})`);
  }
  try {
    return parseRealLabels(JSON.parse(text), path);
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new CliError(
        `--real ${path}: not JSON (${error.message}); give real.json of google-research/reassessed-imagenet`,
      );
    if (error instanceof RealLabelsError) throw new CliError(`--real ${error.message}`);
    throw error;
  }
}

interface EvaluateWeights {
  tensors: Map<ClassifiableNetwork, TensorSource>;
  /** Each file as the report shows it, and the line that says whether it is the published checkpoint. */
  files: { report: WeightsFileReport; line: string }[];
}

/** Reads the weights files (the check every command shares) and matches each to the network it fits. */
async function readWeights(
  paths: readonly string[],
  networks: readonly ClassifiableNetwork[],
): Promise<EvaluateWeights> {
  const found = new Map<ClassifiableNetwork, TensorSource>();
  const files: EvaluateWeights['files'] = [];
  for (const path of paths) {
    const loaded = await loadWeights(path, networks.map(released));
    const { network, tensors, sha256, published } = loaded;
    files.push({ report: { file: path, model: network.id, sha256, published }, line: describeWeights(path, loaded) });
    const fit = network.id as ClassifiableNetwork;
    if (found.has(fit)) {
      const title = released(fit).title;
      throw new CliError(`${path}: a second weights file of ${title}; --ensemble needs one file of each network`);
    }
    found.set(fit, tensors);
  }
  const missing = networks.filter((n) => !found.has(n));
  if (missing.length > 0)
    throw new CliError(
      `no weights file of ${missing.map((n) => released(n).title).join(' and ')} among --weights ${paths.join(' ')}`,
    );
  return { tensors: found, files };
}

export async function runEvaluate(args: readonly string[], io: Io): Promise<number> {
  if (args[0] === 'merge') return runEvaluateMerge(args.slice(1), io);
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      model: { type: 'string' },
      ensemble: { type: 'boolean', default: false },
      weights: { type: 'string', multiple: true },
      crops: { type: 'string', default: '1' },
      real: { type: 'string' },
      limit: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      json: { type: 'boolean', default: false },
      'features-map': { type: 'boolean', default: false },
      shard: { type: 'string' },
      records: { type: 'string' },
      csv: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1)
    throw usageError(
      positionals.length === 0
        ? 'expected the folder of labelled images'
        : `expected one folder, got ${positionals.length}`,
    );
  if (values.ensemble === (values.model !== undefined)) throw usageError('give either --model or --ensemble');
  if (values.model !== undefined && !CLASSIFIABLE_NETWORKS.includes(values.model as ClassifiableNetwork)) {
    throw usageError(
      `unknown model "${values.model}"; valid models: ${CLASSIFIABLE_NETWORKS.join(', ')} (or --ensemble)`,
    );
  }
  const model: ModelChoice = values.ensemble ? 'ensemble' : (values.model as ClassifiableNetwork);
  const networks = modeNetworks(model);
  const weightPaths = values.weights ?? [];
  if (weightPaths.length !== networks.length) {
    throw usageError(
      model === 'ensemble'
        ? '--ensemble needs two --weights files, one of each network'
        : `--model ${model} needs one --weights file`,
    );
  }
  const crops = Number(values.crops);
  if (!isCropCount(crops)) throw usageError(`--crops must be 1, 12 or 144, got "${values.crops}"`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
    throw usageError(`--limit must be a positive whole number, got "${values.limit}"`);
  const backend = backendFor(values.backend, usageError);
  const shard = shardFor(values.shard, usageError);
  if (shard && values.records === undefined) {
    throw usageError("--shard needs --records FILE, where the shard's results go for evaluate merge");
  }
  if (values.records !== undefined) await checkOutputPath(values.records, '--records');
  if (values.csv !== undefined) await checkOutputPath(values.csv, '--csv');
  if (values['features-map'] && !values.json)
    throw usageError('--features-map adds the feature map to the JSON report: add --json');
  const dir = positionals[0];

  // The set and the labels first: a wrong folder should not cost loading 200 MB of weights.
  const dataset = await readDataset(dir);
  const images = dataset.images.slice(0, limit);
  if (shard && shard.count > images.length) {
    throw usageError(
      `--shard ${shard.index}/${shard.count}: the run has ${images.length} image(s), so some shards ` +
        `would hold none; use at most ${images.length} shards`,
    );
  }
  const real = values.real === undefined ? undefined : await readReal(values.real);
  const weights = await readWeights(weightPaths, networks);
  const active = await startCliBackend(backend, io, 'Use --backend wasm instead.');
  const classifiers = new Map<ClassifiableNetwork, Classifier>();
  const records: ImageRecord[] = [];
  const features = values['features-map'] ? new Map<number, Float32Array>() : undefined;
  try {
    for (const [network, tensors] of weights.tensors) {
      classifiers.set(network, createClassifier(released(network), tensors));
    }
    const evaluate = evaluateWith(
      dir,
      classifiers,
      crops,
      model === 'ensemble',
      features && { network: featureNetwork({ model, crops }), into: features },
    );
    await runEvaluation(
      {
        items: images.map((image, index) => ({ ...image, index })).filter((item) => inShard(shard, item.index)),
        passesPerImage: passesPerImage({ model, crops }),
        evaluate,
        isImageProblem: (error) => error instanceof ImageInputError,
        record: (record) => void records.push(record),
        onProgress: (progress) => io.progress?.(progressBar(progress)),
      },
      new AbortController().signal,
    );
  } finally {
    io.progress?.(undefined);
    for (const classifier of classifiers.values()) classifier.dispose();
    stopCliBackend(active);
  }

  const { layout, leftOut, warnings, classes } = dataset;
  const outcome: EvaluationOutcome = {
    model,
    crops,
    weights: weights.files.map((f) => f.report),
    weightLines: weights.files.map((f) => f.line),
    backend: `${active.title} (${active.detail})`,
    dir,
    dataset: { layout, leftOut, warnings, classes, images: dataset.images.length },
    total: images.length,
    records,
    ...(shard ? { shard } : {}),
    ...(real ? { real } : {}),
    ...(features ? { features } : {}),
  };
  if (values.records !== undefined) await writeRecordsFile(values.records, outcome, dataset);
  const merge = shard ? `: merge all ${shard.count} shards with evaluate merge` : '';
  const written =
    values.records === undefined
      ? []
      : ['', `Records of ${records.length} image(s) written to ${values.records}${merge}.`];
  if (values.csv !== undefined)
    written.push(...(written.length ? [] : ['']), await writePredictionsCsv(values.csv, outcome));
  printEvaluation(io, outcome, values.json, written);
  return 0;
}

/**
 * Decodes an image (an unreadable one rejects with ImageInputError) and predicts it in every mode the run
 * yields; with `features`, the pooled features of `features.network`'s centre crop (its first pass) go `into` the map.
 */
function evaluateWith(
  dir: string,
  classifiers: ReadonlyMap<ClassifiableNetwork, Classifier>,
  crops: CropCount,
  ensemble: boolean,
  features?: { network: ClassifiableNetwork; into: Map<number, Float32Array> },
): EvaluateImage {
  return async (item, { signal, onPass }) => {
    const image = await decodeImageFile(join(dir, item.path));
    const perNetwork = new Map<ClassifiableNetwork, CropPrediction>();
    for (const [network, classifier] of classifiers) {
      let wanted = network === features?.network && keepsFeatures(item.index);
      const forward = async (input: Float32Array) => {
        const classification = await classifier.classify(input, { name: item.path, features: wanted });
        if (wanted && classification.features) features!.into.set(item.index, classification.features);
        wanted = false;
        return classification.probabilities;
      };
      perNetwork.set(
        network,
        await predictCrops(image, released(network).checkpoint.preprocessing, crops, forward, { signal, onPass }),
      );
    }
    return { predictions: recordPredictions(modeOutcomes(crops, perNetwork, ensemble)) };
  };
}
