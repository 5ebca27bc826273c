/**
 * The kernels the training engine runs — a step (forward, backward, clipping, weight decay, RMSProp or
 * SGD, dropout), evaluation and the monitor — and which of them a backend lacks. Conv2DBackpropFilter is
 * not among them: where a backend lacks it, filter gradients are built from these (see
 * conv2d-backprop-filter.ts). The max pools run MAX_POOL_KERNELS by where their gradients come from
 * (max-pool-gradient.ts). A test records the kernels actually run with tf.profile on every backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MAX_POOL_KERNELS, maxPoolSource } from '../kernels/max-pool-gradient.ts';

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
  'Identity',
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
  'Sqrt',
  'Square',
  'Step',
  'Sub',
  'Sum',
  'Transpose',
];

/** The kernels training runs on `backend`, sorted. */
export function trainingKernels(backend: string): string[] {
  return [...TRAINING_KERNELS, ...MAX_POOL_KERNELS[maxPoolSource(backend)]].sort();
}

/** The training kernels `backend` does not register (all of them for a backend that is not registered). */
export function missingTrainingKernels(backend: string): string[] {
  return trainingKernels(backend).filter((name) => tf.getKernel(name, backend) === undefined);
}
