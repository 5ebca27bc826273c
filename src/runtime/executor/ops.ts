/**
 * The layer operations of the executor, one TensorFlow.js call each (NHWC throughout). They hold no
 * state; the caller owns every tensor they return.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AvgPool, Conv, MaxPool } from '../../model/types.ts';

/** A convolution's uploaded tensors: HWIO filter with batch norm folded in, and its bias. */
export interface ConvTensors {
  filter: tf.Tensor4D;
  bias: tf.Tensor1D;
}

/** The classifier's uploaded tensors: kernel [in, out], bias [out]. */
export interface DenseTensors {
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/**
 * Convolution + bias + activation in one fused kernel. "same" padding is TensorFlow's; for the odd
 * kernels at stride 1 that the released networks pad, it equals timm's symmetric padding (1 for 3×3,
 * (0, 3) for 1×7, 2 for 5×5).
 */
export function convolve(x: tf.Tensor4D, layer: Conv, weights: ConvTensors): tf.Tensor4D {
  return tf.fused.conv2d({
    x,
    filter: weights.filter,
    bias: weights.bias,
    strides: layer.stride,
    pad: layer.padding,
    activation: layer.activation === 'relu' ? 'relu' : 'linear',
  });
}

export function maxPool(x: tf.Tensor4D, layer: MaxPool): tf.Tensor4D {
  return tf.maxPool(x, [layer.kernel[0], layer.kernel[1]], layer.stride, layer.padding);
}

/**
 * Average pooling whose mean excludes padded cells: TensorFlow's "SAME" semantics, which every tfjs
 * backend implements by counting only in-bounds cells, and timm's `count_include_pad=False`. Counting the
 * zeros instead would shrink border values by up to 4/9 and move Inception-v4's logits by ~1.2; the
 * ops test and each backend's self-test check the exclusion on the backend actually in use.
 */
export function avgPool(x: tf.Tensor4D, layer: AvgPool): tf.Tensor4D {
  return tf.avgPool(x, [layer.kernel[0], layer.kernel[1]], layer.stride, layer.padding);
}

/** The mean over the spatial grid: [N, H, W, C] → [N, C]. */
export function globalAveragePool(x: tf.Tensor4D): tf.Tensor2D {
  return tf.mean(x, [1, 2]) as tf.Tensor2D;
}

export function fullyConnected(x: tf.Tensor2D, weights: DenseTensors): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: weights.kernel, bias: weights.bias }) as tf.Tensor2D;
}

/** Concatenation along channels, in branch order (the order the checkpoint's next layer expects). */
export function concatChannels(branches: readonly tf.Tensor[]): tf.Tensor {
  return tf.concat([...branches], -1);
}

/**
 * The Inception-ResNet addition: activation(x + scale · residual), as timm's Block35/17/8 compute
 * `act(conv2d(cat(branches)) * scale + x)`. The scale (0.17, 0.10, 0.20; 1.0 for the last Block8) is what
 * kept these networks from "dying" in training (paper §3.3); it is applied here, not folded into the
 * projection's weights, so the projection's own activation stays inspectable.
 */
export function residualAdd(
  x: tf.Tensor,
  residual: tf.Tensor,
  scale: number,
  activation: 'relu' | 'linear',
): tf.Tensor {
  return tf.tidy(() => {
    const sum = tf.add(tf.mul(residual, scale), x);
    return activation === 'relu' ? tf.relu(sum) : sum;
  });
}
