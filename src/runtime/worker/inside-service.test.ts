import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { buildExecutor } from '../executor/network.ts';
import { recipeSource, tinyInput, tinyNetwork } from '../../testing/tiny-network.ts';
import { MAX_INSIDE_RUNS, MAX_PHOTO_SLOTS, type GradCamProgress } from '../inside/protocol.ts';
import { SegmentCache } from '../inside/segment-cache.ts';
import { tinyInsideServicePerTest } from '../../testing/worker/tiny-inside-service.ts';

const photo = (seed: number, first = 0xff) => ({
  kind: 'blob' as const,
  blob: new Blob([Uint8Array.of(first, seed)]),
  name: `photo-${seed}.jpg`,
});

describe('looking inside through the inference service, over a message channel', () => {
  const tiny = tinyInsideServicePerTest();

  /** The same photo looked inside directly, for expected values. */
  async function direct(seed: number) {
    const built = buildExecutor(tinyNetwork, recipeSource(tinyNetwork));
    if (!built.ok) throw new Error('tiny network did not build');
    const cache = new SegmentCache(
      built.executor,
      tinyInput().map((v) => v * (1 + seed / 10)),
      tiny.runtime.labels,
    );
    return {
      cache,
      dispose: () => {
        cache.dispose();
        built.executor.dispose();
      },
    };
  }

  it('attaches a photo and looks inside: top classes, logits, depth profile, crop, scales in effect', async () => {
    await tiny.start();
    expect(await tiny.client.attachPhoto('a', photo(3))).toEqual({ width: 640, height: 480 });
    const result = await tiny.client.lookInside('a', 'inception-v4');
    const reference = await direct(3);
    try {
      const expected = await reference.cache.lookInside();
      expect(result).toMatchObject({
        slot: 'a',
        network: 'inception-v4',
        backend: 'wasm',
        scales: { block: 0.3, 'block-final': 1 },
      });
      expect(result.logits).toBeInstanceOf(Float32Array);
      expect(Array.from(result.logits)).toEqual(Array.from(expected.logits));
      const best = expected.logits.indexOf(Math.max(...expected.logits));
      expect(result.top).toHaveLength(5);
      expect(result.top[0]).toMatchObject({ classIndex: best, label: `label ${best}` });
      expect(result.depth.map((d) => d.address)).toEqual([
        'stem',
        'mixed',
        'block/0',
        'block/1',
        'block-final',
        'head',
      ]);
      expect(result.crop).toMatchObject({ width: 17, height: 17 });
      expect(result.inferenceMs).toBeGreaterThanOrEqual(0);
    } finally {
      reference.dispose();
    }
  });

  it("summaries, details and class maps arrive as typed arrays with the cache's values", async () => {
    await tiny.start();
    await tiny.client.attachPhoto('a', photo(1));
    const summaries = await tiny.client.summaries('a', 'inception-v4', ['mixed', 'block', 'head/2']);
    const detail = await tiny.client.detail('a', 'inception-v4', 'block/0', { order: 'mean', count: 4 });
    const maps = await tiny.client.classMaps('a', 'inception-v4', [2, 5]);
    const grad = await tiny.client.classMaps('a', 'inception-v4', [2], { node: 'mixed' });
    const reference = await direct(1);
    try {
      expect(summaries).toEqual(await reference.cache.summaries(['mixed', 'block', 'head/2']));
      expect(summaries[0].thumbnail!.data).toBeInstanceOf(Float32Array);
      expect(summaries[0].histogram.counts).toBeInstanceOf(Uint32Array);
      expect(summaries[1].residual).toMatchObject({ scale: 0.3 });
      expect(detail).toEqual(await reference.cache.detail('block/0', { order: 'mean', count: 4 }));
      const expectedMaps = await reference.cache.classMaps([2, 5]);
      expect(maps.map((m) => ({ ...m, ms: 0 }))).toEqual(expectedMaps.map((m) => ({ ...m, ms: 0 })));
      expect(grad[0]).toMatchObject({
        method: 'grad-cam',
        node: 'mixed',
        classIndex: 2,
        backend: 'wasm',
        map: { width: 8, height: 8 },
      });
    } finally {
      reference.dispose();
    }
  });

  it('a Grad-CAM goes in turns: a request asked for meanwhile is answered first; progress per class with its map', async () => {
    await tiny.start();
    await tiny.client.attachPhoto('a', photo(7));
    await tiny.client.lookInside('a', 'inception-v4');
    const events: string[] = [];
    const progress: GradCamProgress[] = [];
    let summary: Promise<unknown> | undefined;
    // The service itself, as the worker's message handler calls it: a request arrives in a macrotask.
    const grad = tiny.service
      .classMaps('a', 'inception-v4', [1, 2, 3], { node: 'stem', gradCamId: 'g1' }, (p) => {
        progress.push(p);
        events.push(`class ${p.done} of ${p.total}`);
        // Asked while the first class is computed: a box selected meanwhile, then a look inside at other
        // scales, which re-runs the segments the Grad-CAM goes through.
        if (p.done === 0) {
          summary = new Promise((resolve) => setTimeout(resolve, 0))
            .then(() => tiny.service.summaries('a', 'inception-v4', ['block/1']))
            .then(() => events.push('summaries answered'))
            .then(() => tiny.service.lookInside('a', 'inception-v4', { block: 0 }))
            .then(() => events.push('other requests answered'));
        }
      })
      .then((maps) => {
        events.push('Grad-CAM done');
        return maps;
      });
    const maps = await grad;
    await summary;
    expect(events.indexOf('summaries answered')).toBeLessThan(events.indexOf('class 1 of 3'));
    expect(events.indexOf('other requests answered')).toBeLessThan(events.indexOf('Grad-CAM done'));
    expect(events.at(-1)).toBe('Grad-CAM done');
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3]);
    // Each class's map as it came is the one returned, computed at the scales it was asked with.
    for (let i = 0; i < 3; i++)
      expect(progress[i + 1].map).toMatchObject({ classIndex: maps[i].classIndex, map: maps[i].map });
    const reference = await direct(7);
    try {
      const expected = await reference.cache.classMaps([1, 2, 3], { node: 'stem' });
      expect(maps.map((m) => Array.from(m.map.data))).toEqual(expected.map((m) => Array.from(m.map.data)));
    } finally {
      reference.dispose();
    }
  });

  it('a Grad-CAM cancelled stops between turns with a "cancelled" failure and holds nothing', async () => {
    await tiny.start();
    await tiny.client.attachPhoto('a', photo(8));
    await tiny.client.lookInside('a', 'inception-v4');
    const held = tf.memory().numTensors;
    const progress: number[] = [];
    const grad = tiny.client.classMaps(
      'a',
      'inception-v4',
      [1, 2, 3, 4, 5],
      { node: 'mixed', gradCamId: 'g2' },
      (p) => {
        progress.push(p.done);
        if (p.done === 1) void tiny.client.cancelGradCam('g2');
      },
    );
    expect(await grad.catch((e: unknown) => e)).toMatchObject({
      kind: 'cancelled',
      message: 'the Grad-CAM at mixed was cancelled',
    });
    expect(progress).toEqual([0, 1]);
    expect(tf.memory().numTensors).toBe(held);
    // Cancelling what is not running does nothing; the worker goes on.
    await tiny.client.cancelGradCam('g2');
    expect(await tiny.client.classMaps('a', 'inception-v4', [1], { node: 'mixed' })).toHaveLength(1);
  });

  it('prefetches the summaries of the view being opened in the look-inside run', async () => {
    await tiny.start();
    await tiny.client.attachPhoto('a', photo(6));
    const view = ['block/1', 'block/1/0/0/0', 'block/1/0/1'];
    await tiny.client.lookInside('a', 'inception-v4', {}, view);
    const reference = await direct(6);
    try {
      expect(await tiny.client.summaries('a', 'inception-v4', view)).toEqual(await reference.cache.summaries(view));
    } finally {
      reference.dispose();
    }
    expect(await tiny.client.lookInside('a', 'inception-v4', {}, ['block/9']).catch((e: unknown) => e)).toMatchObject({
      kind: 'internal',
      message: 'Tiny test network has no node "block/9"',
    });
  });

  it('residual scales: applied, remembered for the slot, and checked', async () => {
    await tiny.start();
    await tiny.client.attachPhoto('a', photo(2));
    const released = await tiny.client.lookInside('a', 'inception-v4');
    const changed = await tiny.client.lookInside('a', 'inception-v4', { block: 0 });
    expect(changed.scales).toEqual({ block: 0, 'block-final': 1 });
    expect(Array.from(changed.logits)).not.toEqual(Array.from(released.logits));
    const [block] = await tiny.client.summaries('a', 'inception-v4', ['block/1']);
    expect(block.residual).toMatchObject({ scale: 0, scaled: 0, ratio: 0 });
    expect(
      await tiny.client.lookInside('a', 'inception-v4', { block: Number.NaN }).catch((e: unknown) => e),
    ).toMatchObject({
      kind: 'internal',
      message:
        'the residual scale of block must be a number from 0 to 1 (0 switches its residual branches off), got NaN',
    });
  });

  it('says what is wrong: weights not loaded, no photo in a slot, not an image, an unknown node', async () => {
    await tiny.start();
    expect(await tiny.client.lookInside('nowhere', 'inception-v4').catch((e: unknown) => e)).toMatchObject({
      kind: 'no-photo',
      message: expect.stringMatching(/^the photo of "nowhere" is no longer in this page's memory/),
    });
    expect(await tiny.client.attachPhoto('a', photo(1, 0x00)).catch((e: unknown) => e)).toMatchObject({
      kind: 'image',
      message: 'photo-1.jpg: not an image',
    });
    await tiny.client.attachPhoto('a', photo(1));
    expect(await tiny.client.summaries('a', 'inception-resnet-v2', ['stem']).catch((e: unknown) => e)).toMatchObject({
      kind: 'not-loaded',
      message: 'load the weights of Inception-ResNet-v2 first',
    });
    expect(await tiny.client.summaries('a', 'inception-v4', ['stem/9']).catch((e: unknown) => e)).toMatchObject({
      kind: 'internal',
      message: 'Tiny test network has no node "stem/9"',
    });
    // And keeps working.
    expect((await tiny.client.summaries('a', 'inception-v4', ['stem']))[0].address).toBe('stem');
  });

  it(`keeps the last ${MAX_PHOTO_SLOTS} photos and ${MAX_INSIDE_RUNS} segment caches per network; an evicted cache is recomputed with its scales`, async () => {
    await tiny.start();
    const base = tf.memory().numTensors;
    for (let i = 0; i < MAX_PHOTO_SLOTS + 1; i++) {
      await tiny.client.attachPhoto(`p${i}`, photo(i));
      await tiny.client.lookInside(`p${i}`, 'inception-v4', i === 2 ? { block: 0.5 } : {});
    }
    // The first photo is gone (its crop closed), and only two caches hold tensors (6 segment inputs each).
    expect(await tiny.client.summaries('p0', 'inception-v4', ['stem']).catch((e: unknown) => e)).toMatchObject({
      kind: 'no-photo',
    });
    expect(tiny.runtime.closedCrops).toBe(1);
    expect(tf.memory().numTensors).toBe(base + 6 * MAX_INSIDE_RUNS);
    // p2's cache was evicted: asked again, it is rebuilt with the scales it had.
    const [block] = await tiny.client.summaries('p2', 'inception-v4', ['block/0']);
    expect(block.residual!.scale).toBe(0.5);
    expect(tf.memory().numTensors).toBe(base + 6 * MAX_INSIDE_RUNS);
    for (let i = 1; i <= MAX_PHOTO_SLOTS; i++) await tiny.client.releasePhoto(`p${i}`);
    expect(tf.memory().numTensors).toBe(base);
    expect(tiny.runtime.closedCrops).toBe(MAX_PHOTO_SLOTS + 1);
  });

  it('frees the caches when the network is rebuilt on another backend or forgotten, and recomputes after a rebuild', async () => {
    const base = tf.memory().numTensors;
    await tiny.start();
    await tiny.client.attachPhoto('a', photo(4));
    const before = await tiny.client.lookInside('a', 'inception-v4', { block: 0.2 });
    tiny.runtime.loseDevice('WASM trap');
    await expect.poll(async () => (await tiny.client.backend()).active).toBe('cpu');
    expect(tiny.runtime.builds).toEqual(['inception-v4@wasm', 'inception-v4@cpu']);
    const [after] = await tiny.client.summaries('a', 'inception-v4', ['head']);
    expect(after.residual).toBeUndefined();
    const again = await tiny.client.lookInside('a', 'inception-v4', { block: 0.2 });
    expect(again.backend).toBe('cpu');
    for (let i = 0; i < 10; i++) expect(again.logits[i]).toBeCloseTo(before.logits[i], 4);
    await tiny.client.forgetWeights('inception-v4');
    // Weights and segment inputs alike: nothing is left.
    expect(tf.memory().numTensors).toBe(base);
    expect(await tiny.client.summaries('a', 'inception-v4', ['stem']).catch((e: unknown) => e)).toMatchObject({
      kind: 'not-loaded',
    });
    await activateNodeBackend('wasm');
  });

  it('holds no more tensors after repeated looks inside', async () => {
    await tiny.start();
    await tiny.client.attachPhoto('a', photo(5));
    const cycle = async (i: number) => {
      await tiny.client.lookInside('a', 'inception-v4', { block: 0.1 * i });
      await tiny.client.summaries('a', 'inception-v4', ['stem', 'block/1/0/0', 'block']);
      await tiny.client.detail('a', 'inception-v4', 'mixed', { order: 'zeros', count: 8 });
      await tiny.client.classMaps('a', 'inception-v4', [1, 2, 3]);
    };
    await cycle(0);
    const held = tf.memory().numTensors;
    for (let i = 1; i < 6; i++) await cycle(i);
    expect(tf.memory().numTensors).toBe(held);
  });
});
