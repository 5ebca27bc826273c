/**
 * Does a weights file fit a definition? Compares a `TensorSource` (a parsed file) with the tensors the
 * definition expects (`checkpointTensors`, the only source of names and shapes) and names the first
 * problem: a checkpoint of another network, something that is no Inception checkpoint at all, a missing
 * tensor, a wrong shape, or a tensor the network has no place for.
 */
import { analyzeNetwork, type NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { checkpointTensors, type CheckpointTensor, type TensorKind } from '../../model/analysis/checkpoint.ts';
import { nodeLabel } from '../../model/analysis/labels.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import type { NetworkDefinition, NetworkId } from '../../model/types.ts';
import { WeightsFileError, type WeightsFileProblem } from './errors.ts';
import type { TensorSource } from './types.ts';

export type WeightsProblem = Extract<WeightsFileProblem, 'no-layout' | 'wrong-model' | 'not-inception' | 'missing' | 'shape' | 'unexpected'>;

export type WeightsCheck =
  | { ok: true; tensors: number }
  | { ok: false; problem: WeightsProblem; message: string; tensor?: string;
    /** For 'wrong-model': the network whose checkpoint the file is (a view can offer to load it there). */
    fits?: NetworkId; };

const KIND_LABELS: Readonly<Record<TensorKind, string>> = {
  conv_weight: 'conv weight', conv_bias: 'conv bias',
  bn_weight: 'batch-norm scale', bn_bias: 'batch-norm offset', bn_running_mean: 'batch-norm running mean', bn_running_var: 'batch-norm running variance',
  linear_weight: 'classifier weight', linear_bias: 'classifier bias',
};

/** Below this share of the expected names present, the file is judged to be some other checkpoint. */
const SAME_MODEL_SHARE = 0.5;

export function checkWeights(analysis: NetworkAnalysis, source: TensorSource, fileName: string): WeightsCheck {
  const network = analysis.network;
  const { tensors: expected, unkeyed } = checkpointTensors(analysis);
  if (unkeyed.length > 0 || expected.length === 0) {
    return {
      ok: false,
      problem: 'no-layout',
      message: `cannot check ${fileName}: ${network.title} (${network.variant}) has no checkpoint layout, so no weights file fits it; use a released variant`,
    };
  }
  const present = source.names();
  const presentSet = new Set(present);
  const found = expected.filter((t) => presentSet.has(t.name)).length;
  if (found < SAME_MODEL_SHARE * expected.length) return otherModel(network, expected.length, present, found, fileName);

  for (const t of expected) {
    if (!presentSet.has(t.name)) {
      const layer = analysis.byAddress.get(t.address);
      const owner = layer ? `${nodeLabel(layer.node)} at ${t.address}` : t.address;
      return fail('missing', t.name, `${fileName}: tensor ${t.name} is missing (the ${KIND_LABELS[t.kind]} [${t.shape.join(', ')}] of the ${owner}); ${network.title} expects ${expected.length} tensors`);
    }
    const shape = source.shapeOf?.(t.name) ?? source.get(t.name)?.shape;
    if (!shape || !sameShape(shape, t.shape)) {
      return fail('shape', t.name, `${fileName}: ${t.name} has shape [${shape?.join(', ') ?? '?'}] but ${network.title} expects [${t.shape.join(', ')}]`);
    }
  }
  const expectedNames = new Set(expected.map((t) => t.name));
  const extra = present.filter((name) => !expectedNames.has(name));
  if (extra.length > 0) {
    const more = extra.length > 1 ? ` (and ${extra.length - 1} more)` : '';
    return fail('unexpected', extra[0], `${fileName}: unexpected tensor ${extra[0]}${more}: ${network.title} has no layer for it`);
  }
  return { ok: true, tensors: expected.length };
}

/** Like `checkWeights`, but throws `WeightsFileError` with the message (for callers that stop there). */
export function assertWeights(analysis: NetworkAnalysis, source: TensorSource, fileName: string): void {
  const check = checkWeights(analysis, source, fileName);
  if (!check.ok) throw new WeightsFileError(fileName, check.message, check.tensor, check.problem, check.fits);
}

function fail(problem: WeightsProblem, tensor: string, message: string): WeightsCheck {
  return { ok: false, problem, tensor, message };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** timm's name of a network's checkpoint ("timm/inception_v4.tf_in1k" → "inception_v4"), else its id. */
function checkpointName(network: NetworkDefinition): string {
  return network.checkpoint?.repo.replace(/^.*\//, '').replace(/\..*$/, '') ?? network.id;
}

let released: Array<{ network: NetworkDefinition; names: ReadonlySet<string> }> | undefined;

/** The expected tensor names of every released network, computed once. */
function releasedLayouts() {
  released ??= Object.values(NETWORKS).flatMap((variants) => {
    const network = variants.released;
    if (!network) return [];
    const tensors: CheckpointTensor[] = checkpointTensors(analyzeNetwork(network)).tensors;
    return [{ network, names: new Set(tensors.map((t) => t.name)) }];
  });
  return released;
}

function otherModel(network: NetworkDefinition, expectedCount: number, present: readonly string[], found: number, fileName: string): WeightsCheck {
  const wanted = checkpointName(network);
  let best: { network: NetworkDefinition; share: number; count: number } | undefined;
  for (const other of releasedLayouts()) {
    if (other.network.id === network.id) continue;
    const count = present.filter((name) => other.names.has(name)).length;
    const share = count / other.names.size;
    if (share >= SAME_MODEL_SHARE && (!best || share > best.share)) best = { network: other.network, share, count };
  }
  const ours = `${found === 0 ? 'none' : `only ${found}`} of ${network.title}'s ${expectedCount} tensors`;
  if (best) {
    return {
      ok: false,
      problem: 'wrong-model',
      fits: best.network.id,
      message: `${fileName} looks like an ${checkpointName(best.network)} checkpoint, not ${wanted}: it has ${best.count} of ${best.network.title}'s tensors and ${ours}`,
    };
  }
  const sample = present.slice(0, 2).map((n) => `"${n}"`).join(', ');
  const holds = present.length === 0 ? 'holds no tensors' : `holds ${present.length} tensors (${sample}${present.length > 2 ? ', …' : ''})`;
  return {
    ok: false,
    problem: 'not-inception',
    message: `${fileName} is not an Inception checkpoint: it ${holds}, with ${ours}, and matches no other network here`,
  };
}

/** The released network whose checkpoint tensor names best match `names` (at least half), if any. */
export function closestCheckpoint(names: readonly string[]): { network: NetworkDefinition; count: number; expected: number } | undefined {
  let best: { network: NetworkDefinition; count: number; expected: number } | undefined;
  for (const layout of releasedLayouts()) {
    const count = names.filter((name) => layout.names.has(name)).length;
    if (count >= SAME_MODEL_SHARE * layout.names.size && (!best || count / layout.names.size > best.count / best.expected)) {
      best = { network: layout.network, count, expected: layout.names.size };
    }
  }
  return best;
}
