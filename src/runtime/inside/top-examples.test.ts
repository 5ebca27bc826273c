import { describe, expect, it } from 'vitest';
import { TopExamples, type ChannelExample, type ChannelMaxima } from './top-examples.ts';

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Maxima of `images` images over `channels`, with values from a few levels so that ties happen. */
function maxima(images: number, channels: number, cells: number, seed: number): ChannelMaxima[] {
  const next = random(seed);
  return Array.from({ length: images }, () => ({
    max: Float32Array.from({ length: channels }, () => Math.round(next() * 12) / 4 - 1),
    position: Int32Array.from({ length: channels }, () => Math.floor(next() * cells)),
  }));
}

/** Brute force: every image's value for the channel, sorted by value (largest first), then by image. */
function bruteForce(all: readonly ChannelMaxima[], channel: number, k: number, width: number): ChannelExample[] {
  return all
    .map((m, image) => ({
      value: m.max[channel],
      image,
      y: Math.floor(m.position[channel] / width),
      x: m.position[channel] % width,
    }))
    .sort((a, b) => b.value - a.value || a.image - b.image)
    .slice(0, k);
}

describe('TopExamples', () => {
  it.each([
    [1, 3],
    [4, 5],
    [10, 7],
    [30, 2],
  ])("keeps the brute force's top %i of %i images per channel, ties to the first added", (k, width) => {
    const channels = 9;
    const all = maxima(25, channels, width * width, k * 100 + width);
    const table = new TopExamples(channels, k, width);
    all.forEach((m, image) => table.add(image, m));
    for (let c = 0; c < channels; c++) expect(table.examples(c), `channel ${c}`).toEqual(bruteForce(all, c, k, width));
  });

  it('says which channels an image entered, and which images are examples', () => {
    const table = new TopExamples(3, 1, 2);
    expect(table.add(0, { max: Float32Array.of(1, 2, 3), position: Int32Array.of(0, 1, 3) })).toEqual([0, 1, 2]);
    expect(table.add(1, { max: Float32Array.of(5, 2, 1), position: Int32Array.of(2, 0, 0) })).toEqual([0]);
    expect(table.examples(0)).toEqual([{ value: 5, image: 1, y: 1, x: 0 }]);
    expect(table.examples(1)).toEqual([{ value: 2, image: 0, y: 0, x: 1 }]);
    expect(table.images()).toEqual(new Set([0, 1]));
    expect(() => table.examples(3)).toThrow(/channels 0–2/);
    expect(() => table.add(2, { max: Float32Array.of(1), position: Int32Array.of(0) })).toThrow(/3 channels/);
  });

  it('resumes from its state: half the images, then the rest, gives the table of all at once', () => {
    const all = maxima(20, 6, 16, 7);
    const once = new TopExamples(6, 4, 4);
    all.forEach((m, i) => once.add(i, m));
    const first = new TopExamples(6, 4, 4);
    all.slice(0, 10).forEach((m, i) => first.add(i, m));
    const kept = structuredClone(first.state);
    const resumed = new TopExamples(6, 4, 4, kept);
    all.slice(10).forEach((m, i) => resumed.add(10 + i, m));
    expect(resumed.state).toEqual(once.state);
    expect(() => new TopExamples(6, 5, 4, kept)).toThrow(/does not fit/);
  });

  it('an empty channel has no examples; NaN never enters', () => {
    const table = new TopExamples(2, 3, 1);
    table.add(0, { max: Float32Array.of(NaN, 0), position: Int32Array.of(0, 0) });
    expect(table.examples(0)).toEqual([]);
    expect(table.examples(1)).toEqual([{ value: 0, image: 0, y: 0, x: 0 }]);
    expect(() => new TopExamples(2, 0, 1)).toThrow(/≥ 1/);
  });
});
