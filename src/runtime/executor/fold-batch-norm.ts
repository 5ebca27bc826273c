/**
 * Turns timm's tensors (PyTorch layouts) into the tensors TensorFlow.js convolves and multiplies with.
 *
 * A ConvNormAct block computes relu(γ·(conv(x, W) − μ)/√(σ² + ε) + β). Batch norm at inference is an
 * affine map per output channel, so it folds into the convolution: W' = W·s, b' = β − μ·s with
 * s = γ/√(σ² + ε). One fused conv + bias + ReLU then replaces four ops. The scale and the products are
 * computed in float64 (free in JS) and rounded once to float32 on store.
 */
import type { TensorData } from '../weights/types.ts';

/** timm's BatchNorm2d eps for both released networks (`norm_eps=1e-3`, see fixtures/timm/recipe.md). */
export const BATCH_NORM_EPSILON = 1e-3;

/** A convolution ready for `tf.fused.conv2d`: filter in HWIO, one bias per output channel. */
export interface ConvKernel {
  /** [kh, kw, in, out] */
  readonly filterShape: readonly [number, number, number, number];
  readonly filter: Float32Array;
  readonly bias: Float32Array;
}

/** A fully connected layer ready for `tf.fused.matMul(x, kernel)`: kernel [in, out], bias [out]. */
export interface DenseKernel {
  readonly kernelShape: readonly [number, number];
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

export interface BatchNormTensors {
  gamma: TensorData;
  beta: TensorData;
  mean: TensorData;
  variance: TensorData;
}

/** A clear error about one tensor: the executor turns it into a problem report. */
export class KernelShapeError extends Error {}

/** Folds batch norm into a bias-free convolution: OIHW weight + BN → HWIO filter and bias. */
export function foldBatchNorm(weight: TensorData, bn: BatchNormTensors, epsilon = BATCH_NORM_EPSILON): ConvKernel {
  const { scale, bias } = batchNormAffine(weight, bn, epsilon);
  return { ...toHwio(weight, scale), bias };
}

/** A convolution in PyTorch's (and ONNX's) OIHW layout, batch norm folded in: for the ONNX export. */
export interface OihwConvKernel {
  readonly weightShape: readonly [number, number, number, number];
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

/**
 * Folds batch norm into a bias-free convolution, keeping the OIHW layout (same rounding as above). `into`:
 * where to write the folded weight when it is at least as long (the result is a view of it), so that a
 * caller uploading layer after layer reuses one buffer: new memory costs a page fault per 4 KB on first
 * touch, about 100 ms over Inception-v4's 171 MB.
 */
export function foldBatchNormOihw(
  weight: TensorData,
  bn: BatchNormTensors,
  epsilon = BATCH_NORM_EPSILON,
  into?: Float32Array,
): OihwConvKernel {
  const { scale, bias } = batchNormAffine(weight, bn, epsilon);
  const dims = convDims(weight);
  const perOutput = dims[1] * dims[2] * dims[3];
  const size = weight.data.length;
  const folded = into && into.length >= size ? into.subarray(0, size) : new Float32Array(size);
  const data = weight.data;
  for (let o = 0, k = 0; o < dims[0]; o++) {
    const factor = scale[o];
    for (const end = k + perOutput; k < end; k++) folded[k] = data[k] * factor;
  }
  return { weightShape: dims, weight: folded, bias };
}

/** A convolution with its own bias, in OIHW: the weight and bias as they are (no copy), for the ONNX export. */
export function convWithBiasOihw(weight: TensorData, bias: TensorData): OihwConvKernel {
  const dims = convDims(weight);
  expectVector(bias, dims[0], 'conv bias');
  return { weightShape: dims, weight: weight.data, bias: bias.data };
}

/** Batch norm as a per-output-channel affine map: scale s = γ/√(σ² + ε) (float64), bias β − μ·s. */
function batchNormAffine(
  weight: TensorData,
  bn: BatchNormTensors,
  epsilon: number,
): { scale: Float64Array; bias: Float32Array } {
  const [out] = convDims(weight);
  for (const [name, t] of Object.entries(bn)) expectVector(t, out, `batch norm ${name}`);
  const scale = new Float64Array(out);
  const bias = new Float32Array(out);
  for (let o = 0; o < out; o++) {
    scale[o] = bn.gamma.data[o] / Math.sqrt(bn.variance.data[o] + epsilon);
    bias[o] = bn.beta.data[o] - bn.mean.data[o] * scale[o];
  }
  return { scale, bias };
}

/** A convolution with its own bias (the residual blocks' "Linear" 1×1 projections): transpose only. */
export function convWithBias(weight: TensorData, bias: TensorData): ConvKernel {
  const [out] = convDims(weight);
  expectVector(bias, out, 'conv bias');
  return { ...toHwio(weight), bias: Float32Array.from(bias.data) };
}

/** The classifier: PyTorch Linear [out, in] → [in, out]. */
export function denseKernel(weight: TensorData, bias: TensorData): DenseKernel {
  if (weight.shape.length !== 2)
    throw new KernelShapeError(`linear weight must be [out, in], got [${weight.shape.join(', ')}]`);
  const [out, inputs] = weight.shape;
  expectSize(weight, out * inputs, 'linear weight');
  expectVector(bias, out, 'linear bias');
  const kernel = new Float32Array(out * inputs);
  for (let o = 0; o < out; o++) {
    const row = o * inputs;
    for (let i = 0; i < inputs; i++) kernel[i * out + o] = weight.data[row + i];
  }
  return { kernelShape: [inputs, out], kernel, bias: Float32Array.from(bias.data) };
}

function convDims(weight: TensorData): [number, number, number, number] {
  if (weight.shape.length !== 4)
    throw new KernelShapeError(`conv weight must be [out, in, kh, kw], got [${weight.shape.join(', ')}]`);
  const [o, i, h, w] = weight.shape;
  expectSize(weight, o * i * h * w, 'conv weight');
  return [o, i, h, w];
}

/** OIHW → HWIO, each output channel optionally scaled (in float64, one rounding to float32). */
function toHwio(weight: TensorData, scale?: Float64Array): Pick<ConvKernel, 'filter' | 'filterShape'> {
  const [out, inputs, kh, kw] = convDims(weight);
  const filter = new Float32Array(out * inputs * kh * kw);
  const src = weight.data;
  let s = 0;
  for (let o = 0; o < out; o++) {
    const factor = scale ? scale[o] : 1;
    for (let i = 0; i < inputs; i++) {
      for (let y = 0; y < kh; y++) {
        for (let x = 0; x < kw; x++) filter[((y * kw + x) * inputs + i) * out + o] = src[s++] * factor;
      }
    }
  }
  return { filter, filterShape: [kh, kw, inputs, out] };
}

function expectVector(t: TensorData, length: number, what: string): void {
  if (t.shape.length !== 1 || t.shape[0] !== length) {
    throw new KernelShapeError(`${what} must have shape [${length}], got [${t.shape.join(', ')}]`);
  }
  expectSize(t, length, what);
}

function expectSize(t: TensorData, size: number, what: string): void {
  if (t.data.length !== size) {
    throw new KernelShapeError(
      `${what} holds ${t.data.length} values but its shape [${t.shape.join(', ')}] needs ${size}`,
    );
  }
}
