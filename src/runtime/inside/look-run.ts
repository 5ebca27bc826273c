/**
 * One look-inside run of a batch: the network (or its segments from `from`) run once with every
 * segment's input kept, each segment's depth reduction tapped and every residual node probed, each
 * example on its own (`perExample`). A look inside runs a batch of one; a classification's batch keeps
 * what the look inside of its photos needs (inside-network.ts), so that opening one costs no second pass.
 * Both go through this one function: their numbers are the same by construction.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Segment } from '../../model/analysis/segments.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import type { RunResult } from '../executor/run-options.ts';
import { depthPoint, DEPTH_REDUCTION, residualNorms } from './depth-profile.ts';
import type { DepthPoint, ResidualNorms } from './protocol.ts';
import { readBack } from './read-back.ts';
import type { TapGroups } from './tap-groups.ts';

/** What a run found for one example of the batch. */
export interface ExampleRun {
  /** The inputs of the segments run (only for the examples asked to keep them); the receiver disposes them. */
  inputs: Map<string, tf.Tensor4D>;
  /** The output of the run: the logits, unless it stopped earlier. */
  logits: Float32Array;
  /** One point per segment run. */
  points: DepthPoint[];
  /** ‖x‖, ‖r‖… of every residual node run. */
  norms: Map<string, ResidualNorms>;
  /** The values of each observed node's tap group (see TapGroups.split). */
  packed: Map<string, Float32Array>;
}

export interface LookRunOptions {
  /** The segments the run passes through (from `from`, or all). */
  segments: readonly Segment[];
  /** The first segment's address when `x` is its kept input. */
  from?: string;
  scales: Readonly<Record<string, number>>;
  /** The taps: each run segment's DEPTH_REDUCTION first, then whatever else is asked of the run. */
  groups: TapGroups;
  /** Examples whose segment inputs to keep (default: every example). */
  keep?: readonly number[];
}

/** Runs `x` ([N, …]) once; one ExampleRun per example. Disposes what it made, whatever happens; never `x`. */
export async function lookRun(
  executor: NetworkExecutor,
  x: tf.Tensor4D,
  options: LookRunOptions,
): Promise<ExampleRun[]> {
  const { segments, groups } = options;
  const count = x.shape[0];
  const keep = new Set(options.keep ?? Array.from({ length: count }, (_, i) => i));
  const run: RunResult = executor.run(x, {
    ...(options.from ? { from: options.from } : {}),
    keepSegmentInputs: true,
    perExample: true,
    taps: groups.taps(),
    probes: 'all',
    residualScales: options.scales,
  });
  // Each kept example's segment inputs, sliced out of the batch (a batch of one keeps its own tensors).
  const inputs = [...Array(count)].map(() => new Map<string, tf.Tensor4D>());
  try {
    for (const [address, batch] of run.segmentInputs) {
      for (const i of keep) inputs[i].set(address, (count === 1 ? batch : tf.slice(batch, i, 1)) as tf.Tensor4D);
      if (count > 1 || !keep.has(0)) batch.dispose();
    }
  } catch (error) {
    tf.dispose([run.output, ...run.tapped.values(), ...[...run.residuals.values()].map((p) => p.norms)]);
    for (const kept of inputs) tf.dispose([...kept.values()]);
    throw error;
  }
  const observed = groups.addresses();
  const probes = [...run.residuals];
  let values: Float32Array[];
  try {
    values = await readBack([
      run.output,
      ...observed.map((a) => run.tapped.get(a)!),
      ...probes.map(([, p]) => p.norms),
    ]);
  } catch (error) {
    for (const kept of inputs) tf.dispose([...kept.values()]);
    throw error;
  }
  const row = (all: Float32Array, i: number) => all.subarray((i * all.length) / count, ((i + 1) * all.length) / count);
  return inputs.map((kept, i) => {
    const packed = new Map(observed.map((a, j) => [a, row(values[1 + j], i)]));
    const norms = new Map(
      probes.map(([a, p], j) => [a, residualNorms(p.scale, row(values[1 + observed.length + j], i))]),
    );
    const points = segments.map((s) =>
      depthPoint(s, groups.split(s.address, packed.get(s.address)!)[0], norms.get(s.address)),
    );
    return { inputs: kept, logits: Float32Array.from(row(values[0], i)), points, norms, packed };
  });
}

/** Tap groups with each segment's depth reduction, for a run through `segments`. */
export function depthGroups(groups: TapGroups, segments: readonly Segment[]): TapGroups {
  for (const s of segments) groups.add(s.address, DEPTH_REDUCTION);
  return groups;
}
