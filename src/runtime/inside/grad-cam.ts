/**
 * Grad-CAM (Selvaraju et al. 2017) at any node with a spatial output A: with TensorFlow.js gradients of
 * the part of the network above the node — from the node's segment to the logits, A substituted for the
 * node's output, everything else computed as usual from the kept segment inputs —
 * α_k = mean_{h,w} ∂logit_c/∂A[h,w,k] and map_c = ReLU(Σ_k α_k·A[·,·,k]).
 *
 * The gradient goes back one segment at a time (the chain rule across segments: each segment's
 * vector-Jacobian product at its kept input, given the gradient of its output), so only one segment's
 * tape is held at once: a whole network's tape took WASM's memory from 0.8 to 3 GB of its 4 GB.
 *
 * Where the active backend lacks a kernel the gradients need, they are computed on another backend from
 * copies of the tensors involved, and the result says so (with the time it took); never a wrong map.
 */
import * as tf from '@tensorflow/tfjs-core';
import { walk } from '../../model/analysis/analyze.ts';
import { BACKEND_TITLES } from '../backends/select.ts';
import { AdjointFilters } from '../executor/differentiable-ops.ts';
import type { LayerTensors } from '../executor/layer-weights.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import {
  checkGradients,
  ensureGradients,
  gradientFallback,
  markGradientsFailing,
  unregisteredKernel,
} from './gradient-support.ts';
import { readBack } from './read-back.ts';

export interface GradCamRequest {
  executor: NetworkExecutor;
  /** The segment computing the node and every segment after it, in order, each with its kept input. */
  segments: ReadonlyArray<{ address: string; input: tf.Tensor4D }>;
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

/**
 * How a Grad-CAM shares the backend: each turn (the check; per class, each segment's vector-Jacobian
 * product, then the map) runs through `schedule` — the worker's queue, so a request asked for meanwhile
 * waits one turn, not the whole Grad-CAM — and `signal` stops it between turns.
 */
export interface GradCamTurns {
  schedule?: <T>(task: () => Promise<T>) => Promise<T>;
  signal?: AbortSignal;
  /** Told as each class's map is done (`index` into the request's classes). */
  onMap?: (done: { index: number; map: Float32Array }) => void | Promise<void>;
}

/** The Grad-CAM was cancelled through its signal. */
export class GradCamCancelled extends Error {
  constructor() {
    super('the Grad-CAM was cancelled');
  }
}

export async function gradCam(request: GradCamRequest, turns: GradCamTurns = {}): Promise<GradCamResult> {
  await ensureGradients();
  const started = performance.now();
  const schedule = turns.schedule ?? ((task) => task());
  const active = tf.getBackend();
  // The check may switch backends for a moment (to compare with the CPU's): in turn with other work.
  const check = await schedule(() => checkGradients(active));
  let reason = check.ok ? undefined : check.reason;
  if (check.ok) {
    try {
      return { maps: await mapsInTurns(request, turns), backend: active, ms: performance.now() - started };
    } catch (error) {
      const kernel = unregisteredKernel(error);
      if (!kernel) throw error;
      reason = `has no ${kernel} kernel for the gradients`;
      markGradientsFailing(active, reason);
    }
  }
  if (turns.signal?.aborted) throw new GradCamCancelled();
  // Another backend is active for the whole of it: one turn.
  const fallback = await gradientFallback(active);
  const maps = split(await schedule(() => onBackend(fallback, request)), request.classes.length);
  for (const [index, map] of maps.entries()) await turns.onMap?.({ index, map });
  const ms = performance.now() - started;
  const title = (name: string) => BACKEND_TITLES[name as keyof typeof BACKEND_TITLES] ?? name;
  return {
    maps,
    backend: fallback,
    ms,
    notice: `${title(active)} ${reason}, so ${title(fallback)} computed this Grad-CAM (${(ms / 1000).toFixed(1)} s).`,
  };
}

/** Each class's map, a turn per segment back-propagated and one to make and read the map. */
async function mapsInTurns(request: GradCamRequest, turns: GradCamTurns): Promise<Float32Array[]> {
  const schedule = turns.schedule ?? ((task) => task());
  const adjoints = new AdjointFilters();
  const maps: Float32Array[] = [];
  const turn = <T>(task: () => T) => {
    if (turns.signal?.aborted) throw new GradCamCancelled();
    return schedule(async () => adjoints.use(task));
  };
  try {
    for (const [index, c] of request.classes.entries()) {
      // dy: the gradient of the logit with respect to the output of the segment last back-propagated.
      let dy: tf.Tensor | undefined;
      try {
        for (let k = request.segments.length - 1; k >= 0; k--) {
          const previous = dy;
          dy = await turn(() => backThrough(request, c, k, previous));
          previous?.dispose();
        }
        const gradient = dy!;
        const [map] = await turn(() => readBack([mapOf(request.activation, gradient)]));
        maps.push(map);
        await turns.onMap?.({ index, map });
      } finally {
        dy?.dispose();
      }
    }
    return maps;
  } finally {
    adjoints.dispose();
  }
}

/** The maps [classes, h·w] on the current backend (weights: copies of the layers above, on that backend). */
export function gradCamMaps(request: GradCamRequest, weights?: ReadonlyMap<string, LayerTensors>): tf.Tensor2D {
  const adjoints = new AdjointFilters();
  try {
    const maps = request.classes.map((c) =>
      adjoints.use(() => {
        let dy: tf.Tensor | undefined;
        for (let k = request.segments.length - 1; k >= 0; k--) {
          const previous = dy;
          dy = backThrough(request, c, k, previous, weights);
          previous?.dispose();
        }
        const map = mapOf(request.activation, dy!);
        dy!.dispose();
        return map;
      }),
    );
    const stacked = tf.stack(maps) as tf.Tensor2D;
    tf.dispose(maps);
    return stacked;
  } finally {
    adjoints.dispose();
  }
}

/** ReLU(Σ_k α_k·A[·,·,k]) with α_k = mean_{h,w} ∂logit_c/∂A[h,w,k], as h·w values. */
function mapOf(activation: tf.Tensor4D, gradient: tf.Tensor): tf.Tensor1D {
  const [, h, w] = activation.shape;
  return tf.tidy(() => {
    const alpha = tf.mean(gradient, [0, 1, 2]);
    return tf.reshape(tf.relu(tf.sum(tf.mul(activation, alpha), 3)), [h * w]);
  });
}

/**
 * One step of ∂logit_c/∂A, back-propagated one segment at a time from the logits down to the node: given
 * dy, the gradient at segment k's output (undefined for the last segment, whose output is the logits), the
 * gradient at its kept input — or, for the first segment, at the node (its whole output when the node is
 * the segment, where dy is the answer already: a copy of it).
 */
function backThrough(
  request: GradCamRequest,
  c: number,
  k: number,
  dy: tf.Tensor | undefined,
  weights?: ReadonlyMap<string, LayerTensors>,
): tf.Tensor {
  const { executor, segments, node } = request;
  const last = segments.length - 1;
  const options = { differentiable: true, residualScales: request.residualScales, ...(weights ? { weights } : {}) };
  /** The segment's output, or for the last one the logit of class c. */
  const outputOf = (y: tf.Tensor) => (k === last ? tf.squeeze(tf.slice(y, [0, c], [1, 1])) : y);
  const { address, input } = segments[k];
  if (k > 0)
    return tf.grad((x: tf.Tensor) =>
      outputOf(executor.run(x as tf.Tensor4D, { from: address, to: address, ...options }).output),
    )(input, dy);
  if (node === address && dy) return tf.clone(dy);
  return tf.grad((a: tf.Tensor) =>
    outputOf(
      executor.run(input, {
        from: address,
        to: address,
        substitute: { address: node, tensor: a },
        ...options,
      }).output,
    ),
  )(request.activation, dy);
}

/** Runs `gradCamMaps` on another backend with copies of the kept inputs, A and the weights above the node. */
async function onBackend(backend: string, request: GradCamRequest): Promise<Float32Array> {
  const { executor } = request;
  const above = new Set(request.segments.map((s) => s.address));
  const layers = executor
    .segments()
    .filter((s) => above.has(s.address))
    .flatMap((s) => [...walk(s.node)])
    .filter((n) => n.node.kind === 'conv' || n.node.kind === 'dense')
    .map((n) => [n.address, executor.layerTensors(n.address)!] as const);
  const read = async (t: tf.Tensor) => ({ shape: t.shape, data: (await t.data()) as Float32Array });
  const copies = await Promise.all(
    layers.map(async ([address, t]) => ({
      address,
      kind: t.kind,
      parts: await Promise.all((t.kind === 'conv' ? [t.filter, t.bias] : [t.kernel, t.bias]).map(read)),
    })),
  );
  const inputs = await Promise.all(
    request.segments.map(async (s) => ({ address: s.address, input: await read(s.input) })),
  );
  const a = await read(request.activation);

  const original = tf.getBackend();
  await tf.setBackend(backend);
  const created: tf.Tensor[] = [];
  const make = <T extends tf.Tensor>(p: { shape: number[]; data: Float32Array }) => {
    const t = tf.tensor(p.data, p.shape) as T;
    created.push(t);
    return t;
  };
  try {
    const weights = new Map<string, LayerTensors>(
      copies.map((c) => [
        c.address,
        c.kind === 'conv'
          ? { kind: 'conv', filter: make<tf.Tensor4D>(c.parts[0]), bias: make<tf.Tensor1D>(c.parts[1]) }
          : { kind: 'dense', kernel: make<tf.Tensor2D>(c.parts[0]), bias: make<tf.Tensor1D>(c.parts[1]) },
      ]),
    );
    const segments = inputs.map((s) => ({ address: s.address, input: make<tf.Tensor4D>(s.input) }));
    const maps = gradCamMaps({ ...request, segments, activation: make(a) }, weights);
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
