/**
 * `inception-explorer classify <input...> --model <id> --weights <file.safetensors> [--top K]
 * [--backend wasm|cpu] [--logits] [--json]`: the released networks on photos or preprocessed tensors,
 * computed exactly as in the browser (same preprocessing, same executor).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { NETWORK_IDS, NETWORKS, isNetworkId } from '../model/networks/index.ts';
import type { NetworkDefinition } from '../model/types.ts';
import { activateNodeBackend, type NodeBackendChoice } from '../runtime/backends/backends.node.ts';
import { ClassifierBuildError, ClassifierInputError, createClassifier, type Classification } from '../runtime/classifier.ts';
import { IMAGENET_LABELS } from '../runtime/labels.ts';
import { loadImageForModel } from '../runtime/preprocess/decode.node.ts';
import { ImageInputError } from '../runtime/preprocess/errors.ts';
import { readCheckpointFile } from '../runtime/weights/checkpoint-file.ts';
import { WeightsFileError } from '../runtime/weights/errors.ts';
import { readWeightsBytes } from '../runtime/weights/safetensors-file.node.ts';
import { CliError, type Io } from './io.ts';

export const CLASSIFY_USAGE = 'inception-explorer classify <image or .f32 ...> --model inception-v4|inception-resnet-v2 '
  + '--weights <file.safetensors> [--top K] [--backend wasm|cpu] [--logits] [--json]';

const WITH_WEIGHTS = NETWORK_IDS.filter((id) => NETWORKS[id].released?.checkpoint);
const BACKENDS: readonly NodeBackendChoice[] = ['auto', 'wasm', 'cpu'];

export interface ClassifyResult {
  input: string;
  top: { index: number; label: string; probability: number }[];
  logits?: number[];
}

/** Exactly what `--json` prints. */
export interface ClassifyReport {
  model: string;
  backend: string;
  results: ClassifyResult[];
}

function usageError(message: string): CliError {
  return new CliError(`${message}\nusage: ${CLASSIFY_USAGE}`, 2);
}

export function networkFor(model: string): NetworkDefinition {
  const network = isNetworkId(model) ? NETWORKS[model].released : undefined;
  if (!network?.checkpoint) {
    const why = isNetworkId(model) ? `model "${model}" has no pretrained checkpoint (the paper's network only)` : `unknown model "${model}"`;
    throw new CliError(`${why}; valid models: ${WITH_WEIGHTS.join(', ')}`, 2);
  }
  return network;
}

/**
 * The network input for one command-line input: a `.f32` file is taken as already preprocessed
 * (raw float32 little-endian NHWC); anything else is decoded and preprocessed like the browser does.
 */
export async function loadInput(path: string, network: NetworkDefinition): Promise<Float32Array> {
  if (path.toLowerCase().endsWith('.f32')) return readF32(path, network);
  try {
    return (await loadImageForModel(path, network.checkpoint!.preprocessing)).tensor;
  } catch (error) {
    if (error instanceof ImageInputError) throw new CliError(error.message);
    throw error;
  }
}

async function readF32(path: string, network: NetworkDefinition): Promise<Float32Array> {
  const [h, w, c] = network.input;
  const expected = h * w * c * 4;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: cannot read the input (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message})`);
  }
  if (bytes.length !== expected) {
    throw new CliError(`${path}: a .f32 input must be a preprocessed float32 NHWC [1, ${h}, ${w}, ${c}] tensor of ${expected} bytes, but the file has ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: expected / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

export async function loadWeights(path: string, network: NetworkDefinition) {
  try {
    return readCheckpointFile(await readWeightsBytes(path), path, analyzeNetwork(network));
  } catch (error) {
    if (error instanceof WeightsFileError) throw new CliError(error.message);
    throw error;
  }
}

export async function runClassify(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      model: { type: 'string' },
      weights: { type: 'string' },
      top: { type: 'string', default: '5' },
      backend: { type: 'string', default: 'auto' },
      logits: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw usageError('expected at least one image or .f32 input');
  if (!values.model || !values.weights) throw usageError('--model and --weights are required');
  const network = networkFor(values.model);
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > network.classes) throw usageError(`--top must be an integer from 1 to ${network.classes}, got "${values.top}"`);
  const backend = values.backend as NodeBackendChoice;
  if (!BACKENDS.includes(backend)) throw usageError(`--backend must be wasm or cpu, got "${values.backend}"`);

  // Inputs first: a typo in a file name should not cost loading 200 MB of weights.
  const inputs: Float32Array[] = [];
  for (const path of positionals) inputs.push(await loadInput(path, network));
  const weights = await loadWeights(values.weights, network);
  const active = await activateNodeBackend(backend);

  let classifier;
  try {
    classifier = createClassifier(network, weights, { labels: IMAGENET_LABELS });
  } catch (error) {
    if (error instanceof ClassifierBuildError) throw new CliError(`${values.weights}: ${error.message}`);
    throw error;
  }
  const results: Array<{ input: string; classification: Classification }> = [];
  try {
    for (const [i, input] of inputs.entries()) {
      results.push({ input: positionals[i], classification: await classifier.classify(input, { topK: top, name: positionals[i] }) });
    }
  } catch (error) {
    if (error instanceof ClassifierInputError) throw new CliError(error.message);
    throw error;
  } finally {
    classifier.dispose();
  }

  const report: ClassifyReport = {
    model: network.id,
    backend: active.name,
    results: results.map(({ input, classification }) => ({
      input,
      top: classification.top.map(({ index, label, probability }) => ({ index, label, probability })),
      ...(values.logits ? { logits: Array.from(classification.logits) } : {}),
    })),
  };
  if (values.json) {
    io.out(JSON.stringify(report));
    return 0;
  }
  const lines = [`${network.title} on ${active.title} (${active.detail})`];
  for (const [i, result] of report.results.entries()) {
    lines.push('', `${result.input}  (${results[i].classification.timing.inferenceMs.toFixed(0)} ms)`);
    for (const [rank, p] of result.top.entries()) {
      lines.push(`  ${String(rank + 1).padStart(2)}. ${(100 * p.probability).toFixed(2).padStart(6)}%  ${String(p.index).padStart(3)}  ${p.label}`);
    }
    if (result.logits) lines.push(`  logits: ${result.logits.map((v) => v.toPrecision(7)).join(' ')}`);
  }
  io.out(lines.join('\n'));
  return 0;
}
