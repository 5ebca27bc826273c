/**
 * Counter-based seeded numbers: the same value for the same (seed, index) on every machine, with no
 * generator state to carry. The recipe weights of fixtures/timm/recipe.md are defined with them, and the
 * training engine draws its initial weights and dropout masks from them (so a seed repeats a run).
 */

/** hash32(seed, i) of the recipe (a murmur-style finaliser of seed XOR i·golden-ratio). */
export function hash32(seed: number, i: number): number {
  let x = (seed ^ Math.imul(i, 0x9e3779b9)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a 32 of the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** u(i) in [0, 1) as a float64. */
export function uniform(seed: number, i: number): number {
  return hash32(seed, i) / 2 ** 32;
}
