/**
 * Per-channel work on NHWC tensors in the kernels WASM runs fast (bench:training -- --profile; 32×32×32×8,
 * the machine loaded, best of 15):
 * - the mean over N, H, W is an average pool over H×W, then over N (110 µs), rather than Sum over N, H, W
 *   (550 µs: WASM's Sum transposes the reduced axes to the inside first);
 * - t·scale + shift, and a ReLU after it, are one 1×1 depthwise convolution with a bias and an activation
 *   (FusedDepthwiseConv2D, 120–170 µs) rather than broadcasting Multiply and Add (500–900 µs each: WASM's
 *   broadcasting binary ops are generic loops; the same-shape ones take 40 µs) and Relu.
 * The same float32 products and sums in another order (each pool's division is one more rounding).
 */
import * as tf from '@tensorflow/tfjs-core';

/** The mean over N, H, W of each channel: an average pool over H×W, then one over the N images' means. */
export function channelMeans(t: tf.Tensor4D): tf.Tensor1D {
  const [images, h, w, channels] = t.shape;
  const perImage = tf.reshape(tf.avgPool(t, [h, w], 1, 'valid'), [1, images, 1, channels]) as tf.Tensor4D;
  return tf.reshape(tf.avgPool(perImage, [images, 1], 1, 'valid'), [channels]);
}

/** t·scale + shift per channel (no shift: none added), then ReLU if asked: one 1×1 depthwise convolution. */
export function channelAffine(
  t: tf.Tensor4D,
  scale: tf.Tensor1D,
  shift: tf.Tensor1D | undefined,
  relu: boolean,
): tf.Tensor4D {
  const filter = tf.reshape(scale, [1, 1, scale.size, 1]) as tf.Tensor4D;
  return tf.fused.depthwiseConv2d({
    x: t,
    filter,
    strides: 1,
    pad: 'valid',
    bias: shift,
    activation: relu ? 'relu' : 'linear',
  });
}

/**
 * z + bias per channel, then ReLU if asked, with its gradient written out (g = dy, masked by y > 0 after
 * ReLU): dz = g, dbias = Σ_{N,H,W} g. One op on the tape; tf.add's broadcast and its gradient's Sum are slow.
 */
export function biasTraining(z: tf.Tensor4D, bias: tf.Tensor1D, relu = false): tf.Tensor4D {
  const n = z.size / z.shape[3];
  const add = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, b, save] = args as [tf.Tensor4D, tf.Tensor1D, tf.GradSaveFunc];
    const y = channelAffine(input, tf.onesLike(b), b, relu);
    save(relu ? [y] : []);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const grad = (relu ? tf.mul(dy, tf.step(saved[0])) : dy) as tf.Tensor4D;
        return [grad, tf.mul(channelMeans(grad), n)];
      },
    };
  });
  return add(z, bias) as tf.Tensor4D;
}
