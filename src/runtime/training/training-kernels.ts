/**
 * The kernels the training engine runs — a step (forward, backward, clipping, weight decay, RMSProp or
 * SGD, dropout), evaluation and the monitor — and which of them a backend lacks. Conv2DBackpropFilter is
 * not among them: where a backend lacks it, filter gradients are built from these (see
 * conv2d-backprop-filter.ts). A test records the kernels actually run with tf.profile on every backend.
 */
import * as tf from '@tensorflow/tfjs-core';

export const TRAINING_KERNELS: readonly string[] = [
  'Add',
  'ArgMax',
  'AvgPool',
  'BatchMatMul',
  'Cast',
  'Concat',
  'Conv2D',
  'DepthwiseConv2dNative',
  'Equal',
  'Exp',
  'Floor',
  'FusedDepthwiseConv2D',
  'GreaterEqual',
  'Identity',
  'Less',
  'Log',
  'Max',
  'Maximum',
  'Mean',
  'Multiply',
  'Neg',
  'NotEqual',
  'OneHot',
  'OnesLike',
  'Pack',
  'PadV2',
  'RealDiv',
  'Relu',
  'Reshape',
  'Slice',
  'SplitV',
  'StridedSlice',
  'Sqrt',
  'Square',
  'Step',
  'Sub',
  'Sum',
  'Transpose',
];

/** The training kernels `backend` does not register (all of them for a backend that is not registered). */
export function missingTrainingKernels(backend: string): string[] {
  return TRAINING_KERNELS.filter((name) => tf.getKernel(name, backend) === undefined);
}
