/**
 * Checks a run's input and options against the network before anything is computed, and turns them into
 * what the evaluation needs: the segments to run, the nodes to observe, the scale of each residual.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { walk, type NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { checkResidualScales, type ResidualGroup } from '../../model/analysis/residual-groups.ts';
import { siteOf, type Segment } from '../../model/analysis/segments.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import type { LayerTensors } from './layer-weights.ts';
import type { RunOptions, Tap, TrainingLayers } from './run-options.ts';

/** A run-time input or option that the network cannot take (wrong rank, channels, too small a grid, unknown node). */
export class ExecutorInputError extends Error {}

export interface RunPlan {
  analysis: NetworkAnalysis;
  /** The segments to run, in order. */
  segments: Segment[];
  capture: ReadonlySet<string>;
  taps?: ReadonlyMap<string, Tap>;
  keepSegmentInputs: boolean;
  perExample: boolean;
  substitute?: { address: string; tensor: tf.Tensor };
  differentiable: boolean;
  weights?: ReadonlyMap<string, LayerTensors>;
  training?: TrainingLayers;
  /** The scale of a residual node in this run. */
  scaleOf(address: string): number;
  /** Whether to return this residual node's norms. */
  probes(address: string): boolean;
}

/** What planning needs of the executor. */
export interface Plannable {
  readonly network: NetworkDefinition;
  readonly until?: string;
  at(size: readonly [number, number]): { analysis: NetworkAnalysis; segments: Segment[]; groups: ResidualGroup[] };
}

export function planRun(executor: Plannable, input: tf.Tensor, options: RunOptions): RunPlan {
  const network = executor.network;
  if (input.rank !== 4) {
    throw new ExecutorInputError(
      options.from
        ? `the input of segment "${options.from}" must be a batch [N, H, W, C], got shape [${input.shape.join(', ')}]`
        : `the input must be a batch of images [N, H, W, ${network.input[2]}], got shape [${input.shape.join(', ')}]`,
    );
  }
  const [, h, w, c] = input.shape;
  if (!options.from && c !== network.input[2])
    throw new ExecutorInputError(`the input has ${c} channels; ${network.title} takes ${network.input[2]}`);
  const size = options.from
    ? (options.inputSize ?? ([network.input[0], network.input[1]] as const))
    : ([h, w] as const);
  const { analysis, segments, groups } = executor.at(size);

  const indexOf = (address: string, role: string): number => {
    const segment = segments.find((s) => s.address === address);
    if (!segment) {
      const examples = segments
        .slice(0, 3)
        .map((s) => s.address)
        .join(', ');
      throw new ExecutorInputError(
        `cannot ${role} at "${address}": segments are top-level stages and repetitions (${examples}, …)`,
      );
    }
    return segment.index;
  };
  const first = options.from ? indexOf(options.from, 'start') : 0;
  let last = options.to ? indexOf(options.to, 'stop') : segments.length - 1;
  if (last < first)
    throw new ExecutorInputError(`cannot run from "${options.from}" to "${options.to}": it comes before`);
  if (options.from) {
    const expected = segments[first].node.input;
    if (input.shape.slice(1).join('x') !== expected.join('x')) {
      throw new ExecutorInputError(
        `the input of segment "${options.from}" must be [N, ${expected.join(', ')}], got [${input.shape.join(', ')}]`,
      );
    }
  }
  const until = executor.until;
  if (until) last = Math.min(last, siteOf(segments, analysis, until)!.segment.index);

  const check = (address: string, role: string) => {
    if (!analysis.byAddress.has(address))
      throw new ExecutorInputError(`cannot ${role} "${address}": no node has this address`);
    if (until && !computes(analysis, until, address))
      throw new ExecutorInputError(`cannot ${role} "${address}": this executor stops at "${until}"`);
    const index = siteOf(segments, analysis, address)!.segment.index;
    if (index < first || index > last) {
      throw new ExecutorInputError(
        `cannot ${role} "${address}": this run computes ${segments[first].address} to ${segments[last].address} only`,
      );
    }
  };
  const capture = new Set(options.capture ?? []);
  for (const address of capture) check(address, 'capture');
  for (const address of options.taps?.keys() ?? []) check(address, 'tap');
  if (until) capture.add(until);
  const probed = options.probes === 'all' ? undefined : new Set(options.probes ?? []);
  for (const address of probed ?? []) {
    check(address, 'probe');
    if (analysis.byAddress.get(address)!.node.kind !== 'residual')
      throw new ExecutorInputError(`cannot probe "${address}": it is not a residual block`);
  }
  if (options.substitute) {
    const { address, tensor } = options.substitute;
    check(address, 'substitute');
    if (analysis.byAddress.get(address)!.node.kind === 'repeat') {
      throw new ExecutorInputError(
        `cannot substitute "${address}": it is a whole repeat; substitute its last repetition's output`,
      );
    }
    const expected = analysis.byAddress.get(address)!.output;
    if (tensor.shape.slice(1).join('x') !== expected.join('x') || tensor.shape[0] !== input.shape[0]) {
      throw new ExecutorInputError(
        `cannot substitute "${address}": its output is [${input.shape[0]}, ${expected.join(', ')}], got [${tensor.shape.join(', ')}]`,
      );
    }
  }

  const scales = checkResidualScales(groups, options.residualScales ?? {});
  if (!scales.ok) throw new ExecutorInputError(scales.message);
  return {
    analysis,
    segments: segments.slice(first, last + 1),
    capture,
    ...(options.taps ? { taps: options.taps } : {}),
    keepSegmentInputs: Boolean(options.keepSegmentInputs),
    perExample: Boolean(options.perExample),
    ...(options.substitute ? { substitute: options.substitute } : {}),
    differentiable: Boolean(options.differentiable || options.training),
    ...(options.weights ? { weights: options.weights } : {}),
    ...(options.training ? { training: options.training } : {}),
    scaleOf(address) {
      const node = analysis.byAddress.get(address)?.node;
      if (node?.kind !== 'residual' || typeof node.scale !== 'number')
        throw new Error(`internal: ${address} has no fixed residual scale`);
      return scales.scales.get(address.split('/')[0]) ?? node.scale;
    },
    probes: (address) => (probed ? probed.has(address) : analysis.byAddress.get(address)?.node.kind === 'residual'),
  };
}

/** Whether an executor built `until` a node computes `address` (nodes after it, and its ancestors, are cut short). */
function computes(analysis: NetworkAnalysis, until: string, address: string): boolean {
  const order = analysis.stages.flatMap((s) => [...walk(s)]);
  const stop = order.findIndex((n) => n.address === until);
  const last = stop + [...walk(order[stop])].length - 1;
  const index = order.findIndex((n) => n.address === address);
  return index <= last && !(index < stop && until.startsWith(`${address}/`));
}
