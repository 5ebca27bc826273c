/**
 * From a TensorSource to tensors on the current backend, one weighted layer at a time: check every
 * tensor the layers need (name and shape from `checkpointTensors`), then fold and upload. Only one
 * layer's folded copy exists at a time, so loading costs the source plus the uploaded weights, never a
 * second full copy.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AnalyzedNode, NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { checkpointTensors, type CheckpointTensor, type TensorKind } from '../../model/analysis/checkpoint.ts';
import type { TensorData, TensorSource } from '../weights/types.ts';
import {
  convWithBias,
  convWithBiasOihw,
  denseKernel,
  foldBatchNorm,
  foldBatchNormOihw,
  KernelShapeError,
  type BatchNormTensors,
} from './fold-batch-norm.ts';
import type { ConvTensors, DenseTensors } from './ops.ts';

export type LayerTensors = ({ kind: 'conv' } & ConvTensors) | ({ kind: 'dense' } & DenseTensors);

export interface WeightProblem {
  address: string;
  tensor?: string;
  message: string;
}

export interface UploadedWeights {
  byAddress: Map<string, LayerTensors>;
  /** Bytes of float32 data uploaded (folded filters, biases, classifier). */
  bytes: number;
}

/** Tensors needed by `layers`, grouped by layer, or the problems that prevent using them. */
export function checkLayerTensors(
  analysis: NetworkAnalysis,
  source: TensorSource,
  layers: ReadonlySet<string>,
): { needed: Map<string, CheckpointTensor[]>; problems: WeightProblem[] } {
  const { tensors, unkeyed } = checkpointTensors(analysis);
  const problems: WeightProblem[] = unkeyed
    .filter((u) => layers.has(u.address))
    .map((u) => ({
      address: u.address,
      message: 'this weighted layer has no checkpoint key, so no weights can be found for it',
    }));
  const needed = new Map<string, CheckpointTensor[]>();
  for (const t of tensors) {
    if (!layers.has(t.address)) continue;
    needed.set(t.address, [...(needed.get(t.address) ?? []), t]);
    const shape = shapeOf(source, t.name);
    if (!shape) {
      problems.push({ address: t.address, tensor: t.name, message: `tensor ${t.name} is missing from the weights` });
    } else if (!sameShape(shape, t.shape)) {
      problems.push({
        address: t.address,
        tensor: t.name,
        message: `tensor ${t.name} has shape [${shape.join(', ')}] but the network expects [${t.shape.join(', ')}]`,
      });
    }
  }
  return { needed, problems };
}

/**
 * Folds and uploads the weights of the checked layers, in network order. Throws only on a malformed
 * source (a tensor whose data length disagrees with its own shape), as a message naming the tensor.
 */
export function uploadLayerWeights(
  nodes: ReadonlyMap<string, AnalyzedNode>,
  source: TensorSource,
  needed: ReadonlyMap<string, CheckpointTensor[]>,
  onProgress?: (done: number, total: number) => void,
): UploadedWeights {
  const byAddress = new Map<string, LayerTensors>();
  let bytes = 0;
  let done = 0;
  const scratch = foldScratch(needed);
  try {
    for (const [address, tensors] of needed) {
      const get = (kind: TensorKind): TensorData => {
        const t = tensors.find((c) => c.kind === kind);
        const data = t && source.get(t.name);
        if (!t || !data) throw new KernelShapeError(`layer ${address} has no ${kind} tensor`);
        return data;
      };
      const layer = nodes.get(address)?.node;
      let uploaded: LayerTensors;
      try {
        uploaded = upload(layer?.kind === 'conv' ? layer.norm : 'dense', get, scratch);
      } catch (error) {
        if (error instanceof KernelShapeError)
          throw new KernelShapeError(
            `weights of ${tensors[0]?.name.replace(/\.[^.]+$/, '') ?? address}: ${error.message}`,
          );
        throw error;
      }
      byAddress.set(address, uploaded);
      uploadNow(uploaded);
      bytes += tensorBytes(uploaded);
      onProgress?.(++done, needed.size);
    }
  } catch (error) {
    disposeWeights(byAddress);
    throw error;
  }
  return { byAddress, bytes };
}

/**
 * On WASM the folded OIHW weight is copied into the module's memory at once, so one buffer (the largest
 * filter's size) serves every layer; elsewhere a tensor may keep the array it was made from (CPU does).
 */
function foldScratch(needed: ReadonlyMap<string, CheckpointTensor[]>): Float32Array | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const sizes = [...needed.values()]
    .flat()
    .filter((t) => t.kind === 'conv_weight')
    .map((t) => t.shape.reduce((a, b) => a * b, 1));
  return new Float32Array(Math.max(0, ...sizes));
}

function upload(
  kind: 'batchnorm' | 'bias' | 'dense',
  get: (kind: TensorKind) => TensorData,
  scratch: Float32Array | undefined,
): LayerTensors {
  if (kind === 'dense') {
    const k = denseKernel(get('linear_weight'), get('linear_bias'));
    return { kind: 'dense', kernel: tf.tensor2d(k.kernel, [...k.kernelShape]), bias: tf.tensor1d(k.bias) };
  }
  const norm = (): BatchNormTensors => ({
    gamma: get('bn_weight'),
    beta: get('bn_bias'),
    mean: get('bn_running_mean'),
    variance: get('bn_running_var'),
  });
  if (scratch) {
    const k =
      kind === 'bias'
        ? convWithBiasOihw(get('conv_weight'), get('conv_bias'))
        : foldBatchNormOihw(get('conv_weight'), norm(), undefined, scratch);
    return { kind: 'conv', filter: hwioOnBackend(k.weight, k.weightShape), bias: tf.tensor1d(k.bias) };
  }
  const k =
    kind === 'bias' ? convWithBias(get('conv_weight'), get('conv_bias')) : foldBatchNorm(get('conv_weight'), norm());
  return { kind: 'conv', filter: tf.tensor4d(k.filter, [...k.filterShape]), bias: tf.tensor1d(k.bias) };
}

/**
 * OIHW → HWIO by the backend's transpose. On WASM its C++ loop takes ~2 ns a value where the JavaScript
 * one (fold-batch-norm.ts's strided writes) takes ~6: 130 ms of Inception-v4's cold start. Elsewhere the
 * filter goes up as data: WebGL must receive it so (see uploadNow), and the CPU backend's transpose is
 * JavaScript too. Same values, bit for bit: a transpose only moves them.
 */
function hwioOnBackend(weight: Float32Array, [out, inputs, kh, kw]: readonly number[]): tf.Tensor4D {
  const oihw = tf.tensor4d(weight, [out, inputs, kh, kw]);
  try {
    return tf.transpose(oihw, [2, 3, 1, 0]);
  } finally {
    oihw.dispose();
  }
}

/**
 * tfjs's WebGPU backend keeps a CPU copy of a new tensor until its first use; uploading each layer at
 * once frees that copy layer by layer, so loading never holds the file plus all folded weights. WebGL is
 * left lazy on purpose: its first use uploads weights in the packed layout its conv programs read, while
 * an eager upload would be unpacked and repacked on every inference (its CPU copies go at the warm-up).
 * WASM and CPU copy or keep the data at creation.
 */
function uploadNow(t: LayerTensors): void {
  if (tf.getBackend() !== 'webgpu') return;
  const backend = tf.backend() as { uploadToGPU?: (dataId: object) => void };
  if (typeof backend.uploadToGPU !== 'function') return;
  for (const tensor of t.kind === 'conv' ? [t.filter, t.bias] : [t.kernel, t.bias]) backend.uploadToGPU(tensor.dataId);
}

function tensorBytes(t: LayerTensors): number {
  return 4 * (t.bias.size + (t.kind === 'conv' ? t.filter.size : t.kernel.size));
}

export function disposeWeights(weights: ReadonlyMap<string, LayerTensors>): void {
  for (const t of weights.values()) tf.dispose(t.kind === 'conv' ? [t.filter, t.bias] : [t.kernel, t.bias]);
}

/** The shape without producing the data where the source can (generated weights are costly to produce). */
function shapeOf(source: TensorSource, name: string): readonly number[] | undefined {
  const cheap = (source as TensorSource & { shapeOf?: (name: string) => readonly number[] | undefined }).shapeOf;
  return cheap ? cheap.call(source, name) : source.get(name)?.shape;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
