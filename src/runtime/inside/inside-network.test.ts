/**
 * A classification's batch keeping its photos' look inside (InsideNetwork.classify): each photo's logits
 * are those of a plain run of it alone, and the cache it leaves answers the look inside, the stages'
 * summaries and CAM with a fresh look inside's numbers, running nothing again.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { buildExecutor, type NetworkExecutor } from '../executor/network.ts';
import { recipeSource, tinyInput, tinyNetwork } from '../../testing/tiny-network.ts';
import { InsideNetwork } from './inside-network.ts';
import { SegmentCache } from './segment-cache.ts';

const LABELS = Array.from({ length: 10 }, (_, i) => `label ${i}`);
/** The tiny network's stages (each a segment's own output, read from what the cache keeps). */
const STAGES = ['stem', 'mixed', 'block', 'block/0', 'block-final', 'head'];
const input = (seed: number) => tinyInput().map((v) => v * (1 + seed / 10));

function build(): NetworkExecutor {
  const built = buildExecutor(tinyNetwork, recipeSource(tinyNetwork));
  if (!built.ok) throw new Error(built.problems[0].message);
  return built.executor;
}

describe.each(['wasm', 'cpu'] as const)('InsideNetwork.classify on %s', (backend) => {
  let executor: NetworkExecutor;
  let runs: string[];
  beforeAll(async () => {
    await activateNodeBackend(backend);
    executor = build();
    const run = executor.run.bind(executor);
    runs = [];
    executor.run = (x, options = {}) => {
      runs.push(options.from ? `from ${options.from}` : `full ×${x.shape[0]}`);
      return run(x, options);
    };
  });
  afterAll(() => executor.dispose());

  /** A fresh look inside of the photo of `seed`, on its own executor. */
  async function fresh(seed: number) {
    const own = build();
    const cache = new SegmentCache(own, input(seed), LABELS);
    try {
      const run = await cache.lookInside();
      return {
        logits: Array.from(run.logits),
        depth: run.depth,
        summaries: await cache.summaries(STAGES),
        maps: (await cache.classMaps([1, 4])).map((m) => ({ ...m, ms: 0 })),
      };
    } finally {
      cache.dispose();
      own.dispose();
    }
  }

  it('keeps the look inside of the last photos with a slot, sliced out of one run of the batch', async () => {
    const base = tf.memory().numTensors;
    const inside = new InsideNetwork(executor, LABELS, 2);
    runs.length = 0;
    const batch = [
      { input: input(1), slot: 'a' },
      { input: input(2) },
      { input: input(3), slot: 'c' },
      { input: input(4), slot: 'd' },
    ];
    const logits = await inside.classify(batch);
    expect(runs).toEqual(['full ×4']);
    expect(inside.slots()).toEqual(['c', 'd']); // the limit: the last two with a slot
    for (const [i, seed] of [1, 2, 3, 4].entries()) expect(Array.from(logits[i])).toEqual((await fresh(seed)).logits);

    for (const [slot, seed] of [
      ['c', 3],
      ['d', 4],
    ] as const) {
      const cache = inside.get(slot)!;
      const run = await cache.lookInside({}, STAGES);
      const expected = await fresh(seed);
      expect(run.segmentsRun).toBe(0);
      expect(Array.from(run.logits)).toEqual(expected.logits);
      expect(run.depth).toEqual(expected.depth);
      expect(await cache.summaries(STAGES)).toEqual(expected.summaries);
      expect((await cache.classMaps([1, 4])).map((m) => ({ ...m, ms: 0 }))).toEqual(expected.maps);
    }
    expect(runs).toEqual(['full ×4']);
    inside.dispose();
    expect(tf.memory().numTensors).toBe(base);
  });

  it('leaves a slot that has a cache as it is (the page may show it at other scales)', async () => {
    const inside = new InsideNetwork(executor, LABELS, 2);
    const cache = inside.create('a', input(1));
    await cache.lookInside({ block: 0.5 });
    await inside.classify([{ input: input(1), slot: 'a' }]);
    expect(inside.get('a')).toBe(cache);
    expect((await cache.lookInside({ block: 0.5 })).segmentsRun).toBe(0);
    inside.dispose();
  });
});
