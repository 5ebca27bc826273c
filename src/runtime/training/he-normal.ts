/**
 * He-normal initial weights (He et al. 2015: N(0, 2/fan_in)) from a seed. Each value is a function of
 * (seed, tensor name, index) only — the recipe weights' counter-based hash (weights/recipe.ts) fed to a
 * Box–Muller transform — rather than a stateful generator such as tf.randomNormal's: the values do not
 * depend on the order tensors are created in or on the backend, and two networks sharing tensor names (a
 * network and its no-shortcut twin) start from the same weights.
 */
import { fnv1a32, hash32, uniform } from '../seeded-hash.ts';

/** `size` values of the tensor `name` (in its PyTorch layout order), N(0, 2/fanIn). */
export function heNormal(seed: number, name: string, size: number, fanIn: number): Float32Array {
  if (!(fanIn > 0)) throw new Error(`He-normal initialisation of ${name}: fan-in must be > 0, got ${fanIn}`);
  const stream = hash32(seed >>> 0, fnv1a32(name));
  const std = Math.sqrt(2 / fanIn);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    // 1 − u lies in (0, 1]: the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform(stream, 2 * i)));
    out[i] = std * radius * Math.cos(2 * Math.PI * uniform(stream, 2 * i + 1));
  }
  return out;
}
