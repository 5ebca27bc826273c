/**
 * The executor's TrainingLayers on a network's TrainableParameters: convolution (conv2dTrainable), batch
 * norm in training mode (batch statistics, moving averages) or evaluation mode (moving averages), the
 * classifier, and seeded dropout.
 *
 * Batch norm as PyTorch's BatchNorm2d in training mode: y = γ·(x − μ_B)/√(σ²_B + ε) + β with the biased
 * batch variance; running ← 0.9·running + 0.1·batch, the running variance taking the unbiased batch
 * variance (× n/(n − 1), n = N·H·W); ε = 1e-3 as timm's networks. The new averages are held until the
 * step knows its loss is finite (`commitStatistics`), so a NaN batch leaves them as they were; they carry
 * no gradient.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Conv, Dense, Dropout } from '../../model/types.ts';
import type { TrainingLayers } from '../executor/run-options.ts';
import { BATCH_NORM_EPSILON } from '../executor/fold-batch-norm.ts';
import { fnv1a32, hash32 } from '../seeded-hash.ts';
import type { LayerParameters, TrainableParameters } from './parameters.ts';
import { batchNormTraining } from './batch-norm.ts';
import { biasTraining } from './channel-ops.ts';
import { conv2dTrainable } from './trainable-conv.ts';

/** PyTorch's BatchNorm2d momentum: the weight of the new batch in the moving averages. */
export const BATCH_NORM_MOMENTUM = 0.1;

export interface LayerMode {
  /** "batch": normalise with the batch's statistics (training); "running": with the moving averages. */
  normalise: 'batch' | 'running';
  /** Update the moving averages with the batch's statistics (a training step). */
  updateStatistics: boolean;
  /** Seed of this run's dropout masks; without one, dropout is inactive. */
  dropoutSeed?: number;
}

export class NetworkTrainingLayers implements TrainingLayers {
  /** New moving averages computed by this run, not yet assigned (kept out of the run's tidy scopes). */
  private pending: Array<{ variable: tf.Variable; value: tf.Tensor }> = [];
  /** 0 while every batch statistic of this run is finite, NaN after one that is not (see `nonFinite`). */
  private poison: tf.Scalar | undefined;

  constructor(
    private readonly parameters: TrainableParameters,
    private readonly mode: LayerMode,
  ) {}

  /** Assigns the moving averages this run computed. */
  commitStatistics(): void {
    for (const { variable, value } of this.pending) variable.assign(value);
    this.discardStatistics();
  }

  /** Drops the moving averages this run computed (a step whose loss was not finite). */
  discardStatistics(): void {
    tf.dispose(this.pending.map((p) => p.value));
    this.pending = [];
    this.poison?.dispose();
    this.poison = undefined;
  }

  /**
   * 0, or NaN if a batch statistic of this run (a step: updateStatistics) was not finite; the caller
   * disposes it, `discardStatistics` what it came from. Added to the loss and the gradient norm so
   * that a batch with NaN or ±Infinity in it reports them. WASM's fused per-channel kernels (channel-ops.ts,
   * XNNPACK's clamps) turn NaN into 0 or −Infinity, so a poisoned batch could otherwise come out finite;
   * the statistics (a mean over the batch) are where a non-finite value reaches every later layer.
   */
  nonFinite(): tf.Scalar {
    return this.poison ? tf.clone(this.poison) : tf.scalar(0);
  }

  conv(x: tf.Tensor4D, layer: Conv, address: string): tf.Tensor4D {
    const p = this.parameters.layer(address);
    return tf.tidy(() => {
      const z = conv2dTrainable(x, p.weight as tf.Tensor as tf.Tensor4D, layer.stride, layer.padding);
      const relu = layer.activation === 'relu';
      if (layer.norm === 'bias') return biasTraining(z, p.bias! as tf.Tensor as tf.Tensor1D, relu);
      if (this.mode.normalise === 'batch') return this.batchNorm(z, p, relu);
      const y = this.runningNorm(z, p);
      return relu ? tf.relu(y) : y;
    });
  }

  dense(x: tf.Tensor2D, _layer: Dense, address: string): tf.Tensor2D {
    const p = this.parameters.layer(address);
    return tf.tidy(() => tf.add(tf.matMul(x, p.weight as tf.Tensor as tf.Tensor2D), p.bias!));
  }

  dropout(x: tf.Tensor, layer: Dropout, address: string): tf.Tensor {
    const seed = this.mode.dropoutSeed;
    if (seed === undefined || layer.keep >= 1) return x;
    // One mask per run and layer: seeded by the run's seed and the layer's address.
    return tf.dropout(x, 1 - layer.keep, undefined, hash32(seed, fnv1a32(address)));
  }

  /** Batch norm with the moving averages (evaluation): an affine map per channel, the averages constants. */
  private runningNorm(z: tf.Tensor4D, p: LayerParameters): tf.Tensor4D {
    // γ/√ rather than γ·rsqrt: Rsqrt's gradient uses Pow, 60 times slower than Sqrt on WASM.
    const scale = tf.div(p.gamma!, tf.sqrt(tf.add(p.runningVar!, BATCH_NORM_EPSILON)));
    return tf.add(tf.mul(z, scale), tf.sub(p.beta!, tf.mul(p.runningMean!, scale))) as tf.Tensor4D;
  }

  /** Batch norm with the batch's statistics (training), the ReLU after it fused in. */
  private batchNorm(z: tf.Tensor4D, p: LayerParameters, relu: boolean): tf.Tensor4D {
    const vector = (v: tf.Variable) => v as tf.Tensor as tf.Tensor1D;
    const { y, mean, variance } = batchNormTraining(z, vector(p.gamma!), vector(p.beta!), BATCH_NORM_EPSILON, relu);
    if (this.mode.updateStatistics) {
      this.updateStatistics(p, mean, variance, z.size / z.shape[3]);
      // x·0 is 0 for finite x and NaN for NaN and ±Infinity; Sum and Add carry NaN on every backend.
      const poison = tf.keep(tf.add(this.poison ?? 0, tf.mul(tf.sum(tf.add(mean, variance)), 0)) as tf.Scalar);
      this.poison?.dispose();
      this.poison = poison;
    }
    tf.dispose([mean, variance]);
    return y;
  }

  private updateStatistics(p: LayerParameters, mean: tf.Tensor, variance: tf.Tensor, n: number): void {
    const m = BATCH_NORM_MOMENTUM;
    const unbiased = n > 1 ? n / (n - 1) : 1;
    this.pending.push(
      { variable: p.runningMean!, value: tf.keep(tf.add(tf.mul(p.runningMean!, 1 - m), tf.mul(mean, m))) },
      { variable: p.runningVar!, value: tf.keep(tf.add(tf.mul(p.runningVar!, 1 - m), tf.mul(variance, m * unbiased))) },
    );
  }
}
