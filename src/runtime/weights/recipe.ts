/**
 * The deterministic weights and inputs of fixtures/timm/recipe.md, regenerated bit-exactly. timm was run
 * with exactly these values, so the executor can be compared with it on all 1000 logits without any
 * pretrained checkpoint.
 */
import type { TensorKind } from '../../model/analysis/checkpoint.ts';

import { fnv1a32, hash32, uniform } from '../seeded-hash.ts';

export { fnv1a32, hash32, uniform } from '../seeded-hash.ts';

/**
 * Value of element i (flat row-major index in the PyTorch layout) of a tensor of the given kind. The
 * expressions are evaluated left to right in float64 exactly as the recipe writes them; storing into a
 * Float32Array rounds to nearest-even as the recipe requires.
 */
function valueFn(kind: TensorKind, shape: readonly number[]): (u: number) => number {
  switch (kind) {
    case 'conv_weight': {
      const fanIn = shape[1] * shape[2] * shape[3];
      const scale = Math.sqrt(2 / fanIn);
      return (u) => (2 * u - 1) * Math.sqrt(3) * scale;
    }
    case 'conv_bias':
      return (u) => 0.05 * (2 * u - 1);
    case 'bn_weight':
      return (u) => 0.8 + 0.4 * u;
    case 'bn_bias':
      return (u) => 0.2 * (2 * u - 1);
    case 'bn_running_mean':
      return (u) => 0.1 * (2 * u - 1);
    case 'bn_running_var':
      return (u) => 0.5 + u;
    case 'linear_weight': {
      const scale = Math.sqrt(1 / shape[1]);
      return (u) => (2 * u - 1) * Math.sqrt(3) * scale;
    }
    case 'linear_bias':
      return (u) => 0.01 * (2 * u - 1);
  }
}

/** The recipe tensor named `name` (its seed is the FNV-1a of the name), in PyTorch layout. */
export function recipeTensor(name: string, shape: readonly number[], kind: TensorKind): Float32Array {
  const seed = fnv1a32(name);
  const value = valueFn(kind, shape);
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = value(uniform(seed, i));
  return out;
}

export type RecipeInputName = 'noise' | 'pattern';

/** The recipe's test inputs: NHWC [1, 299, 299, 3] float32, already in [-1, 1]. */
export function recipeInput(name: RecipeInputName, size = 299): Float32Array {
  const out = new Float32Array(size * size * 3);
  if (name === 'noise') {
    for (let j = 0; j < out.length; j++) out[j] = 2 * (hash32(0x1234567, j) / 2 ** 32) - 1;
    return out;
  }
  let j = 0;
  for (let h = 0; h < size; h++) {
    for (let w = 0; w < size; w++) {
      for (let c = 0; c < 3; c++) {
        out[j++] = Math.sin(0.07 * h * (c + 1) + 0.05 * w) * Math.cos(0.03 * w * (c + 1) - 0.02 * h);
      }
    }
  }
  return out;
}
