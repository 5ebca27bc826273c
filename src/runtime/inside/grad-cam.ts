/**
 * Grad-CAM (Selvaraju et al. 2017) at any node with a spatial output A: with TensorFlow.js gradients of
 * the part of the network above the node — the run from the node's segment to the logits, A substituted
 * for the node's output, everything else computed as usual from the segment's kept input —
 * α_k = mean_{h,w} ∂logit_c/∂A[h,w,k] and map_c = ReLU(Σ_k α_k·A[·,·,k]).
 *
 * Where the active backend lacks a kernel the gradients need, they are computed on another backend from
 * copies of the tensors involved, and the result says so (with the time it took); never a wrong map.
 */
import * as tf from '@tensorflow/tfjs-core';
import { walk } from '../../model/analysis/analyze.ts';
import { BACKEND_TITLES } from '../backends/select.ts';
import type { LayerTensors } from '../executor/layer-weights.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import { checkGradients, ensureGradients, gradientFallback, markGradientsFailing, unregisteredKernel } from './gradient-support.ts';
import { readBack } from './read-back.ts';

export interface GradCamRequest {
  executor: NetworkExecutor;
  /** The segment computing the node, and its kept input. */
  segment: string;
  segmentInput: tf.Tensor4D;
  /** The node (not a whole repeat: its last repetition) and its output A [1, h, w, k]. */
  node: string;
  activation: tf.Tensor4D;
  classes: readonly number[];
  residualScales: Readonly<Record<string, number>>;
}

export interface GradCamResult {
  /** One raw map (h·w values, row-major) per class. */
  maps: Float32Array[];
  /** The backend that computed the gradients. */
  backend: string;
  ms: number;
  notice?: string;
}

export async function gradCam(request: GradCamRequest): Promise<GradCamResult> {
  await ensureGradients();
  const started = performance.now();
  const active = tf.getBackend();
  const check = await checkGradients(active);
  let reason = check.ok ? undefined : check.reason;
  if (check.ok) {
    try {
      const maps = await readBack([gradCamMaps(request)]);
      return { maps: split(maps[0], request.classes.length), backend: active, ms: performance.now() - started };
    } catch (error) {
      const kernel = unregisteredKernel(error);
      if (!kernel) throw error;
      reason = `has no ${kernel} kernel for the gradients`;
      markGradientsFailing(active, reason);
    }
  }
  const fallback = await gradientFallback(active);
  const maps = await onBackend(fallback, request);
  const ms = performance.now() - started;
  const title = (name: string) => BACKEND_TITLES[name as keyof typeof BACKEND_TITLES] ?? name;
  return {
    maps: split(maps, request.classes.length),
    backend: fallback,
    ms,
    notice: `${title(active)} ${reason}, so ${title(fallback)} computed this Grad-CAM (${(ms / 1000).toFixed(1)} s).`,
  };
}

/** The maps [classes, h·w] on the current backend (weights: copies of the layers above, on that backend). */
export function gradCamMaps(request: GradCamRequest, weights?: ReadonlyMap<string, LayerTensors>): tf.Tensor2D {
  const { executor, activation } = request;
  const [, h, w] = activation.shape;
  const maps = request.classes.map((c) => tf.tidy(() => {
    const logit = (a: tf.Tensor) => {
      const { output } = executor.run(request.segmentInput, {
        from: request.segment,
        substitute: { address: request.node, tensor: a },
        differentiable: true,
        residualScales: request.residualScales,
        ...(weights ? { weights } : {}),
      });
      return tf.squeeze(tf.slice(output, [0, c], [1, 1]));
    };
    const gradient = tf.grad(logit)(activation);
    const alpha = tf.mean(gradient, [0, 1, 2]);
    return tf.reshape(tf.relu(tf.sum(tf.mul(activation, alpha), 3)), [h * w]);
  }));
  const stacked = tf.stack(maps) as tf.Tensor2D;
  tf.dispose(maps);
  return stacked;
}

/** Runs `gradCamMaps` on another backend with copies of the segment input, A and the weights above. */
async function onBackend(backend: string, request: GradCamRequest): Promise<Float32Array> {
  const { executor } = request;
  const from = executor.segments().findIndex((s) => s.address === request.segment);
  const layers = executor.segments().slice(from).flatMap((s) => [...walk(s.node)])
    .filter((n) => n.node.kind === 'conv' || n.node.kind === 'dense')
    .map((n) => [n.address, executor.layerTensors(n.address)!] as const);
  const copies = await Promise.all(layers.map(async ([address, t]) => {
    const parts = t.kind === 'conv' ? [t.filter, t.bias] : [t.kernel, t.bias];
    return { address, kind: t.kind, parts: await Promise.all(parts.map(async (p) => ({ shape: p.shape, data: await p.data() as Float32Array }))) };
  }));
  const input = { shape: request.segmentInput.shape, data: await request.segmentInput.data() as Float32Array };
  const a = { shape: request.activation.shape, data: await request.activation.data() as Float32Array };

  const original = tf.getBackend();
  await tf.setBackend(backend);
  const created: tf.Tensor[] = [];
  const make = <T extends tf.Tensor>(p: { shape: number[]; data: Float32Array }) => {
    const t = tf.tensor(p.data, p.shape) as T;
    created.push(t);
    return t;
  };
  try {
    const weights = new Map<string, LayerTensors>(copies.map((c) => [c.address, c.kind === 'conv'
      ? { kind: 'conv', filter: make<tf.Tensor4D>(c.parts[0]), bias: make<tf.Tensor1D>(c.parts[1]) }
      : { kind: 'dense', kernel: make<tf.Tensor2D>(c.parts[0]), bias: make<tf.Tensor1D>(c.parts[1]) }]));
    const maps = gradCamMaps({ ...request, segmentInput: make(input), activation: make(a) }, weights);
    try {
      return Float32Array.from(await maps.data());
    } finally {
      maps.dispose();
    }
  } finally {
    tf.dispose(created);
    await tf.setBackend(original);
  }
}

function split(values: Float32Array, count: number): Float32Array[] {
  const size = values.length / count;
  return Array.from({ length: count }, (_, i) => values.slice(i * size, (i + 1) * size));
}
