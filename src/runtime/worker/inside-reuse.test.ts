/**
 * "Look inside" right after a classification (issue 17, defect 3): the classification's one decode and one
 * forward pass serve the look inside of the photo it was given the slot of, with the numbers a fresh look
 * inside gives; a photo evicted since is decoded and run again.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { freshLookInside } from '../../testing/fresh-look-inside.ts';
import { MAX_INSIDE_RUNS, MAX_PHOTO_SLOTS } from '../inside/protocol.ts';
import { softmax } from '../softmax.ts';
import { tinyInsideServicePerTest } from '../../testing/worker/tiny-inside-service.ts';

const NETWORK = 'inception-v4';
const bytes = (seed: number) => new Blob([Uint8Array.of(0xff, seed)]);
const photo = (seed: number, slot?: string) => ({
  kind: 'blob' as const,
  blob: bytes(seed),
  name: `photo-${seed}.jpg`,
  ...(slot !== undefined ? { slot } : {}),
});
/** The diagram's boxes of the tiny network's stages (each a segment's own output), and an inner node. */
const STAGES = ['stem', 'mixed', 'block', 'block/0', 'block-final', 'head'];

describe('looking inside a photo right after classifying it, through the service over a message channel', () => {
  const tiny = tinyInsideServicePerTest();

  const fresh = (seed: number) => freshLookInside(seed, tiny.runtime.labels, STAGES, [2, 5]);

  /** What the page asks of a slot once "Look inside" is clicked, as `fresh` has it. */
  async function lookInside(slot: string, seed: number) {
    expect(await tiny.client.attachPhoto(slot, photo(seed))).toEqual({ width: 640, height: 480 });
    const run = await tiny.client.lookInside(slot, NETWORK, {}, STAGES);
    return {
      top: run.top,
      logits: Array.from(run.logits),
      depth: run.depth,
      summaries: await tiny.client.summaries(slot, NETWORK, STAGES),
      maps: (await tiny.client.classMaps(slot, NETWORK, [2, 5])).map((m) => ({ ...m, ms: 0 })),
    };
  }

  it('decodes the photo once and runs the network once: the look inside, its boxes and CAM reuse the classification', async () => {
    await tiny.start();
    const classified = await tiny.client.classify(photo(3, 'a'), [NETWORK], 5);
    expect([tiny.runtime.decodes, tiny.runtime.runs]).toEqual([1, ['full']]);

    const seen = await lookInside('a', 3);
    expect(tiny.runtime.decodes).toBe(1);
    expect(tiny.runtime.runs).toEqual(['full']);

    const expected = await fresh(3);
    expect(seen.logits).toEqual(expected.logits);
    expect(seen.depth).toEqual(expected.depth);
    expect(seen.summaries).toEqual(expected.summaries);
    expect(seen.maps).toEqual(expected.maps);
    // The classification's answer is the one its kept logits give.
    const probabilities = softmax(Float32Array.from(expected.logits));
    expect(classified.results[0].top[0]).toMatchObject({
      classIndex: seen.top[0].classIndex,
      probability: probabilities[seen.top[0].classIndex],
    });
    // A node inside a stage runs its segment from the kept input, with a fresh look inside's numbers.
    expect(await tiny.client.detail('a', NETWORK, 'block/0/0', { order: 'mean', count: 4 })).toEqual(expected.detail);
    expect(tiny.runtime.runs).toEqual(['full', 'from block/0']);
  });

  it('a photo classified again under a slot whose run is kept runs plainly: no second look-inside run', async () => {
    await tiny.start();
    const first = await tiny.client.classify(photo(3, 'a'), [NETWORK], 5);
    expect([tiny.runtime.runs, tiny.runtime.lookRuns]).toEqual([['full'], 1]);
    const again = await tiny.client.classify(photo(3, 'a'), [NETWORK], 5);
    // One more forward pass, without depth taps or kept segment inputs; the same answer (its softmax taken
    // on the backend rather than from the kept logits: equal to float rounding).
    expect([tiny.runtime.runs, tiny.runtime.lookRuns]).toEqual([['full', 'full'], 1]);
    const [before, after] = [first, again].map((c) => c.results[0].top);
    expect(after.map((t) => t.classIndex)).toEqual(before.map((t) => t.classIndex));
    after.forEach((t, i) => expect(t.probability).toBeCloseTo(before[i].probability, 6));
    // The look inside still reuses the first run.
    expect((await lookInside('a', 3)).depth).toEqual((await fresh(3)).depth);
    expect(tiny.runtime.runs).toEqual(['full', 'full']);
  });

  it(`a photo evicted since (more than ${MAX_PHOTO_SLOTS} photos, ${MAX_INSIDE_RUNS} caches) is decoded and run again`, async () => {
    await tiny.start();
    const count = MAX_PHOTO_SLOTS + 1;
    for (let i = 0; i < count; i++) await tiny.client.classify(photo(i + 1, `p${i}`), [NETWORK], 5);
    expect([tiny.runtime.decodes, tiny.runtime.passes]).toEqual([count, count]);
    // p0: photo and cache gone, so decoded and run again.
    const first = await lookInside('p0', 1);
    expect([tiny.runtime.decodes, tiny.runtime.passes]).toEqual([count + 1, count + 1]);
    expect(first.summaries).toEqual((await fresh(1)).summaries);
    // p2: the photo is kept (no decode), its cache was evicted (run again).
    const third = await lookInside('p2', 3);
    expect([tiny.runtime.decodes, tiny.runtime.passes]).toEqual([count + 1, count + 2]);
    expect(third.depth).toEqual((await fresh(3)).depth);
  });

  it('another photo attached under a classified slot replaces it; the tensors of released photos are freed', async () => {
    await tiny.start();
    const base = tf.memory().numTensors;
    await tiny.client.classify(photo(3, 'a'), [NETWORK], 5);
    expect(tf.memory().numTensors).toBeGreaterThan(base);
    const other = await lookInside('a', 4);
    expect(tiny.runtime.decodes).toBe(2);
    expect(other.logits).toEqual((await fresh(4)).logits);
    await tiny.client.releasePhoto('a');
    expect(tf.memory().numTensors).toBe(base);
  });
});
