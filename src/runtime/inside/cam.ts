/**
 * Class activation maps at the head (Zhou et al. 2016). These networks pool the final feature map F
 * globally and apply one linear layer, so logit_c = mean_{h,w}(Σ_k W[c,k]·F[h,w,k]) + b_c exactly:
 * CAM_c(h, w) = Σ_k W[c, k]·F[h, w, k] is where the logit comes from, cell by cell, and costs one
 * matrix product on the kept feature map (no run of the network).
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Raw maps [classes.length, h·w] (row-major per class) for `features` [1, h, w, k] and the classifier's
 * kernel [k, classes] (`x·kernel + bias`, the executor's layout).
 */
export function classActivationMaps(
  features: tf.Tensor4D,
  kernel: tf.Tensor2D,
  classes: readonly number[],
): tf.Tensor2D {
  return tf.tidy(() => {
    const [, h, w, k] = features.shape;
    const columns = tf.gather(kernel, tf.tensor1d([...classes], 'int32'), 1);
    return tf.transpose(tf.matMul(tf.reshape(features, [h * w, k]), columns)) as tf.Tensor2D;
  });
}
