/** The training objective and the held-out error. */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Mean softmax cross-entropy over the batch, with label smoothing ls: the target is
 * (1 − ls)·onehot + ls/K (tfjs's softmaxCrossEntropy, which is also PyTorch's CrossEntropyLoss's smoothing).
 */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, labelSmoothing = 0): tf.Scalar {
  return tf.tidy(() => {
    const onehot = tf.oneHot(labels, logits.shape[1]);
    return tf.losses.softmaxCrossEntropy(onehot, logits, undefined, labelSmoothing, tf.Reduction.MEAN) as tf.Scalar;
  });
}

/** The number of examples whose largest logit is not their label (the first of tied maxima counts). */
export function top1Errors(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.notEqual(tf.argMax(logits, 1), labels), 'float32')));
}

/** Labels as int32 in [0, classes), or a message naming the first that is not. */
export function checkLabels(labels: Int32Array, classes: number): string | undefined {
  const bad = labels.findIndex((l) => !Number.isInteger(l) || l < 0 || l >= classes);
  return bad < 0 ? undefined : `label ${bad} is ${labels[bad]}; labels must be class indices in [0, ${classes})`;
}
