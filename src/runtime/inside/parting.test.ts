import * as tf from '@tensorflow/tfjs-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkExecutor } from '../executor/network.ts';
import { tinyExecutorOn } from '../../testing/tiny-executor.ts';
import { tinyInput } from '../../testing/tiny-network.ts';
import { cosineOf, partWays } from './parting.ts';
import { SegmentCache } from './segment-cache.ts';

const LABELS = Array.from({ length: 10 }, (_, i) => `label ${i}`);
const SEGMENTS = ['stem', 'mixed', 'block/0', 'block/1', 'block-final', 'head'];
const SIZE = 17;

/** The photo flipped left to right (NHWC, one image). */
function mirror(input: Float32Array): Float32Array {
  const out = new Float32Array(input.length);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      for (let c = 0; c < 3; c++) out[(y * SIZE + x) * 3 + c] = input[(y * SIZE + (SIZE - 1 - x)) * 3 + c];
    }
  }
  return out;
}

/** Cosine similarity in float64 on host data. */
function directCosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return dot / Math.sqrt(aa * bb);
}

describe.each(['cpu', 'wasm'] as const)('where two photos part, on the tiny network, %s', (backend) => {
  let executor: NetworkExecutor;
  const caches: SegmentCache[] = [];
  beforeAll(async () => {
    executor = await tinyExecutorOn(backend);
  });
  afterAll(() => executor.dispose());
  afterEach(() => caches.splice(0).forEach((c) => c.dispose()));

  const cacheOf = (input: Float32Array) => {
    const cache = new SegmentCache(executor, input, LABELS);
    caches.push(cache);
    return cache;
  };

  /** Every segment's whole output, from one full run of the executor. */
  async function outputs(input: Float32Array, scales?: Record<string, number>): Promise<Map<string, Float32Array>> {
    const x = tf.tensor4d(input, [1, SIZE, SIZE, 3]);
    const r = executor.run(x, { capture: SEGMENTS, ...(scales ? { residualScales: scales } : {}) });
    const out = new Map<string, Float32Array>();
    for (const [a, t] of r.activations) out.set(a, (await t.data()) as Float32Array);
    tf.dispose([x, r.output, ...r.activations.values()]);
    return out;
  }

  it('a photo and its mirror: per block the cosine of a direct computation on the whole outputs', async () => {
    const photo = tinyInput();
    const flipped = mirror(photo);
    const points = await partWays(cacheOf(photo), cacheOf(flipped));
    const [a, b] = [await outputs(photo), await outputs(flipped)];
    expect(points.map((p) => [p.address, p.index])).toEqual(SEGMENTS.map((s, i) => [s, i]));
    expect(points[0].label).toBe('Stem');
    for (const p of points) {
      const expected = directCosine(a.get(p.address)!, b.get(p.address)!);
      expect(p.cosine).toBeCloseTo(expected, 5);
    }
    // A mirror is another photo to the network: its blocks differ (the tiny network's weights are not symmetric).
    expect(points.some((p) => p.cosine! < 0.99)).toBe(true);
    expect(points.every((p) => p.cosine! >= -1 && p.cosine! <= 1)).toBe(true);
  });

  it('a photo against itself is 1 at every block', async () => {
    const photo = tinyInput();
    const points = await partWays(cacheOf(photo), cacheOf(Float32Array.from(photo)));
    expect(points).toHaveLength(SEGMENTS.length);
    for (const p of points) expect(p.cosine).toBeCloseTo(1, 6);
  });

  it('uses the scales asked for, re-running from the changed group, and reuses the runs kept', async () => {
    const photo = tinyInput();
    const other = tinyInput().map((v, i) => v * Math.cos(i));
    const [one, two] = [cacheOf(photo), cacheOf(other)];
    await one.lookInside();
    const scales = { block: 0 };
    const points = await partWays(one, two, scales);
    const [a, b] = [
      await outputs(photo, { block: 0, 'block-final': 1 }),
      await outputs(other, { block: 0, 'block-final': 1 }),
    ];
    for (const p of points) expect(p.cosine).toBeCloseTo(directCosine(a.get(p.address)!, b.get(p.address)!), 5);
    // Both caches now hold the run at those scales: asking again runs nothing.
    expect((await one.lookInside(scales)).segmentsRun).toBe(0);
    expect((await two.lookInside(scales)).segmentsRun).toBe(0);
  });

  it('leaves no tensors behind', async () => {
    const [one, two] = [cacheOf(tinyInput()), cacheOf(mirror(tinyInput()))];
    await partWays(one, two);
    const before = tf.memory().numTensors;
    await partWays(one, two);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('cosineOf', () => {
  it('divides the dot product by the norms, clamps rounding past ±1, and has none for a zero output', () => {
    expect(cosineOf([3, 4, 9])).toBeCloseTo(3 / 6, 12);
    expect(cosineOf([-6.000001, 4, 9])).toBe(-1);
    expect(cosineOf([0, 0, 9])).toBeNull();
    expect(cosineOf([0, 4, 0])).toBeNull();
  });
});
