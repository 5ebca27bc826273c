/**
 * Seeded pseudo-random numbers for the data (shuffling, augmentation, the generated set). Integer
 * arithmetic only (Math.imul, shifts), so a seed gives the same numbers in every JavaScript engine; the
 * floats made from them are exact (a 32-bit integer / 2³²). Mulberry32: small, fast and good enough for
 * data order and pictures (it is not for cryptography).
 */

/** A 32-bit hash of integers (murmur3's finaliser after each one): independent streams from (seed, purpose, index). */
export function mixSeed(...values: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`a seed must be an integer, got ${seed}`);
    this.state = seed >>> 0;
  }

  /** The next integer in 0 … 2³² − 1. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform in [low, high). */
  range(low: number, high: number): number {
    return low + (high - low) * this.float();
  }

  /** An integer in 0 … n − 1. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }
}

/** Fisher–Yates shuffle of `array` (an Array or a typed array) in place. */
export function shuffleInPlace<A extends { length: number; [i: number]: unknown }>(array: A, random: Random): A {
  for (let i = array.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const swap = array[i];
    array[i] = array[j];
    array[j] = swap;
  }
  return array;
}
