import { describe, expect, it } from 'vitest';
import { buildExecutor } from '../executor/network.ts';
import { recipeSource, tinyInput, tinyNetwork } from '../../testing/tiny-network.ts';
import { partWays } from '../inside/parting.ts';
import { SegmentCache } from '../inside/segment-cache.ts';
import { tinyInsideServicePerTest } from '../../testing/worker/tiny-inside-service.ts';

/** The tiny runtime's photos: 0xff, then a seed that scales the input by 1 + seed / 10. */
const photo = (seed: number) => ({
  kind: 'blob' as const,
  blob: new Blob([Uint8Array.of(0xff, seed)]),
  name: `photo-${seed}.jpg`,
});

describe('where two photos part, through the inference service over a message channel', () => {
  const tiny = tinyInsideServicePerTest();

  /** The same two photos compared with segment caches of their own. */
  async function direct(seeds: [number, number], scales = {}) {
    const built = buildExecutor(tinyNetwork, recipeSource(tinyNetwork));
    if (!built.ok) throw new Error('tiny network did not build');
    const [a, b] = seeds.map(
      (seed) =>
        new SegmentCache(
          built.executor,
          tinyInput().map((v) => v * (1 + seed / 10)),
          tiny.runtime.labels,
        ),
    );
    try {
      return await partWays(a, b, scales);
    } finally {
      a.dispose();
      b.dispose();
      built.executor.dispose();
    }
  }

  it('answers per block for two attached photos, with or without a run before, at the scales asked', async () => {
    await tiny.start();
    await tiny.client.attachPhoto('a', photo(0));
    await tiny.client.attachPhoto('b', photo(30));
    await tiny.client.lookInside('a', 'inception-v4');
    const points = await tiny.client.partWays('a', 'b', 'inception-v4');
    expect(points).toEqual(await direct([0, 30]));
    expect(points.map((p) => p.address)).toEqual(['stem', 'mixed', 'block/0', 'block/1', 'block-final', 'head']);
    const lab = await tiny.client.partWays('a', 'b', 'inception-v4', { block: 0 });
    expect(lab).toEqual(await direct([0, 30], { block: 0 }));
    expect(lab[3].cosine).not.toBeCloseTo(points[3].cosine!, 4);
    // The slots' runs are at the lab's scales now: a look inside with them runs nothing again.
    const again = await tiny.client.lookInside('b', 'inception-v4', { block: 0 });
    expect(again.scales).toEqual({ block: 0, 'block-final': 1 });
  });

  it('a photo against itself is 1 everywhere; an unknown slot or network says what to do', async () => {
    await tiny.start();
    await tiny.client.attachPhoto('a', photo(2));
    const same = await tiny.client.partWays('a', 'a', 'inception-v4');
    expect(same.map((p) => p.cosine)).toEqual(same.map(() => 1));
    expect(await tiny.client.partWays('a', 'nowhere', 'inception-v4').catch((e: unknown) => e)).toMatchObject({
      kind: 'no-photo',
      message: expect.stringMatching(/attach it again$/),
    });
    expect(await tiny.client.partWays('a', 'a', 'inception-resnet-v2').catch((e: unknown) => e)).toMatchObject({
      kind: 'not-loaded',
      message: expect.stringMatching(/^load the weights of /),
    });
  });
});
