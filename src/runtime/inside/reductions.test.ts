import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { activationStats } from '../../testing/parity.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { DETAIL_BINS, SUMMARY_BINS, THUMBNAIL_MAX } from './protocol.ts';
import { readBack } from './read-back.ts';
import { depthReduction, detailReduction, summaryReduction, thumbnailSize, type Reduction } from './reductions.ts';

/** A post-ReLU-like output: about a third exact zeros, the rest positive, channel k scaled by k + 1. */
function output(h: number, w: number, c: number): Float32Array {
  return Float32Array.from({ length: h * w * c }, (_, i) => {
    const v = Math.sin(i * 0.731) * 1.7 + 0.4;
    return v > 0 ? v * ((i % c) + 1) : 0;
  });
}

async function reduce<T>(r: Reduction<T>, data: Float32Array, shape: number[]): Promise<T> {
  const y = tf.tensor(data, [1, ...shape]);
  const [values] = await readBack([tf.tidy(() => r.tap(y))]);
  y.dispose();
  expect(values.length).toBe(r.size);
  return r.read(values);
}

/** Channel-mean map pooled by `f` over in-bounds cells ("same"), as the thumbnail defines it. */
function expectedThumbnail(data: Float32Array, h: number, w: number, c: number, channel?: number) {
  const { h: th, w: tw, factor } = thumbnailSize(h, w);
  const before = (size: number, out: number) => Math.floor(Math.max((out - 1) * factor + factor - size, 0) / 2);
  const top = before(h, th);
  const left = before(w, tw);
  const value = (y: number, x: number) => {
    if (channel !== undefined) return data[(y * w + x) * c + channel];
    let s = 0;
    for (let k = 0; k < c; k++) s += data[(y * w + x) * c + k];
    return s / c;
  };
  return Array.from({ length: th * tw }, (_, i) => {
    const oy = Math.floor(i / tw);
    const ox = i % tw;
    let s = 0;
    let n = 0;
    for (let y = oy * factor - top; y < oy * factor - top + factor; y++) {
      for (let x = ox * factor - left; x < ox * factor - left + factor; x++) {
        if (y >= 0 && y < h && x >= 0 && x < w) {
          s += value(y, x);
          n++;
        }
      }
    }
    return s / n;
  });
}

const MODES = (['cpu', 'wasm'] as const).flatMap((backend) =>
  (['host', 'device'] as const).map((where) => ({ backend, where })),
);

describe.each(MODES)('reductions on $backend, computed on the $where', ({ backend, where }) => {
  beforeAll(async () => {
    await activateNodeBackend(backend);
  });

  it('summary of a grid: statistics with the fraction of exact zeros, histogram, pooled channel-mean thumbnail', async () => {
    const [h, w, c] = [149, 149, 6];
    const data = output(h, w, c);
    const s = await reduce(summaryReduction([h, w, c], { where }), data, [h, w, c]);
    const expected = activationStats('x', [h, w, c], data);
    expect(s.stats.count).toBe(h * w * c);
    expect(s.stats.mean).toBeCloseTo(expected.mean, 5);
    expect(s.stats.std).toBeCloseTo(expected.std, 5);
    expect(s.stats.min).toBe(0);
    expect(s.stats.max).toBe(expected.max);
    const zeros = data.filter((v) => v === 0).length / data.length;
    expect(zeros).toBeGreaterThan(0.2);
    expect(s.stats.zeroFraction).toBeCloseTo(zeros, 6);
    // 149 → pooled by 4 to 38 × 38 (≤ THUMBNAIL_MAX).
    expect(s.thumbnail).toMatchObject({ width: 38, height: 38 });
    expect(s.thumbnail!.width).toBeLessThanOrEqual(THUMBNAIL_MAX);
    expect(maxAbsDifference(s.thumbnail!.data, expectedThumbnail(data, h, w, c))).toBeLessThan(1e-4);
    expect(s.histogram.counts.length).toBe(SUMMARY_BINS);
    expect(s.histogram).toMatchObject({ min: 0, max: expected.max });
    const bins = new Array(SUMMARY_BINS).fill(0);
    for (const v of data)
      bins[
        Math.min(SUMMARY_BINS - 1, Math.floor(((v - expected.min) / (expected.max - expected.min)) * SUMMARY_BINS))
      ]++;
    expect(Array.from(s.histogram.counts)).toEqual(bins);
  });

  it('a chosen channel instead of the channel mean; a small map is not pooled', async () => {
    const [h, w, c] = [8, 8, 5];
    const data = output(h, w, c);
    const s = await reduce(summaryReduction([h, w, c], { channel: 3, where }), data, [h, w, c]);
    expect(s.thumbnail).toMatchObject({ width: 8, height: 8, channel: 3 });
    expect(maxAbsDifference(s.thumbnail!.data, expectedThumbnail(data, h, w, c, 3))).toBe(0);
    const y = tf.tensor(data, [1, h, w, c]);
    expect(() => tf.tidy(() => summaryReduction([h, w, c], { channel: 5, where }).tap(y))).toThrow(
      'channel 5 does not exist: this output has channels 0–4',
    );
    y.dispose();
  });

  it('summary of a vector: statistics and histogram, no thumbnail; a constant output fills the first bin', async () => {
    const s = await reduce(summaryReduction([4], { where }), Float32Array.of(1, -2, 0, 5), [4]);
    expect(s.stats).toEqual({
      mean: 1,
      std: expect.closeTo(Math.sqrt(6.5), 5),
      min: -2,
      max: 5,
      zeroFraction: 0.25,
      count: 4,
    });
    expect(s.thumbnail).toBeUndefined();
    const constant = await reduce(summaryReduction([3], { where }), Float32Array.of(2, 2, 2), [3]);
    expect(Array.from(constant.histogram.counts.slice(0, 2))).toEqual([3, 0]);
  });

  it("detail: every channel's mean, max and zeros, and the top channels in each order at full resolution", async () => {
    const [h, w, c] = [17, 17, 7];
    const data = output(h, w, c);
    // Channel 2 all zeros: largest fraction of zeros, smallest mean and max.
    for (let i = 2; i < data.length; i += c) data[i] = 0;
    const column = (k: number) => data.filter((_, i) => i % c === k);
    const means = Array.from({ length: c }, (_, k) => column(k).reduce((a, b) => a + b, 0) / (h * w));
    const maxes = Array.from({ length: c }, (_, k) => Math.max(...column(k)));
    const zeros = Array.from({ length: c }, (_, k) => column(k).filter((v) => v === 0).length / (h * w));
    const byMean = await reduce(detailReduction([h, w, c], { order: 'mean', count: 3, where }), data, [h, w, c]);
    expect(maxAbsDifference(byMean.channels.mean, means)).toBeLessThan(1e-4);
    expect(maxAbsDifference(byMean.channels.max, maxes)).toBe(0);
    expect(maxAbsDifference(byMean.channels.zeroFraction, zeros)).toBeLessThan(1e-6);
    const order = (key: number[]) =>
      key
        .map((v, k) => [v, k])
        .sort((a, b) => b[0] - a[0])
        .map(([, k]) => k);
    expect(byMean.maps.map((m) => m.channel)).toEqual(order(means).slice(0, 3));
    for (const m of byMean.maps) {
      expect(m).toMatchObject({ width: 17, height: 17 });
      expect(Array.from(m.data)).toEqual(Array.from(column(m.channel!)));
    }
    expect(byMean.histogram.counts.length).toBe(DETAIL_BINS);
    const byZeros = await reduce(detailReduction([h, w, c], { order: 'zeros', count: 64, where }), data, [h, w, c]);
    expect(byZeros.maps).toHaveLength(c);
    expect(byZeros.maps[0].channel).toBe(2);
    const byMax = await reduce(detailReduction([h, w, c], { order: 'max', count: 2, where }), data, [h, w, c]);
    expect(byMax.maps.map((m) => m.channel)).toEqual(order(maxes).slice(0, 2));
  });

  it('detail of a vector has per-channel values and no maps', async () => {
    const d = await reduce(detailReduction([3], { order: 'mean', count: 16, where }), Float32Array.of(0, 2, -1), [3]);
    expect(Array.from(d.channels.mean)).toEqual([0, 2, -1]);
    expect(Array.from(d.channels.zeroFraction)).toEqual([1, 0, 0]);
    expect(d.maps).toEqual([]);
  });

  it('depth point: mean and fraction of zeros', async () => {
    const data = output(9, 9, 4);
    const d = await reduce(depthReduction(where), data, [9, 9, 4]);
    expect(d.mean).toBeCloseTo(data.reduce((a, b) => a + b, 0) / data.length, 5);
    expect(d.zeroFraction).toBeCloseTo(data.filter((v) => v === 0).length / data.length, 6);
  });
});
