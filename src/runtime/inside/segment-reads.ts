/**
 * Reading nodes' outputs out of what a segment cache keeps: each segment holding requested nodes is run
 * once from its kept input with all their reductions, and a segment's own output (a stage's, the boxes of
 * the network's diagram) is reduced from what is kept of it without running anything.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Segment, SegmentSite } from '../../model/analysis/segments.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import type { RunResult, Tap } from '../executor/run-options.ts';
import { residualNorms } from './depth-profile.ts';
import type { ResidualNorms } from './protocol.ts';
import { readBack } from './read-back.ts';
import type { Reduction } from './reductions.ts';
import { TapGroups } from './tap-groups.ts';

/** What a segment cache keeps of its last run (the cache owns every tensor). */
export interface KeptSegments {
  executor: NetworkExecutor;
  segments: readonly Segment[];
  /** Each segment's input at `scales`. */
  inputs: ReadonlyMap<string, tf.Tensor4D>;
  logits: Float32Array | undefined;
  scales: Readonly<Record<string, number>>;
  /** ‖x‖, ‖r‖… of every residual node at `scales`. */
  norms: ReadonlyMap<string, ResidualNorms>;
  shapeOf(site: SegmentSite): readonly number[];
}

interface ReductionRequest<T> {
  address: string;
  site: SegmentSite;
  shape: readonly number[];
  reduction: Reduction<T>;
}

/** Every request's reduced values (and a residual node's norms), read back at once, in the order asked. */
export async function reduce<T, R extends ReductionRequest<T>>(
  cache: KeptSegments,
  requests: readonly R[],
): Promise<Array<{ request: R; values: Float32Array; residual: ResidualNorms | undefined }>> {
  const bySegment = new Map<number, R[]>();
  const pending: Array<{
    request: R;
    tapped: tf.Tensor;
    own: (packed: Float32Array) => Float32Array;
    probe?: { scale: number; norms: tf.Tensor };
    norms?: ResidualNorms;
  }> = [];
  const tensors: tf.Tensor[] = [];
  try {
    for (const r of requests) {
      const kept = keptOutput(cache, r.site);
      if (!kept) {
        bySegment.set(r.site.segment.index, [...(bySegment.get(r.site.segment.index) ?? []), r]);
        continue;
      }
      const reduced = tf.tidy(() => r.reduction.tap(kept.tensor));
      const tapped = reduced === kept.tensor && !kept.made ? tf.clone(reduced) : reduced;
      if (kept.made && tapped !== kept.tensor) kept.tensor.dispose();
      tensors.push(tapped);
      const norms = cache.norms.get(r.site.observed);
      pending.push({ request: r, tapped, own: (v) => v, ...(norms ? { norms } : {}) });
    }
    for (const index of [...bySegment.keys()].sort((a, b) => a - b)) {
      const group = bySegment.get(index)!;
      const groups = new TapGroups();
      const positions = group.map((r) => groups.add(r.site.observed, r.reduction as Reduction<unknown>));
      const probes = groups
        .addresses()
        .filter((a) => cache.executor.analysis.byAddress.get(a)?.node.kind === 'residual');
      const run = runSegment(cache, cache.segments[index], { taps: groups.taps(), probes });
      tensors.push(...run.tapped.values(), ...[...run.residuals.values()].map((p) => p.norms));
      group.forEach((r, i) => {
        const probe = run.residuals.get(r.site.observed);
        pending.push({
          request: r,
          tapped: run.tapped.get(r.site.observed)!,
          own: (v) => groups.split(r.site.observed, v)[positions[i]],
          ...(probe ? { probe } : {}),
        });
      });
    }
  } catch (error) {
    tf.dispose(tensors);
    throw error;
  }
  const values = await readBack(tensors);
  const read = new Map(tensors.map((t, i) => [t, values[i]]));
  return pending.map(({ request, tapped, own, probe, norms }) => ({
    request,
    values: own(read.get(tapped)!),
    residual: probe ? residualNorms(probe.scale, read.get(probe.norms)!) : norms,
  }));
}

/** One segment from its kept input, with the scales in effect; the segment's output is dropped. */
export function runSegment(
  cache: KeptSegments,
  segment: Segment,
  options: { capture?: string[]; taps?: Map<string, Tap>; probes?: string[] },
): RunResult {
  const result = cache.executor.run(cache.inputs.get(segment.address)!, {
    from: segment.address,
    to: segment.address,
    residualScales: cache.scales,
    ...options,
  });
  // The output may be a captured or tapped tensor itself (the segment's own node).
  const handedOut = [...result.activations.values(), ...result.tapped.values()];
  if (!handedOut.includes(result.output)) result.output.dispose();
  return result;
}

/**
 * A segment's own output as the cache keeps it, when `site` observes that: the next segment's input, or
 * for the last segment the logits (a tensor `made` for the purpose).
 */
function keptOutput(cache: KeptSegments, site: SegmentSite): { tensor: tf.Tensor; made: boolean } | undefined {
  if (site.observed !== site.segment.address) return undefined;
  const next = cache.segments[site.segment.index + 1];
  const input = next && cache.inputs.get(next.address);
  if (input) return { tensor: input, made: false };
  if (next || !cache.logits) return undefined;
  return { tensor: tf.tensor(cache.logits, [1, ...cache.shapeOf(site)]), made: true };
}
