/**
 * Trains a network from its definition on the active TensorFlow.js backend (learning-spec §2): the
 * executor's forward pass with TrainingLayers, softmax cross-entropy, global-norm clipping, weight decay,
 * RMSProp or SGD. One step at a time, called by the training worker and the CLI, which own the data.
 *
 * The trainer stays on the backend it was created on and never falls back: a backend lacking a kernel
 * the step needs is refused at creation, naming the kernels; one lacking only Conv2DBackpropFilter (WASM)
 * takes filter gradients built from other ops, which `filterGradients` reports.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ResidualGroup } from '../../model/analysis/residual-groups.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import { buildTrainingExecutor, type NetworkExecutor } from '../executor/network.ts';
import type { TensorData, TensorSource } from '../weights/types.ts';
import { checkTrainingConfig, learningRateAt, type TrainingConfig } from './config.ts';
import { filterGradientSource } from './conv2d-backprop-filter.ts';
import { addWeightDecay, clipByGlobalNorm, globalNorm } from './gradient-transforms.ts';
import { checkLabels, crossEntropy, top1Errors } from './loss.ts';
import { beforeGlobalPooling, residualRatios, zeroFractionTap, type Monitor } from './monitor.ts';
import { Optimizer } from './optimizers.ts';
import { exportTensors, TrainableParameters } from './parameters.ts';
import { missingTrainingKernels } from './training-kernels.ts';
import { shareWasmIdentity } from '../kernels/shared-identity.ts';
import { sliceWasmFromHeap } from '../kernels/heap-slice.ts';
import { fixWasmMaxPoolGrad } from '../kernels/max-pool-gradient.ts';
import { NetworkTrainingLayers, type LayerMode } from './training-layers.ts';
import { hash32 } from '../seeded-hash.ts';

export type { Monitor } from './monitor.ts';

export interface StepResult {
  /** The batch's mean loss before the update; NaN or ±Infinity are reported as they are. */
  loss: number;
  /** The global norm of the loss's gradients, before clipping and weight decay. */
  gradNorm: number;
  /** False when the loss or the gradients were not finite: the parameters were then left unchanged. */
  updated: boolean;
}

export interface Evaluation {
  /** Mean loss (with the configured label smoothing) over the images. */
  loss: number;
  /** Fraction of images whose largest logit is not their label. */
  top1Error: number;
}

/** What a resumed run needs besides the weights: the optimiser's state and the step count. */
export interface TrainerState {
  optimizer: 'rmsprop' | 'sgd';
  /** Steps taken (the dropout masks' seed follows it). */
  step: number;
  /** Optimiser state in the parameters' PyTorch layouts, named "<tensor>#<slot>". */
  tensors: Map<string, TensorData>;
}

export class Trainer {
  private steps = 0;
  private disposed = false;

  private constructor(
    readonly network: NetworkDefinition,
    readonly config: TrainingConfig,
    private readonly executor: NetworkExecutor,
    private readonly parameters: TrainableParameters,
    private readonly optimizer: Optimizer,
    /** The backend this trainer's tensors live on. */
    readonly backend: string,
    private readonly monitored: string,
  ) {}

  /**
   * A trainer for `network` on the active backend, from `init` (a checkpoint's tensors, PyTorch
   * layouts) or He-normal weights from the config's seed. Throws an Error saying what to fix: a bad
   * setting, a network that cannot run, weights that do not fit, a backend lacking a kernel, gradient
   * functions not registered.
   */
  static create(network: NetworkDefinition, config: TrainingConfig, init?: TensorSource): Trainer {
    const problems = checkTrainingConfig(config);
    if (problems.length > 0) {
      throw new Error(`the training settings cannot be used:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    }
    if (!tf.getGradient('Conv2D')) {
      throw new Error(
        'TensorFlow.js gradient functions are not registered: call ensureGradients() (browser) ' +
          'or registerGradientsInNode() (Node) before creating a trainer',
      );
    }
    const backend = tf.getBackend();
    // Before any tensor is saved for a backward pass: WASM's own Identity copies each (shared-identity.ts),
    // its Slice and SplitV their whole input (heap-slice.ts); its MaxPoolGrad is wrong (max-pool-gradient.ts).
    if (backend === 'wasm') {
      shareWasmIdentity();
      sliceWasmFromHeap();
      fixWasmMaxPoolGrad();
    }
    const missing = missingTrainingKernels(backend);
    if (missing.length > 0) {
      throw new Error(
        `the ${backend} backend has no ${missing.join(', ')} kernel${missing.length > 1 ? 's' : ''}, ` +
          'which training needs: choose another backend',
      );
    }
    const built = buildTrainingExecutor(network);
    if (!built.ok) {
      throw new Error(`cannot train ${network.title}:\n${built.problems.map((p) => `- ${p.message}`).join('\n')}`);
    }
    const { executor } = built;
    const monitored = beforeGlobalPooling(executor.analysis);
    const parameters = TrainableParameters.create(executor.analysis, config.seed, init);
    const optimizer = new Optimizer(config.optimizer, parameters.trainable);
    return new Trainer(network, config, executor, parameters, optimizer, backend, monitored);
  }

  /** Where this backend's convolution filter gradients come from (WASM: "ops", built from other kernels). */
  get filterGradients(): 'kernel' | 'ops' {
    return filterGradientSource(this.backend);
  }

  /** Steps taken so far. */
  get stepCount(): number {
    return this.steps;
  }

  /**
   * One optimisation step on a batch: images NHWC float32 (normalised), labels class indices. `epoch`
   * (0-based) sets the learning rate through the schedule.
   */
  async step(images: Float32Array, labels: Int32Array, epoch = 0): Promise<StepResult> {
    const { x, y } = this.batch(images, labels);
    const dropoutSeed = this.config.dropout ? hash32(this.config.seed, this.steps) : undefined;
    const mode = { normalise: 'batch', updateStatistics: true, dropoutSeed } as const;
    const layers = new NetworkTrainingLayers(this.parameters, mode);
    const held: tf.Tensor[] = [x, y];
    try {
      const { loss, gradients } = this.lossAndGradients(x, y, layers);
      const norm = globalNorm(gradients);
      const nonFinite = layers.nonFinite();
      held.push(loss, norm, nonFinite, ...gradients);
      const [lossRead, normRead, poison] = await readScalars([loss, norm, nonFinite]);
      // NaN where a batch statistic was not finite; + 0 leaves a finite value as it is.
      const [lossValue, gradNorm] = [lossRead + poison, normRead + poison];
      const updated = Number.isFinite(lossValue) && Number.isFinite(gradNorm);
      if (updated) {
        layers.commitStatistics();
        this.update(gradients, norm, epoch);
      }
      this.steps += 1;
      return { loss: lossValue, gradNorm, updated };
    } finally {
      layers.discardStatistics();
      tf.dispose(held);
    }
  }

  /** Clipping, weight decay, then the optimiser's step. */
  private update(gradients: tf.Tensor[], norm: tf.Scalar, epoch: number): void {
    const { clipNorm, weightDecay } = this.config;
    const clipped = clipNorm ? clipByGlobalNorm(gradients, norm, clipNorm) : gradients;
    const trainable = this.parameters.trainable;
    const decayed = weightDecay
      ? addWeightDecay(
          clipped,
          trainable.map((p) => p.variable),
          trainable.map((p) => p.decays),
          weightDecay,
        )
      : clipped;
    try {
      this.optimizer.apply(decayed, learningRateAt(this.config, epoch));
    } finally {
      if (decayed !== clipped) tf.dispose(decayed);
      if (clipped !== gradients) tf.dispose(clipped);
    }
  }

  /**
   * The loss and the gradient of every trainable parameter at this batch (PyTorch layouts, by
   * checkpoint name), in training mode, without a step: no update, moving averages unchanged, no dropout.
   */
  async gradients(
    images: Float32Array,
    labels: Int32Array,
  ): Promise<{ loss: number; gradients: Map<string, TensorData> }> {
    const { x, y } = this.batch(images, labels);
    const layers = new NetworkTrainingLayers(this.parameters, { normalise: 'batch', updateStatistics: false });
    const { loss, gradients } = this.lossAndGradients(x, y, layers);
    const trainable = this.parameters.trainable;
    try {
      const [value] = await readScalars([loss]);
      const named = await exportTensors(trainable.map((p, i) => [p.tensor, gradients[i]] as const));
      return { loss: value, gradients: named };
    } finally {
      tf.dispose([x, y, loss, ...gradients]);
    }
  }

  /** Loss and top-1 error in evaluation mode (moving averages, no dropout), in batches of the configured size. */
  async evaluate(images: Float32Array, labels: Int32Array): Promise<Evaluation> {
    let loss = 0;
    let errors = 0;
    for (const { x, y, count } of this.chunks(images, labels)) {
      const sums = tf.tidy(() => {
        const logits = this.forward(x, { normalise: 'running', updateStatistics: false });
        return [tf.mul(crossEntropy(logits, y, this.config.labelSmoothing), count), top1Errors(logits, y)];
      });
      const [l, e] = await readScalars(sums);
      loss += l;
      errors += e;
      tf.dispose([x, y, ...sums]);
    }
    return { loss: loss / labels.length, top1Error: errors / labels.length };
  }

  /** The logits [N, classes] in evaluation mode, row-major. */
  async predict(images: Float32Array): Promise<Float32Array> {
    const count = this.imageCount(images);
    const parts: Float32Array[] = [];
    for (const { x, y } of this.chunks(images, new Int32Array(count))) {
      const logits = this.forward(x, { normalise: 'running', updateStatistics: false });
      parts.push(Float32Array.from(await logits.data()));
      tf.dispose([x, y, logits]);
    }
    const out = new Float32Array(count * this.network.classes);
    parts.reduce((offset, p) => (out.set(p, offset), offset + p.length), 0);
    return out;
  }

  /**
   * The §3.3 monitor on a batch, as a training step sees it (batch statistics) but without changing
   * anything: per residual group, the mean over its blocks of ‖s·r‖/‖x‖; the zero fraction before pooling.
   */
  async monitor(images: Float32Array): Promise<Monitor> {
    const { x, y } = this.batch(images, new Int32Array(this.imageCount(images)));
    const layers = new NetworkTrainingLayers(this.parameters, { normalise: 'batch', updateStatistics: false });
    const run = this.executor.run(x, {
      training: layers,
      residualScales: this.residualScales(),
      probes: 'all',
      taps: new Map([[this.monitored, zeroFractionTap]]),
    });
    try {
      const groups = await residualRatios(this.groups(), run.residuals);
      const [zeroFraction] = await readScalars([run.tapped.get(this.monitored)!]);
      return { groups, zeroFraction };
    } finally {
      tf.dispose([x, y, run.output, ...run.tapped.values(), ...[...run.residuals.values()].map((p) => p.norms)]);
    }
  }

  /** Every tensor of the network by timm name in PyTorch layouts (BN running statistics included): a checkpoint. */
  exportWeights(): Promise<Map<string, TensorData>> {
    this.check();
    return this.parameters.export();
  }

  async state(): Promise<TrainerState> {
    this.check();
    return { optimizer: this.config.optimizer.kind, step: this.steps, tensors: await this.optimizer.state() };
  }

  /** Continues from `state()` (with the weights given to `create`); throws, changing nothing, if it does not fit. */
  restore(state: TrainerState): void {
    this.check();
    if (state.optimizer !== this.config.optimizer.kind) {
      throw new Error(`the saved state is of ${state.optimizer}, but this run uses ${this.config.optimizer.kind}`);
    }
    if (!Number.isInteger(state.step) || state.step < 0) {
      throw new Error(`the saved step count must be a whole number ≥ 0, got ${state.step}`);
    }
    this.optimizer.restore(state.tensors);
    this.steps = state.step;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.optimizer.dispose();
    this.parameters.dispose();
    this.executor.dispose();
  }

  private lossAndGradients(
    x: tf.Tensor4D,
    y: tf.Tensor1D,
    layers: NetworkTrainingLayers,
  ): { loss: tf.Scalar; gradients: tf.Tensor[] } {
    const trainable = this.parameters.trainable;
    const { value, grads } = tf.variableGrads(
      () => crossEntropy(this.forward(x, layers), y, this.config.labelSmoothing),
      trainable.map((p) => p.variable),
    );
    return { loss: value, gradients: trainable.map((p) => grads[p.variable.name]) };
  }

  private forward(x: tf.Tensor4D, mode: LayerMode | NetworkTrainingLayers): tf.Tensor2D {
    const training = mode instanceof NetworkTrainingLayers ? mode : new NetworkTrainingLayers(this.parameters, mode);
    return this.executor.run(x, { training, residualScales: this.residualScales() }).output as tf.Tensor2D;
  }

  private groups(): ResidualGroup[] {
    const [h, w] = this.network.input;
    return this.executor.at([h, w]).groups;
  }

  private residualScales(): Record<string, number> {
    const scale = this.config.residualScale;
    return scale === undefined ? {} : Object.fromEntries(this.groups().map((g) => [g.address, scale]));
  }

  private imageCount(images: Float32Array): number {
    const [h, w, c] = this.network.input;
    const count = images.length / (h * w * c);
    if (!Number.isInteger(count) || count < 1) {
      throw new Error(
        `${images.length} values are not a batch of ${h}×${w}×${c} images (NHWC) ` + `for ${this.network.title}`,
      );
    }
    return count;
  }

  /** The batch as tensors, after checking it and that the backend is still this trainer's. */
  private batch(images: Float32Array, labels: Int32Array): { x: tf.Tensor4D; y: tf.Tensor1D } {
    this.check();
    const count = this.imageCount(images);
    if (labels.length !== count) throw new Error(`${count} images but ${labels.length} labels`);
    const problem = checkLabels(labels, this.network.classes);
    if (problem) throw new Error(problem);
    const [h, w, c] = this.network.input;
    return { x: tf.tensor4d(images, [count, h, w, c]), y: tf.tensor1d(labels, 'int32') };
  }

  private *chunks(
    images: Float32Array,
    labels: Int32Array,
  ): Generator<{ x: tf.Tensor4D; y: tf.Tensor1D; count: number }> {
    const count = this.imageCount(images);
    const size = images.length / count;
    for (let start = 0; start < count; start += this.config.batchSize) {
      const end = Math.min(count, start + this.config.batchSize);
      const batch = this.batch(images.subarray(start * size, end * size), labels.subarray(start, end));
      yield { ...batch, count: end - start };
    }
  }

  private check(): void {
    if (this.disposed) throw new Error('this trainer has been disposed');
    if (tf.getBackend() !== this.backend) {
      throw new Error(
        `this trainer's tensors live on ${this.backend} but the active backend is ${tf.getBackend()}: ` +
          `switch back to ${this.backend} or create a new trainer`,
      );
    }
  }
}

/** Scalars read back in one download. */
async function readScalars(scalars: readonly tf.Tensor[]): Promise<number[]> {
  const stacked = tf.tidy(() => tf.stack(scalars.map((s) => tf.reshape(s, []))));
  try {
    return Array.from(await stacked.data());
  } finally {
    stacked.dispose();
  }
}
