/**
 * Does a weights file fit a definition? Compares a `TensorSource` (a parsed file) with the tensors the
 * definition expects (`checkpointTensors`, the only source of names and shapes) and names the first
 * problem: a checkpoint of another network, something that is no Inception checkpoint at all, a missing
 * tensor, a wrong shape, or a tensor the network has no place for.
 */
import { analyzeNetwork, type NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { checkpointTensors, type CheckpointTensor } from '../../model/analysis/checkpoint.ts';
import { nodeLabel } from '../../model/analysis/labels.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import type { NetworkDefinition, NetworkId } from '../../model/types.ts';
import { englishFailure, type FailureDetail } from '../failure-words.ts';
import { WeightsFileError, type WeightsFileProblem } from './errors.ts';
import type { TensorSource } from './types.ts';

export type WeightsProblem = Extract<
  WeightsFileProblem,
  'no-layout' | 'wrong-model' | 'not-inception' | 'missing' | 'shape' | 'unexpected'
>;

export type WeightsCheck =
  | { ok: true; tensors: number }
  /** `message` is the English of `detail`. */
  | {
      ok: false;
      problem: WeightsProblem;
      message: string;
      detail: FailureDetail;
      tensor?: string;
      /** For 'wrong-model': the network whose checkpoint the file is (a view can offer to load it there). */
      fits?: NetworkId;
    };

/** Below this share of the expected names present, the file is judged to be some other checkpoint. */
const SAME_MODEL_SHARE = 0.5;

export function checkWeights(analysis: NetworkAnalysis, source: TensorSource, fileName: string): WeightsCheck {
  const network = analysis.network;
  const { tensors: expected, unkeyed } = checkpointTensors(analysis);
  if (unkeyed.length > 0 || expected.length === 0) {
    return fail('no-layout', undefined, {
      code: 'weights.no-layout',
      params: { file: fileName, network: network.title, variant: network.variant },
    });
  }
  const present = source.names();
  const presentSet = new Set(present);
  const found = expected.filter((t) => presentSet.has(t.name)).length;
  if (found < SAME_MODEL_SHARE * expected.length) return otherModel(network, expected.length, present, found, fileName);

  for (const t of expected) {
    if (!presentSet.has(t.name)) {
      const layer = analysis.byAddress.get(t.address);
      return fail('missing', t.name, {
        code: 'weights.missing',
        params: {
          file: fileName,
          tensor: t.name,
          kind: t.kind,
          shape: t.shape.join(', '),
          ...(layer ? { layer: nodeLabel(layer.node) } : {}),
          address: t.address,
          network: network.title,
          expected: expected.length,
        },
      });
    }
    const shape = source.shapeOf?.(t.name) ?? source.get(t.name)?.shape;
    if (!shape || !sameShape(shape, t.shape)) {
      return fail('shape', t.name, {
        code: 'weights.shape',
        params: {
          file: fileName,
          tensor: t.name,
          shape: shape?.join(', ') ?? '?',
          network: network.title,
          expected: t.shape.join(', '),
        },
      });
    }
  }
  const expectedNames = new Set(expected.map((t) => t.name));
  const extra = present.filter((name) => !expectedNames.has(name));
  if (extra.length > 0) {
    return fail('unexpected', extra[0], {
      code: 'weights.unexpected',
      params: {
        file: fileName,
        tensor: extra[0]!,
        more: extra.length - 1,
        network: network.title,
      },
    });
  }
  return { ok: true, tensors: expected.length };
}

/** Like `checkWeights`, but throws `WeightsFileError` with the message (for callers that stop there). */
export function assertWeights(analysis: NetworkAnalysis, source: TensorSource, fileName: string): void {
  const check = checkWeights(analysis, source, fileName);
  if (!check.ok) throw new WeightsFileError(fileName, check.detail, check.tensor, check.problem, check.fits);
}

function fail(problem: WeightsProblem, tensor: string | undefined, detail: FailureDetail): WeightsCheck {
  return { ok: false, problem, ...(tensor !== undefined ? { tensor } : {}), message: englishFailure(detail), detail };
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

function otherModel(
  network: NetworkDefinition,
  expectedCount: number,
  present: readonly string[],
  found: number,
  fileName: string,
): WeightsCheck {
  const wanted = checkpointName(network);
  let best: { network: NetworkDefinition; share: number; count: number } | undefined;
  for (const other of releasedLayouts()) {
    if (other.network.id === network.id) continue;
    const count = present.filter((name) => other.names.has(name)).length;
    const share = count / other.names.size;
    if (share >= SAME_MODEL_SHARE && (!best || share > best.share)) best = { network: other.network, share, count };
  }
  const ours = { found, network: network.title, expected: expectedCount };
  if (best) {
    const detail: FailureDetail = {
      code: 'weights.wrong-model',
      params: {
        file: fileName,
        looksLike: checkpointName(best.network),
        wanted,
        count: best.count,
        other: best.network.title,
        ...ours,
      },
    };
    return { ok: false, problem: 'wrong-model', message: englishFailure(detail), detail, fits: best.network.id };
  }
  return fail('not-inception', undefined, {
    code: 'weights.not-inception',
    params: {
      file: fileName,
      tensors: present.length,
      sample: present.slice(0, 2),
      ...ours,
    },
  });
}

/** The released network whose checkpoint tensor names best match `names` (at least half), if any. */
export function closestCheckpoint(
  names: readonly string[],
): { network: NetworkDefinition; count: number; expected: number } | undefined {
  let best: { network: NetworkDefinition; count: number; expected: number } | undefined;
  for (const layout of releasedLayouts()) {
    const count = names.filter((name) => layout.names.has(name)).length;
    if (
      count >= SAME_MODEL_SHARE * layout.names.size &&
      (!best || count / layout.names.size > best.count / best.expected)
    ) {
      best = { network: layout.network, count, expected: layout.names.size };
    }
  }
  return best;
}
