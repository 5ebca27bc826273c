import { describe, expect, it } from 'vitest';
import { mixSeed, Random, shuffleInPlace } from './random.ts';

/** Mulberry32 as it is usually published (a closure returning floats), to check the class against. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    let t = (a += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Random', () => {
  it('is Mulberry32: the same numbers as the published function, for several seeds', () => {
    for (const seed of [0, 1, 42, 0xdeadbeef]) {
      const random = new Random(seed);
      const reference = mulberry32(seed);
      for (let i = 0; i < 1000; i++) expect(random.float()).toBe(reference());
    }
  });

  it('spreads evenly: floats in [0, 1) with mean ½, int(n) hitting every value about equally', () => {
    const random = new Random(3);
    const counts = new Array<number>(7).fill(0);
    let sum = 0;
    for (let i = 0; i < 70_000; i++) {
      const f = random.float();
      expect(f >= 0 && f < 1).toBe(true);
      sum += f;
      counts[random.int(7)]++;
    }
    expect(Math.abs(sum / 70_000 - 0.5)).toBeLessThan(0.01);
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
    expect(random.range(5, 6)).toBeGreaterThanOrEqual(5);
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => new Random(0.5)).toThrow('a seed must be an integer, got 0.5');
  });
});

describe('mixSeed', () => {
  it('gives different streams for different (seed, purpose, index), order included', () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 20; seed++) for (let i = 0; i < 50; i++) seen.add(mixSeed(seed, 1, i));
    expect(seen.size).toBe(1000);
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    expect(mixSeed(1, 2)).toBe(mixSeed(1, 2));
  });
});

describe('shuffleInPlace', () => {
  it('permutes, the same way for the same seed, and another way for another', () => {
    const order = (seed: number) =>
      shuffleInPlace(
        Uint32Array.from({ length: 100 }, (_, i) => i),
        new Random(seed),
      );
    const a = order(9);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...order(9)]).toEqual([...a]);
    expect([...order(10)]).not.toEqual([...a]);
    expect([...a].filter((v, i) => v === i).length).toBeLessThan(10);
  });
});
