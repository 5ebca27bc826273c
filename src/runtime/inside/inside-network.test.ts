/**
 * A classification's batch keeping its photos' look inside (InsideNetwork.classify): each photo's logits
 * are those of a plain run of it alone, and the cache it leaves answers the look inside, the stages'
 * summaries and CAM with a fresh look inside's numbers, running nothing again.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { buildExecutor, type NetworkExecutor } from '../executor/network.ts';
import { recipeSource, tinyNetwork } from '../../testing/tiny-network.ts';
import { freshLookInside, seededInput } from '../../testing/fresh-look-inside.ts';
import { InsideNetwork } from './inside-network.ts';

const LABELS = Array.from({ length: 10 }, (_, i) => `label ${i}`);
/** The tiny network's stages (each a segment's own output, read from what the cache keeps). */
const STAGES = ['stem', 'mixed', 'block', 'block/0', 'block-final', 'head'];

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

  const fresh = (seed: number) => freshLookInside(seed, LABELS, STAGES, [1, 4]);

  it('keeps the look inside of the last photos with a slot, sliced out of one run of the batch', async () => {
    const base = tf.memory().numTensors;
    const inside = new InsideNetwork(executor, LABELS, 2);
    runs.length = 0;
    const batch = [
      { input: seededInput(1), slot: 'a' },
      { input: seededInput(2) },
      { input: seededInput(3), slot: 'c' },
      { input: seededInput(4), slot: 'd' },
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
    const cache = inside.create('a', seededInput(1));
    await cache.lookInside({ block: 0.5 });
    await inside.classify([{ input: seededInput(1), slot: 'a' }]);
    expect(inside.get('a')).toBe(cache);
    expect((await cache.lookInside({ block: 0.5 })).segmentsRun).toBe(0);
    inside.dispose();
  });
});
