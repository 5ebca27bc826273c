/** What happens to the gradients between the backward pass and the optimiser. */
import * as tf from '@tensorflow/tfjs-core';

/**
 * √(Σ ‖g‖²) over every gradient, laid end to end: one Concat, Square and Sum instead of 2 small kernels per
 * gradient, and no AddN, whose WebGPU kernel binds every input to one shader (WebGPU allows 8 storage
 * buffers per stage, so an AddN of more than 7 tensors fails validation and leaves the step at zero).
 * Concat splits its inputs to fit there.
 */
export function globalNorm(gradients: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tf.sqrt(tf.sum(tf.square(tf.concat(gradients.map((g) => tf.reshape(g, [-1])))))) as tf.Scalar);
}

/**
 * The gradients scaled by clipNorm / max(norm, clipNorm) (tf.clip_by_global_norm; PyTorch's
 * clip_grad_norm_ adds 1e-6 to the norm, a difference below float32's resolution at the norms met here).
 */
export function clipByGlobalNorm(gradients: readonly tf.Tensor[], norm: tf.Scalar, clipNorm: number): tf.Tensor[] {
  return tf.tidy(() => {
    const factor = tf.div(clipNorm, tf.maximum(norm, clipNorm));
    return gradients.map((g) => tf.mul(g, factor));
  });
}

/** g + λ·w for the weights that decay, g unchanged for the others (as a copy: the caller owns every result). */
export function addWeightDecay(
  gradients: readonly tf.Tensor[],
  weights: readonly tf.Tensor[],
  decays: readonly boolean[],
  lambda: number,
): tf.Tensor[] {
  return tf.tidy(() =>
    gradients.map((g, i) => (decays[i] && lambda > 0 ? tf.add(g, tf.mul(weights[i], lambda)) : tf.clone(g))),
  );
}
