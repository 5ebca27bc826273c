/**
 * What the commands that run a network share: the model, its weights file, the inputs (photos or
 * preprocessed `.f32` tensors), the backend, residual scales and node names, each checked with a message
 * that says what to give instead (exit 2 for a usage error, 1 for a bad file).
 */
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { resolveNode } from '../model/analysis/node-names.ts';
import {
  describeScaleProblem,
  parseResidualScales,
  residualGroups,
  residualScaleProblems,
} from '../model/analysis/residual-groups.ts';
import { NETWORK_IDS, NETWORKS, isNetworkId, isSmallNetworkId } from '../model/networks/index.ts';
import { shortened } from '../model/shorten.ts';
import type { NetworkDefinition } from '../model/types.ts';
import { sha256Hex } from '../runtime/loading/sha256.ts';
import { loadImageForModel } from '../runtime/preprocess/decode.node.ts';
import { ImageInputError } from '../runtime/preprocess/errors.ts';
import { readCheckpointFile } from '../runtime/weights/checkpoint-file.ts';
import { FILE_LEVEL_PROBLEMS, WeightsFileError } from '../runtime/weights/errors.ts';
import type { TensorSource } from '../runtime/weights/types.ts';
import { readWeightsBytes } from '../runtime/weights/safetensors-file.node.ts';
import { CliError } from './io.ts';
import { fileErrorReason } from '../runtime/file-errors.node.ts';
import { readInputFile } from '../runtime/input-file.node.ts';
import { isStandIn } from '../runtime/weights/stand-in.ts';

const WITH_WEIGHTS = NETWORK_IDS.filter((id) => NETWORKS[id].released?.checkpoint);

/** The released network of `model`, which must have a pretrained checkpoint. */
export function networkFor(model: string): NetworkDefinition {
  const network = isNetworkId(model) ? NETWORKS[model].released : undefined;
  if (!network?.checkpoint) {
    const only = isSmallNetworkId(model) ? 'a small network to train' : "the paper's network only";
    const why = isNetworkId(model)
      ? `model "${model}" has no pretrained checkpoint (${only})`
      : `unknown model "${model}"`;
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
    bytes = await readInputFile(path);
  } catch (error) {
    throw new CliError(`${path}: cannot read the input (${fileErrorReason(error)})`);
  }
  if (bytes.length !== expected) {
    throw new CliError(
      `${path}: a .f32 input must be a preprocessed float32 NHWC [1, ${h}, ${w}, ${c}] tensor of ${expected} bytes, but the file has ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: expected / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

export interface CommandWeights {
  /** The network the file fits, among those asked for. */
  network: NetworkDefinition;
  tensors: TensorSource;
  /** SHA-256 of the file. */
  sha256: string;
  /** Whether it is the published checkpoint: its SHA-256 is the one pinned for the network. */
  published: boolean;
  /** Whether the file marks itself as stand-in weights (make-weights: runtime/weights/stand-in.ts). */
  standIn: boolean;
}

/**
 * The one place where every command that runs a network (classify, evaluate, activations, cam,
 * export-onnx) reads a weights file: the safetensors format, the fit (names and shapes) to one of
 * `networks`, and finite values (a NaN or ±Infinity would give garbage silently), by the check the
 * browser's worker uses. A file that fails is a CliError (exit 1) naming the file and the problem. A
 * file that passes says whether it is the published checkpoint (its SHA-256 is the pinned one).
 */
export async function loadWeights(
  path: string,
  networks: NetworkDefinition | readonly NetworkDefinition[],
): Promise<CommandWeights> {
  let bytes: Uint8Array;
  try {
    bytes = await readWeightsBytes(path);
  } catch (error) {
    if (error instanceof WeightsFileError) throw new CliError(error.message);
    throw error;
  }
  const problems: WeightsFileError[] = [];
  for (const network of Array.isArray(networks) ? networks : [networks as NetworkDefinition]) {
    try {
      const tensors = readCheckpointFile(bytes, path, analyzeNetwork(network));
      const sha256 = await sha256Hex(bytes as Uint8Array<ArrayBuffer>);
      const published = sha256 === network.checkpoint?.sha256;
      return { network, tensors, sha256, published, standIn: isStandIn(tensors.metadata) };
    } catch (error) {
      if (!(error instanceof WeightsFileError)) throw error;
      // A problem of the file itself (truncated, NaN…) is the same for every network: say it once.
      if (FILE_LEVEL_PROBLEMS.has(error.problem)) throw new CliError(error.message);
      if (!problems.some((p) => p.message === error.message)) problems.push(error);
    }
  }
  throw new CliError(problems.map((p) => p.message).join('; '));
}

/** "weights <file>: the published checkpoint, SHA-256 verified", or that it is not, and what that means. */
export function describeWeights(path: string, weights: CommandWeights): string {
  if (weights.published) return `weights ${path}: the published checkpoint, SHA-256 verified`;
  if (weights.standIn) {
    return (
      `weights ${path}: stand-in weights (made by make-weights, SHA-256 ${weights.sha256}), not the published ` +
      'checkpoint: the predictions mean nothing'
    );
  }
  return (
    `weights ${path}: not the published checkpoint (SHA-256 ${weights.sha256}; the published file's is ` +
    `${weights.network.checkpoint?.sha256}); the results are this file's, not the published network's`
  );
}

/**
 * `--residual-scale` values ("inception-resnet-a=0.17,inception-resnet-b=0", the flag may repeat) as
 * scale overrides, read and checked as the app reads `scale=` in its URL (parseResidualScales): known
 * groups, scales from 0 to 1; every problem is said, with what is valid.
 */
export function residualScalesFor(values: readonly string[], network: NetworkDefinition): Record<string, number> {
  const groups = residualGroups(analyzeNetwork(network));
  const { scales, malformed } = parseResidualScales(values.join(','));
  if (malformed.length > 0) {
    throw new CliError(
      '--residual-scale takes GROUP=SCALE pairs separated by commas (e.g. inception-resnet-b=0), ' +
        `got "${shortened(malformed[0])}"`,
      2,
    );
  }
  const problems = residualScaleProblems(groups, scales);
  if (problems.length > 0) {
    const messages = new Set(problems.map((p) => describeScaleProblem(p, groups)));
    throw new CliError(`--residual-scale: ${[...messages].join('; ')}`, 2);
  }
  return scales;
}

/** `--node` names (explorer addresses or timm module names) as explorer addresses. */
export function nodesFor(names: readonly string[], network: NetworkDefinition): string[] {
  const analysis = analyzeNetwork(network);
  return names.map((name) => {
    const found = resolveNode(analysis, name);
    if (!found.ok) throw new CliError(`--node: ${found.message}`, 2);
    return found.address;
  });
}
