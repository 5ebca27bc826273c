/**
 * Whether a backend computes Grad-CAM's gradients right, and which one to use where it does not.
 *
 * The differentiable run (executor/differentiable-ops.ts) and its backward pass use gradientKernels(backend).
 * In tfjs 4.22 CPU, WASM, WebGL and WebGPU register all of them, but a registered kernel can still be
 * wrong (WASM's own MaxPoolGrad is, which is why it is replaced: kernels/max-pool-gradient.ts), so each
 * backend is also checked once by value: the gradient of a small function using every kind of layer must
 * equal the CPU backend's. A backend that lacks a kernel or fails the check is not used for gradients:
 * another one computes them, with a notice, rather than a wrong map.
 */
import * as tf from '@tensorflow/tfjs-core';
import { avgPool as avgPoolLayer, conv, linearConv, maxPool as maxPoolLayer } from '../../model/builders.ts';
import {
  avgPoolDifferentiable,
  convolveUnfused,
  fullyConnectedUnfused,
  maxPoolDifferentiable,
} from '../executor/differentiable-ops.ts';
import { residualAdd } from '../executor/ops.ts';
import { MAX_POOL_KERNELS, maxPoolSource } from '../kernels/max-pool-gradient.ts';

/**
 * tfjs-core registers no gradient functions by itself; this adds them, as a chunk loaded on first use.
 * (Plain Node cannot load tfjs-core's ES modules: the CLI registers them with `registerGradientsInNode`.)
 */
export async function ensureGradients(): Promise<void> {
  if (tf.getGradient('Conv2D')) return;
  await import('@tensorflow/tfjs-core/dist/register_all_gradients');
}

/** The kernels a Grad-CAM run and its backward pass execute besides its max pools' (gradientKernels). */
export const GRADIENT_KERNELS = [
  'Add',
  'BatchMatMul',
  'Cast',
  'Concat',
  'Conv2D',
  'Conv2DBackpropInput',
  'Fill',
  'GreaterEqual',
  'Identity',
  'Less',
  'Maximum',
  'Mean',
  'Multiply',
  'Pack',
  'PadV2',
  'RealDiv',
  'Relu',
  'Reshape',
  'Reverse',
  'Slice',
  'SplitV',
  'Step',
  'Sum',
  'Transpose',
] as const;

/** Every kernel a Grad-CAM run and its backward pass execute on `backend` (a test records them with tf.profile). */
export function gradientKernels(backend: string): string[] {
  return [...GRADIENT_KERNELS, ...MAX_POOL_KERNELS[maxPoolSource(backend)]].sort();
}

/** The gradient kernels `backend` does not register (all of them for a backend that is not registered). */
export function missingGradientKernels(backend: string): string[] {
  return gradientKernels(backend).filter((name) => tf.getKernel(name, backend) === undefined);
}

/** The kernel named by tfjs's "Kernel 'X' not registered for backend 'Y'" error, if it is one. */
export function unregisteredKernel(error: unknown): string | undefined {
  const match = /Kernel '([^']+)' not registered for backend/.exec(error instanceof Error ? error.message : '');
  return match?.[1];
}

export type GradientCheck = { ok: true } | { ok: false; reason: string };

const checked = new Map<string, Promise<GradientCheck>>();

/**
 * Whether `backend` (the active one) computes the gradients right: registered kernels, then values against the CPU's.
 */
export function checkGradients(backend: string): Promise<GradientCheck> {
  let check = checked.get(backend);
  if (!check) {
    check = runCheck(backend);
    checked.set(backend, check);
  }
  return check;
}

/** Records that `backend` failed while computing gradients, so later requests go elsewhere at once. */
export function markGradientsFailing(backend: string, reason: string): void {
  checked.set(backend, Promise.resolve({ ok: false, reason }));
}

/** Forgets the checks (a test replaces kernels between them). */
export function forgetGradientChecks(): void {
  checked.clear();
}

async function runCheck(backend: string): Promise<GradientCheck> {
  const missing = missingGradientKernels(backend);
  if (missing.length > 0) return { ok: false, reason: `has no ${missing.join(', ')} kernel for the gradients` };
  if (backend === 'cpu') return { ok: true };
  await ensureGradients();
  let here: Float32Array;
  try {
    here = await probeGradient();
  } catch (error) {
    const kernel = unregisteredKernel(error);
    if (kernel) return { ok: false, reason: `has no ${kernel} kernel for the gradients` };
    throw error;
  }
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  let reference: Float32Array;
  try {
    reference = await probeGradient();
  } finally {
    await tf.setBackend(backend);
  }
  const scale = Math.max(1, ...reference.map(Math.abs));
  const error = Math.max(...reference.map((v, i) => Math.abs(v - here[i])));
  return error <= 1e-3 * scale
    ? { ok: true }
    : { ok: false, reason: `computes gradients that differ from the CPU's (by up to ${error.toPrecision(2)})` };
}

/** ∂/∂x of a small function using every kind of layer the networks have, on the current backend. */
async function probeGradient(): Promise<Float32Array> {
  const value = (shape: number[], seed: number) =>
    tf.tensor(
      Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(seed + i * 0.754) * 0.5),
      shape,
    );
  const gradient = tf.tidy(() => {
    const w = (shape: number[], seed: number) => value(shape, seed);
    const layer = (size: string, filters: number, cin: number, seed: number, options = {}) => ({
      spec: conv(size, filters, options),
      weights: {
        filter: w([Number(size[0]), Number(size[2]), cin, filters], seed) as tf.Tensor4D,
        bias: w([filters], seed + 1) as tf.Tensor1D,
      },
    });
    const a = layer('3x3', 4, 3, 1);
    const b = layer('1x7', 4, 4, 3);
    const c = layer('7x1', 4, 4, 5);
    const s = layer('3x3', 4, 4, 7, { stride: 2, padding: 'valid' });
    const projection = {
      spec: linearConv(8),
      weights: { filter: w([1, 1, 8, 4], 9) as tf.Tensor4D, bias: w([4], 10) as tf.Tensor1D },
    };
    const fc = { kernel: w([4, 3], 11) as tf.Tensor2D, bias: w([3], 12) as tf.Tensor1D };
    const f = (x: tf.Tensor) => {
      const y = convolveUnfused(x as tf.Tensor4D, a.spec, a.weights);
      const branches = tf.concat(
        [convolveUnfused(y, b.spec, b.weights), convolveUnfused(y, c.spec, c.weights)],
        3,
      ) as tf.Tensor4D;
      const r = residualAdd(
        y,
        convolveUnfused(branches, projection.spec, projection.weights),
        0.3,
        'relu',
      ) as tf.Tensor4D;
      const pooled = tf.add(
        maxPoolDifferentiable(r, maxPoolLayer('3x3')),
        convolveUnfused(r, s.spec, s.weights),
      ) as tf.Tensor4D;
      const averaged = avgPoolDifferentiable(pooled, avgPoolLayer('3x3'));
      const logits = fullyConnectedUnfused(tf.mean(averaged, [1, 2]) as tf.Tensor2D, fc);
      return tf.sum(tf.mul(logits, tf.tensor1d([1, -0.5, 0.25])));
    };
    return tf.grad(f)(value([1, 11, 11, 3], 13));
  });
  try {
    return (await gradient.data()) as Float32Array;
  } finally {
    gradient.dispose();
  }
}

/** A backend that computes the gradients right: WASM when it is already set up, else CPU (the reference). */
export async function gradientFallback(active: string): Promise<string> {
  if (active !== 'wasm' && tf.findBackendFactory('wasm') && missingGradientKernels('wasm').length === 0) {
    await tf.setBackend('wasm');
    try {
      if ((await checkGradients('wasm')).ok) return 'wasm';
    } finally {
      await tf.setBackend(active);
    }
  }
  await import('@tensorflow/tfjs-backend-cpu');
  return 'cpu';
}
