import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import type { LayerTensors } from '../executor/layer-weights.ts';
import { buildExecutor, type NetworkExecutor } from '../executor/network.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { recipeSource, tinyInput, tinyNetwork } from '../../testing/tiny-network.ts';
import { classActivationMaps } from './cam.ts';
import { gradCam, GradCamCancelled, gradCamMaps, type GradCamRequest, type GradCamResult } from './grad-cam.ts';
import {
  checkGradients,
  ensureGradients,
  forgetGradientChecks,
  gradientKernels,
  missingGradientKernels,
} from './gradient-support.ts';

let executor: NetworkExecutor;
let inputs: Map<string, tf.Tensor>;

/** The request for Grad-CAM at `node`, computed in segment `segment`, with A captured from a full run. */
function request(segment: string, node: string, classes: number[]): GradCamRequest {
  const x = tf.tensor4d(tinyInput(), [1, 17, 17, 3]);
  const { output, activations } = executor.run(x, { capture: [node] });
  tf.dispose([x, output]);
  return {
    executor,
    segments: segmentsFrom(segment),
    node,
    activation: activations.get(node) as tf.Tensor4D,
    classes,
    residualScales: {},
  };
}

/** The segments from `segment` to the head, with their kept inputs. */
function segmentsFrom(segment: string) {
  const all = executor.segments();
  return all
    .slice(all.findIndex((s) => s.address === segment))
    .map((s) => ({ address: s.address, input: inputs.get(s.address) as tf.Tensor4D }));
}

/** logit_c with `a` as the node's output. */
async function logitWith(r: GradCamRequest, a: tf.Tensor, c: number, differentiable = false): Promise<number> {
  const { output } = executor.run(r.segments[0].input, {
    from: r.segments[0].address,
    substitute: { address: r.node, tensor: a },
    differentiable,
  });
  const value = (await output.data())[c];
  output.dispose();
  return value;
}

describe.each(['cpu', 'wasm'] as const)('Grad-CAM on %s', (backend) => {
  beforeAll(async () => {
    await activateNodeBackend(backend);
    const built = buildExecutor(tinyNetwork, recipeSource(tinyNetwork));
    if (!built.ok) throw new Error('tiny network did not build');
    executor = built.executor;
    const x = tf.tensor4d(tinyInput(), [1, 17, 17, 3]);
    const r = executor.run(x, { keepSegmentInputs: true });
    tf.dispose([x, r.output]);
    inputs = r.segmentInputs;
  });
  afterAll(() => {
    tf.dispose([...inputs.values()]);
    executor.dispose();
  });

  it('this backend registers every kernel the gradients need, and computes them like the CPU', async () => {
    expect(missingGradientKernels(backend)).toEqual([]);
    expect(missingGradientKernels('no-such-backend')).toContain('Conv2DBackpropInput');
    expect(await checkGradients(backend)).toEqual({ ok: true });
    expect(tf.getBackend()).toBe(backend);
  });

  it('gradientKernels lists every kernel a Grad-CAM executes', async () => {
    await ensureGradients();
    const r = request('mixed', 'mixed/1/0', [1]);
    const profile = await tf.profile(() => gradCamMaps(r));
    // "unnamed scope" is a custom gradient's own entry, not a kernel.
    const used = [...new Set(profile.kernels.map((k) => k.name))].filter((name) => name !== 'unnamed scope').sort();
    expect(used.filter((name) => !gradientKernels(backend).includes(name))).toEqual([]);
    // Stride-1 convolutions take their input gradients as convolutions with the flipped filter.
    expect(used).toEqual(expect.arrayContaining(['Conv2D', 'Reverse', 'Transpose']));
    tf.dispose(r.activation);
    // tf.profile keeps the returned tensor; the profile's result is a tensor too.
    tf.dispose(profile.result as tf.Tensor);
  });

  it("at the head's feature map equals the CAM up to ReLU and the factor 1/64", async () => {
    const x = tf.tensor4d(tinyInput(), [1, 17, 17, 3]);
    const { output } = executor.run(x);
    const logits = Array.from(await output.data());
    tf.dispose([x, output]);
    // The two classes with the largest logits: their maps have positive cells.
    const top = logits
      .map((v, i) => [v, i])
      .sort((a, b) => b[0] - a[0])
      .slice(0, 2)
      .map(([, i]) => i);
    const r = request('block-final', 'block-final', top);
    const result = await gradCam(r);
    expect(result.backend).toBe(backend);
    expect(result.notice).toBeUndefined();
    const dense = executor.layerTensors('head/2') as Extract<LayerTensors, { kind: 'dense' }>;
    const cam = await classActivationMaps(r.activation, dense.kernel, top).data();
    for (let i = 0; i < 2; i++) {
      const expected = Array.from(cam.slice(i * 64, (i + 1) * 64), (v) => Math.max(0, v) / 64);
      expect(maxAbsDifference(result.maps[i], expected)).toBeLessThan(1e-6);
      expect(Math.max(...result.maps[i])).toBeGreaterThan(0);
    }
    r.activation.dispose();
  });

  it('at an inner node: α_k equals a finite difference of the logit along channel k', async () => {
    // The stem's output feeds Mixed (an avg pool and a max pool with "same" padding), two residual blocks
    // and the head: the gradient crosses every kind of node.
    const r = request('stem', 'stem', [4]);
    const result = await gradCam(r);
    const a = r.activation;
    const [, h, w, k] = a.shape;
    const alphas: number[] = [];
    // Small enough that few ReLU / max-pool switches fall inside ±ε, large enough for float32 logits.
    const eps = 1e-3;
    for (let channel = 0; channel < k; channel++) {
      const direction = tf.tidy(() => tf.mul(tf.oneHot(tf.fill([1, h, w], channel, 'int32'), k), eps));
      const plus = tf.add(a, direction);
      const minus = tf.sub(a, direction);
      alphas.push(((await logitWith(r, plus, 4)) - (await logitWith(r, minus, 4))) / (2 * eps) / (h * w));
      tf.dispose([direction, plus, minus]);
    }
    expect(Math.max(...alphas.map(Math.abs))).toBeGreaterThan(1e-3);
    const data = await a.data();
    const expected = Array.from({ length: h * w }, (_, cell) =>
      Math.max(
        0,
        alphas.reduce((s, alpha, ch) => s + alpha * data[cell * k + ch], 0),
      ),
    );
    // Piecewise linear in A: the difference quotient is exact but for float32 rounding and the few kinks
    // crossed within ±ε (measured: 0.2% of the map's maximum on both backends).
    const tolerance = 5e-3 * Math.max(...expected);
    expect(maxAbsDifference(result.maps[0], expected)).toBeLessThan(tolerance);
    expect(Math.max(...result.maps[0])).toBeGreaterThan(0);

    if (backend === 'cpu') {
      // The check has teeth: tfjs's own gradients of the fused ops and of "same" average pooling miss it.
      const g = tf.grad((t: tf.Tensor) =>
        tf.squeeze(
          tf.slice(
            executor.run(r.segments[0].input, { from: 'stem', substitute: { address: 'stem', tensor: t } }).output,
            [0, 4],
            [1, 1],
          ),
        ),
      )(a);
      const naive = Array.from(await tf.mean(g, [0, 1, 2]).data());
      const naiveMap = Array.from({ length: h * w }, (_, cell) =>
        Math.max(
          0,
          naive.reduce((s, alpha, ch) => s + alpha * data[cell * k + ch], 0),
        ),
      );
      expect(maxAbsDifference(naiveMap, expected)).toBeGreaterThan(4 * tolerance);
      g.dispose();
    }
    a.dispose();
  });

  it('in turns: a turn per segment and class and one per map, each map told as it is done, the same maps', async () => {
    const r = request('block/1', 'block/1/0/0/1/1', [1, 2, 3]);
    const expected = await readMaps(r);
    const order: string[] = [];
    const schedule = async <T>(task: () => Promise<T>) => {
      order.push('turn');
      return task();
    };
    const result = await gradCam(r, {
      schedule,
      onMap: ({ index, map }) => {
        order.push(`map ${index}`);
        expect(maxAbsDifference(map, expected[index])).toBe(0);
      },
    });
    for (let i = 0; i < 3; i++) expect(maxAbsDifference(result.maps[i], expected[i])).toBe(0);
    // The check, then per class: the segments from block/1 to the head, and the map.
    const turns = r.segments.length + 1;
    expect(order).toEqual(['turn', ...[0, 1, 2].flatMap((i) => [...Array<string>(turns).fill('turn'), `map ${i}`])]);
    r.activation.dispose();
  });

  it('cancelled between turns: stops before the next turn, leaving no tensors', async () => {
    const r = request('block/1', 'block/1/0/0/1/1', [1, 2, 3]);
    await gradCam(r);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let turns = 0;
    const schedule = async <T>(task: () => Promise<T>) => {
      if (++turns === 4) controller.abort();
      return task();
    };
    const maps: number[] = [];
    await expect(
      gradCam(r, { schedule, signal: controller.signal, onMap: ({ index }) => void maps.push(index) }),
    ).rejects.toBeInstanceOf(GradCamCancelled);
    expect(turns).toBe(4);
    expect(maps).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    r.activation.dispose();
  });

  it('leaks no tensors', async () => {
    const r = request('block/1', 'block/1/0/0/1/1', [1, 2, 3]);
    await gradCam(r);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await gradCam(r);
    expect(tf.memory().numTensors).toBe(before);
    r.activation.dispose();
  });
});

describe('Grad-CAM where the backend cannot compute the gradients', () => {
  beforeAll(async () => {
    await activateNodeBackend('wasm');
    const built = buildExecutor(tinyNetwork, recipeSource(tinyNetwork));
    if (!built.ok) throw new Error('tiny network did not build');
    executor = built.executor;
    const x = tf.tensor4d(tinyInput(), [1, 17, 17, 3]);
    const run = executor.run(x, { keepSegmentInputs: true });
    tf.dispose([x, run.output]);
    inputs = run.segmentInputs;
  });
  afterAll(() => {
    tf.dispose([...inputs.values()]);
    executor.dispose();
    forgetGradientChecks();
  });

  /** Runs Grad-CAM with `kernel` of the WASM backend replaced (or removed), then restores it. */
  async function withKernel(
    kernel: string,
    replacement: tf.KernelConfig | undefined,
    check: (result: GradCamResult, expected: Float32Array[]) => void,
  ) {
    const r = request('mixed', 'mixed/1/1', [0, 5]);
    const expected = await readMaps(r);
    const original = tf.getKernel(kernel, 'wasm')!;
    tf.unregisterKernel(kernel, 'wasm');
    if (replacement) tf.registerKernel(replacement);
    forgetGradientChecks();
    try {
      const before = tf.memory().numTensors;
      const result = await gradCam(r);
      expect(tf.getBackend()).toBe('wasm');
      expect(result.backend).toBe('cpu');
      expect(result.ms).toBeGreaterThan(0);
      for (let i = 0; i < 2; i++) expect(maxAbsDifference(result.maps[i], expected[i])).toBeLessThan(1e-5);
      expect(tf.memory().numTensors).toBe(before);
      check(result, expected);
    } finally {
      if (replacement) tf.unregisterKernel(kernel, 'wasm');
      tf.registerKernel(original);
      forgetGradientChecks();
      r.activation.dispose();
    }
  }

  it('lacking a kernel: computes on the CPU, says so with the time, and gets the same map', async () => {
    await withKernel('Conv2DBackpropInput', undefined, (result) => {
      expect(result.notice).toMatch(
        /^WebAssembly has no Conv2DBackpropInput kernel for the gradients, so CPU \(JavaScript\) computed this Grad-CAM \(\d+\.\d s\)\.$/,
      );
    });
  });

  it('with a kernel that computes wrong values: the check catches it before any map is made', async () => {
    // ReLU's gradient through a Step kernel that returns zeros: every map would come out empty.
    const zeros = tf.getKernel('ZerosLike', 'wasm')!;
    const broken: tf.KernelConfig = {
      kernelName: 'Step',
      backendName: 'wasm',
      kernelFunc: ({ inputs, backend }) => zeros.kernelFunc({ inputs: { x: inputs.x }, backend, attrs: {} }),
    };
    await withKernel('Step', broken, (result) => {
      expect(result.notice).toMatch(
        /^WebAssembly computes gradients that differ from the CPU's \(by up to [0-9.e-]+\), so CPU \(JavaScript\) computed this Grad-CAM/,
      );
    });
  });
});

async function readMaps(r: GradCamRequest): Promise<Float32Array[]> {
  const maps = gradCamMaps(r);
  const data = (await maps.data()) as Float32Array;
  maps.dispose();
  const size = data.length / r.classes.length;
  return r.classes.map((_, i) => data.slice(i * size, (i + 1) * size));
}
