/**
 * A network's parameters as tf.Variables, one per checkpoint tensor of `checkpointTensors` (timm names).
 * In memory conv filters are HWIO and the classifier's kernel [in, out] (what tfjs convolves and
 * multiplies with); `export` gives PyTorch's layouts (conv OIHW, linear [out, in]) and the batch-norm
 * running statistics, which `buildExecutor` and the safetensors writer take as they take a checkpoint.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { checkpointTensors, type CheckpointTensor, type TensorKind } from '../../model/analysis/checkpoint.ts';
import { checkLayerTensors } from '../executor/layer-weights.ts';
import type { TensorData, TensorSource } from '../weights/types.ts';
import { heNormal } from './he-normal.ts';

export interface Parameter {
  tensor: CheckpointTensor;
  variable: tf.Variable;
  /** Moving statistics are updated by the forward pass, not by gradients. */
  trainable: boolean;
  /** Conv and dense weights take weight decay; biases and batch norm do not. */
  decays: boolean;
}

/** A layer's variables by role. */
export interface LayerParameters {
  /** Conv HWIO or dense [in, out]. */
  weight: tf.Variable;
  bias?: tf.Variable;
  gamma?: tf.Variable;
  beta?: tf.Variable;
  runningMean?: tf.Variable;
  runningVar?: tf.Variable;
}

const ROLE: Record<TensorKind, keyof LayerParameters> = {
  conv_weight: 'weight',
  linear_weight: 'weight',
  conv_bias: 'bias',
  linear_bias: 'bias',
  bn_weight: 'gamma',
  bn_bias: 'beta',
  bn_running_mean: 'runningMean',
  bn_running_var: 'runningVar',
};

let created = 0;

export class TrainableParameters {
  private disposed = false;

  private constructor(
    /** Every checkpoint tensor, in the checkpoint's order. */
    readonly all: readonly Parameter[],
    /** By layer address. */
    readonly layers: ReadonlyMap<string, LayerParameters>,
  ) {}

  /**
   * He-normal conv and dense weights from `seed` (batch norm γ = 1, β = 0, mean 0, var 1, biases 0), or
   * the tensors of `init` (PyTorch layouts) where given. Throws an Error listing every missing or
   * misshapen tensor of `init`, or any weighted layer without a checkpoint key.
   */
  static create(analysis: NetworkAnalysis, seed: number, init?: TensorSource): TrainableParameters {
    const { tensors, unkeyed } = checkpointTensors(analysis);
    if (unkeyed.length > 0) {
      const addresses = unkeyed.map((u) => u.address).join(', ');
      throw new Error(
        `cannot train ${analysis.network.title}: the weighted layers ${addresses} ` +
          'have no checkpoint key, so their parameters cannot be named',
      );
    }
    if (init) {
      const layers = new Set(tensors.map((t) => t.address));
      const { problems } = checkLayerTensors(analysis, init, layers);
      if (problems.length > 0) {
        const list = problems.map((p) => `- ${p.message}`).join('\n');
        throw new Error(`the initial weights do not fit ${analysis.network.title}:\n${list}`);
      }
    }
    // Variable names are global in a tfjs engine: a prefix keeps two trainers of one network apart.
    const prefix = `trainer${++created}/`;
    const all: Parameter[] = [];
    const layers = new Map<string, LayerParameters>();
    try {
      for (const tensor of tensors) {
        const data = init ? init.get(tensor.name)!.data : initialValues(seed, tensor);
        const trainable = tensor.kind !== 'bn_running_mean' && tensor.kind !== 'bn_running_var';
        const value = tf.tidy(() => toMemoryLayout(tensor.kind, tf.tensor(data, [...tensor.shape])));
        const variable = tf.variable(value, trainable, `${prefix}${tensor.name}`);
        value.dispose();
        const decays = tensor.kind === 'conv_weight' || tensor.kind === 'linear_weight';
        all.push({ tensor, variable, trainable, decays });
        const layer = layers.get(tensor.address) ?? ({} as LayerParameters);
        layer[ROLE[tensor.kind]] = variable;
        layers.set(tensor.address, layer);
      }
    } catch (error) {
      tf.dispose(all.map((p) => p.variable));
      throw error;
    }
    return new TrainableParameters(all, layers);
  }

  get trainable(): Parameter[] {
    return this.all.filter((p) => p.trainable);
  }

  /** The layer's variables; throws if the network has no such weighted layer. */
  layer(address: string): LayerParameters {
    const layer = this.layers.get(address);
    if (!layer) throw new Error(`internal: no parameters for the layer at ${address}`);
    return layer;
  }

  /** Every tensor in PyTorch layout by checkpoint name, in the checkpoint's order (a safetensors file's content). */
  async export(): Promise<Map<string, TensorData>> {
    if (this.disposed) throw new Error('these parameters have been disposed');
    return exportTensors(this.all.map((p) => [p.tensor, p.variable] as const));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose(this.all.map((p) => p.variable));
  }
}

/** Tensors in memory layout → PyTorch layout, read back, by checkpoint name. */
export async function exportTensors(
  entries: ReadonlyArray<readonly [CheckpointTensor, tf.Tensor]>,
  name = (t: CheckpointTensor) => t.name,
): Promise<Map<string, TensorData>> {
  const out = new Map<string, TensorData>();
  for (const [tensor, value] of entries) {
    const exported = tf.tidy(() => toCheckpointLayout(tensor.kind, value));
    const data = Float32Array.from(await exported.data());
    exported.dispose();
    out.set(name(tensor), { shape: [...tensor.shape], data });
  }
  return out;
}

/** PyTorch layout → memory layout: conv OIHW → HWIO, linear [out, in] → [in, out]. */
export function toMemoryLayout(kind: TensorKind, t: tf.Tensor): tf.Tensor {
  if (kind === 'conv_weight') return tf.transpose(t, [2, 3, 1, 0]);
  return kind === 'linear_weight' ? tf.transpose(t) : tf.clone(t);
}

/** Memory layout → PyTorch layout. */
export function toCheckpointLayout(kind: TensorKind, t: tf.Tensor): tf.Tensor {
  if (kind === 'conv_weight') return tf.transpose(t, [3, 2, 0, 1]);
  return kind === 'linear_weight' ? tf.transpose(t) : tf.clone(t);
}

function initialValues(seed: number, tensor: CheckpointTensor): Float32Array {
  const size = tensor.shape.reduce((a, b) => a * b, 1);
  switch (tensor.kind) {
    case 'conv_weight':
    case 'linear_weight':
      // fan_in: in · kh · kw for a conv [O, I, kh, kw], in for a linear [out, in].
      return heNormal(seed, tensor.name, size, size / tensor.shape[0]);
    case 'bn_weight':
    case 'bn_running_var':
      return new Float32Array(size).fill(1);
    default:
      return new Float32Array(size);
  }
}
