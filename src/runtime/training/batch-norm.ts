/**
 * Batch normalisation in training mode over (N, H, W), optionally followed by ReLU, with its gradient
 * written out: y = relu?(γ·x̂ + β), x̂ = (z − μ_B)/√(σ²_B + ε) (biased batch variance), and with g = dy
 * (masked by y > 0 after ReLU) dz = γ/√(σ²_B + ε) · (g − mean(g) − x̂·mean(g·x̂)), dγ = Σ g·x̂, dβ = Σ g.
 *
 * One op on the tape with this gradient ran 29% fewer kernels per training step of the 32×32 test network
 * on WASM than differentiating the composite ops (mean, squared difference, division: 2,676 against 3,754
 * when it was introduced), for the same values (both within 1e-6 of PyTorch's float64 gradients on the
 * tiny fixture). The per-channel work is channel-ops.ts's (WASM's fast kernels), the ReLU fused in.
 * The batch statistics are returned for the moving averages, outside the tape.
 */
import * as tf from '@tensorflow/tfjs-core';
import { channelAffine, channelMeans } from './channel-ops.ts';

export interface BatchNormResult {
  y: tf.Tensor4D;
  /** Batch mean and biased variance per channel; not on the gradient tape; the caller disposes them. */
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

export function batchNormTraining(
  z: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
  relu = false,
): BatchNormResult {
  const channels = z.shape[3];
  const n = z.size / channels;
  let statistics: { mean: tf.Tensor1D; variance: tf.Tensor1D } | undefined;
  const normalise = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, g, b, save] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const mean = channelMeans(input);
    const centred = channelAffine(input, tf.onesLike(mean), tf.neg(mean), false);
    const variance = channelMeans(tf.square(centred));
    const inverse = tf.div(1, tf.sqrt(tf.add(variance, epsilon))) as tf.Tensor1D;
    // Kept past the forward's tidy scope for the moving averages (the forward is not on the tape).
    statistics = { mean: tf.keep(mean), variance: tf.keep(variance) };
    const y = channelAffine(centred, tf.mul(g, inverse) as tf.Tensor1D, b, relu);
    save([centred, inverse, g, ...(relu ? [y] : [])]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [c, inv, scale, out] = saved as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.Tensor?];
        const grad = (out ? tf.mul(dy, tf.step(out)) : dy) as tf.Tensor4D;
        // With x̂ = c·inv: dγ = inv·Σ g·c, dβ = Σ g, and dz = γ·inv·(g − mean(g)) − c·γ·inv³·mean(g·c).
        const meanGrad = channelMeans(grad);
        const meanGradC = channelMeans(tf.mul(grad, c) as tf.Tensor4D);
        const gain = tf.mul(scale, inv) as tf.Tensor1D;
        const shift = tf.mul(gain, meanGrad) as tf.Tensor1D;
        const tilt = tf.mul(gain, tf.mul(tf.square(inv), meanGradC)) as tf.Tensor1D;
        const dz = tf.add(
          channelAffine(grad, gain, undefined, false),
          channelAffine(c, tf.neg(tilt), tf.neg(shift), false),
        );
        return [dz, tf.mul(meanGradC, tf.mul(inv, n)), tf.mul(meanGrad, n)];
      },
    };
  });
  const y = normalise(z, gamma, beta) as tf.Tensor4D;
  return { y, ...statistics! };
}
