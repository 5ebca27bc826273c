/**
 * Test helper (not shipped): a fresh look inside the tiny network, on an executor of its own, for the
 * photo of a seed (its input scaled by 1 + seed/10, as TinyInsideRuntime prepares it): what a look inside
 * kept from a classification must equal.
 */
import { buildExecutor } from '../runtime/executor/network.ts';
import { SegmentCache } from '../runtime/inside/segment-cache.ts';
import { recipeSource, tinyInput, tinyNetwork } from './tiny-network.ts';

/** The tiny network's input for the photo of `seed`. */
export const seededInput = (seed: number) => tinyInput().map((v) => v * (1 + seed / 10));

/** Logits, depth profile, the summaries of `nodes`, CAM of `classes` (its time zeroed) and a detail of `detail`. */
export async function freshLookInside(
  seed: number,
  labels: readonly string[],
  nodes: readonly string[],
  classes: readonly number[],
  detail = 'block/0/0',
) {
  const built = buildExecutor(tinyNetwork, recipeSource(tinyNetwork));
  if (!built.ok) throw new Error('tiny network did not build');
  const cache = new SegmentCache(built.executor, seededInput(seed), labels);
  try {
    const run = await cache.lookInside();
    return {
      logits: Array.from(run.logits),
      depth: run.depth,
      summaries: await cache.summaries(nodes),
      maps: (await cache.classMaps(classes)).map((m) => ({ ...m, ms: 0 })),
      detail: await cache.detail(detail, { order: 'mean', count: 4 }),
    };
  } finally {
    cache.dispose();
    built.executor.dispose();
  }
}
