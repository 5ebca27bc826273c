/** What a run of the executor can be asked to do besides computing the logits, and what it returns. */
import type * as tf from '@tensorflow/tfjs-core';
import type { Conv, Dense, Dropout } from '../../model/types.ts';
import type { LayerTensors } from './layer-weights.ts';

/**
 * Observes a node's output during the run and reduces it right there (a channel-mean map, statistics, a
 * histogram): only the returned tensor outlives the run, so observing hundreds of nodes never holds
 * their outputs at full size.
 */
export type Tap = (output: tf.Tensor) => tf.Tensor;

/**
 * The weighted layers and dropout of a training run (src/runtime/training/): the executor calls these
 * instead of its folded weights, so training and inference share one forward pass (the same pooling,
 * concatenation, residual scales, probes and taps). Each returns a new tensor the executor may dispose.
 */
export interface TrainingLayers {
  /** Convolution, then batch norm (or the layer's own bias), then its activation. */
  conv(x: tf.Tensor4D, layer: Conv, address: string): tf.Tensor4D;
  dense(x: tf.Tensor2D, layer: Dense, address: string): tf.Tensor2D;
  dropout(x: tf.Tensor, layer: Dropout, address: string): tf.Tensor;
}

export interface RunOptions {
  /** Addresses whose whole outputs to return; each must be computed by this run. */
  capture?: readonly string[];
  /** Taps by node address (a whole repeat's address observes its last repetition's output). */
  taps?: ReadonlyMap<string, Tap>;
  /**
   * Residual scale per group (the stage address of its blocks, see `residualGroups`), overriding the
   * released scale at run time; 0 switches the group's residual branches off. No weights change.
   */
  residualScales?: Readonly<Record<string, number>>;
  /** Residual nodes whose norms ‖x‖ and ‖r‖ to return, or "all" for every residual node this run computes. */
  probes?: 'all' | readonly string[];
  /**
   * Start at this segment (see `segmentsOf`): the input is then that segment's input, a grid of the
   * network run at `inputSize`, and the segments before it are not run.
   */
  from?: string;
  /** Stop after this segment; `output` is then its output. */
  to?: string;
  /** The network input's [height, width] that a `from` run's input belongs to (default: the network's). */
  inputSize?: readonly [number, number];
  /** Return the input of every segment this run passes through. */
  keepSegmentInputs?: boolean;
  /**
   * Taps and probes see each example of the batch on its own (a batch classified together, each photo
   * looked inside): a tap's result and a probe's norms are stacked along a new first axis, one per example.
   */
  perExample?: boolean;
  /** Use this tensor as the output of the node at `address` instead of computing it (Grad-CAM). */
  substitute?: { address: string; tensor: tf.Tensor };
  /** Compute with ops TensorFlow.js differentiates correctly on every backend (see differentiable-ops.ts). */
  differentiable?: boolean;
  /** These layers' tensors instead of the uploaded ones (copies on another backend). */
  weights?: ReadonlyMap<string, LayerTensors>;
  /**
   * Conv, dense and dropout nodes computed by these layers (trainable parameters, batch norm in training
   * or evaluation mode); pooling then uses the differentiable ops, as with `differentiable`.
   */
  training?: TrainingLayers;
}

export interface ResidualProbe {
  /** The scale this run used. */
  scale: number;
  /**
   * [‖x‖, ‖r‖]: the shortcut and the residual branch before scaling (Euclidean norms over the batch), or
   * with `perExample` [N, 2], each example's.
   */
  norms: tf.Tensor1D | tf.Tensor2D;
}

export interface RunResult {
  /** Logits [N, classes], or the output of the `until` node or of the `to` segment. */
  output: tf.Tensor;
  /** Captured outputs by address. The caller disposes every tensor returned; one tensor may appear twice. */
  activations: Map<string, tf.Tensor>;
  /** What each tap returned, by address. */
  tapped: Map<string, tf.Tensor>;
  /** Norms of probed residual nodes, by address. */
  residuals: Map<string, ResidualProbe>;
  /** Inputs of the segments run, by segment address (with `keepSegmentInputs`). */
  segmentInputs: Map<string, tf.Tensor>;
}
