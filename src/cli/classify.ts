/**
 * `inception-explorer classify <input...> --model <id> --weights <file.safetensors> [--top K]
 * [--backend wasm|webgpu|cpu] [--logits] [--json] [--residual-scale GROUP=S,...]`: the released networks on photos or
 * preprocessed tensors, residual groups optionally rescaled,
 * computed exactly as in the browser (same preprocessing, same executor).
 */
import { parseArgs } from 'node:util';
import {
  ClassifierBuildError,
  ClassifierInputError,
  createClassifier,
  type Classification,
} from '../runtime/classifier.ts';
import { IMAGENET_LABELS } from '../runtime/labels.ts';
import { backendsText, startCliBackend, stopCliBackend } from './backend-args.ts';
import { fractionPercent } from './format.ts';
import { NETWORK_OPTIONS, networkArgs, usageErrorFor } from './command-args.ts';
import { CliError, type Io } from './io.ts';
import { describeWeights, loadInput, loadWeights, residualScalesFor } from './network-args.ts';

export const CLASSIFY_USAGE =
  'inception-explorer classify <image or .f32 ...> --model inception-v4|inception-resnet-v2 ' +
  `--weights <file.safetensors> [--top K] [--backend ${backendsText()}] [--logits] [--json] [--residual-scale GROUP=S,...]`;

export interface ClassifyResult {
  input: string;
  top: { index: number; label: string; probability: number }[];
  logits?: number[];
}

/** Exactly what `--json` prints. */
export interface ClassifyReport {
  model: string;
  backend: string;
  /** The weights file, its SHA-256, whether it is the published checkpoint, and whether it is stand-in weights. */
  weights: { file: string; sha256: string; published: boolean; standIn: boolean };
  results: ClassifyResult[];
}

const usageError = usageErrorFor(CLASSIFY_USAGE);

export async function runClassify(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      ...NETWORK_OPTIONS,
      top: { type: 'string', default: '5' },
      logits: { type: 'boolean', default: false },
      'residual-scale': { type: 'string', multiple: true, default: [] },
    },
    allowPositionals: true,
    strict: true,
  });
  const { network, weights: weightsPath, backend } = networkArgs(values, positionals, usageError);
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > network.classes)
    throw usageError(`--top must be an integer from 1 to ${network.classes}, got "${values.top}"`);
  const residualScales = residualScalesFor(values['residual-scale'], network);

  // Inputs first: a typo in a file name should not cost loading 200 MB of weights.
  const inputs: Float32Array[] = [];
  for (const path of positionals) inputs.push(await loadInput(path, network));
  const loaded = await loadWeights(weightsPath, network);
  const weights = loaded.tensors;
  const active = await startCliBackend(backend, io, 'Use --backend wasm instead.');

  const results: Array<{ input: string; classification: Classification }> = [];
  try {
    let classifier;
    try {
      classifier = createClassifier(network, weights, { labels: IMAGENET_LABELS });
    } catch (error) {
      if (error instanceof ClassifierBuildError) throw new CliError(`${weightsPath}: ${error.message}`);
      throw error;
    }
    try {
      for (const [i, input] of inputs.entries()) {
        results.push({
          input: positionals[i],
          classification: await classifier.classify(input, { topK: top, name: positionals[i], residualScales }),
        });
      }
    } catch (error) {
      if (error instanceof ClassifierInputError) throw new CliError(error.message);
      throw error;
    } finally {
      classifier.dispose();
    }
  } finally {
    stopCliBackend(active);
  }

  const report: ClassifyReport = {
    model: network.id,
    backend: active.name,
    weights: { file: weightsPath, sha256: loaded.sha256, published: loaded.published, standIn: loaded.standIn },
    results: results.map(({ input, classification }) => ({
      input,
      top: classification.top.map(({ classIndex, label, probability }) => ({ index: classIndex, label, probability })),
      ...(values.logits ? { logits: Array.from(classification.logits) } : {}),
    })),
  };
  if (values.json) {
    io.out(JSON.stringify(report));
    return 0;
  }
  const changed = Object.entries(residualScales).map(([group, scale]) => `${group}=${scale}`);
  const scales = changed.length ? `, residual scales ${changed.join(', ')}` : '';
  const lines = [
    `${network.title} on ${active.title} (${active.detail})${scales}`,
    describeWeights(weightsPath, loaded),
  ];
  for (const [i, result] of report.results.entries()) {
    lines.push('', `${result.input}  (${results[i].classification.timing.inferenceMs.toFixed(0)} ms)`);
    for (const [rank, p] of result.top.entries()) {
      lines.push(
        `  ${String(rank + 1).padStart(2)}. ${fractionPercent(p.probability, 2).padStart(7)}  ${String(p.index).padStart(3)}  ${p.label}`,
      );
    }
    if (result.logits) lines.push(`  logits: ${result.logits.map((v) => v.toPrecision(7)).join(' ')}`);
  }
  io.out(lines.join('\n'));
  return 0;
}
