/**
 * Test support for looking inside the released networks with recipe weights (fixtures/timm/recipe.md):
 * the segment cache's statistics at timm's hooked modules, named as the CLI names them, against timm's
 * fixtures; the CAM identity; Grad-CAM at the head against the CAM; no tensor growth.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { resolveNode } from '../model/analysis/node-names.ts';
import { loadReference, type TimmModel } from './fixtures.ts';
import type { NetworkExecutor } from '../runtime/executor/network.ts';
import { compareStats, LOGIT_TOLERANCE, STAT_TOLERANCE, type StageStats } from './parity.ts';
import { maxAbsDifference } from '../runtime/executor/reference-ops.ts';
import { IMAGENET_LABELS } from '../runtime/labels.ts';
import { recipeInput } from '../runtime/weights/recipe.ts';
import { SegmentCache } from '../runtime/inside/segment-cache.ts';
import { topIndices } from '../runtime/top-k.ts';

/** Looks inside with the 'pattern' recipe input; checks logits and the hooked modules named in `hooks`. */
export async function expectInsideParity(
  executor: NetworkExecutor,
  model: TimmModel,
  hooks: readonly string[],
): Promise<SegmentCache> {
  const reference = loadReference(model, 'pattern');
  const cache = new SegmentCache(executor, recipeInput('pattern'), IMAGENET_LABELS);
  const run = await cache.lookInside();
  expect(maxAbsDifference(run.logits, reference.logits.map(Math.fround))).toBeLessThanOrEqual(LOGIT_TOLERANCE);

  const expected = new Map([...reference.stages, ...reference.blocks].map((s) => [s.name, s]));
  const addresses = hooks.map((name) => {
    const found = resolveNode(executor.analysis, name);
    if (!found.ok) throw new Error(found.message);
    return found.address;
  });
  const summaries = await cache.summaries(addresses);
  const mismatches = summaries.flatMap((s, i) => {
    const timm = expected.get(hooks[i])!;
    // The summaries carry no first values: compare mean, std, min and max.
    const got: StageStats = {
      name: timm.name,
      shape: [1, ...s.shape],
      mean: s.stats.mean,
      std: s.stats.std,
      min: s.stats.min,
      max: s.stats.max,
      first8: [],
    };
    return compareStats({ ...timm, first8: [] }, got, STAT_TOLERANCE);
  });
  expect(mismatches, 'statistics outside the tolerance').toEqual([]);
  return cache;
}

/** CAM of the top 5: mean(CAM_c) + b_c = logit_c; Grad-CAM at the pooled feature map = ReLU(CAM)/cells. */
export async function expectCamIdentities(cache: SegmentCache, features: string): Promise<void> {
  const { logits } = await cache.lookInside();
  const top5 = topIndices(logits, 5);
  const cams = await cache.classMaps(top5);
  for (const m of cams) {
    expect(m).toMatchObject({ method: 'cam', node: features, map: { width: 8, height: 8 } });
    const mean = m.map.data.reduce((a, b) => a + b, 0) / 64;
    expect(Math.abs(mean + m.bias! - logits[m.classIndex])).toBeLessThanOrEqual(LOGIT_TOLERANCE);
  }
  const grads = await cache.classMaps(top5, { node: features });
  for (const [i, g] of grads.entries()) {
    expect(g).toMatchObject({ method: 'grad-cam', node: features, classIndex: top5[i] });
    const expected = Array.from(cams[i].map.data, (v) => Math.max(0, v) / 64);
    expect(maxAbsDifference(g.map.data, expected)).toBeLessThanOrEqual(1e-5 * Math.max(1, ...expected));
    expect(Math.max(...g.map.data)).toBeGreaterThan(0);
  }
}

/** The tensor count after a cycle of requests stays the same over more cycles. */
export async function expectNoGrowth(cycle: (i: number) => Promise<void>, cycles = 3): Promise<void> {
  await cycle(0);
  const held = tf.memory().numTensors;
  for (let i = 1; i <= cycles; i++) await cycle(i);
  expect(tf.memory().numTensors).toBe(held);
}
