/**
 * e2e access to the executor in the real browser (e2e/gpu-parity.spec.ts): activate a backend, build a
 * released network (or the part of it up to one node) with the recipe weights generated in the page,
 * run a recipe input, and return statistics of the hooked activations (never megabytes of tensors).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkId } from '../../../model/types.ts';
import { findNetwork } from '../../../model/networks/index.ts';
import { activateBrowserBackend } from '../../../runtime/backends/backends.browser.ts';
import type { BackendChoice, Capabilities } from '../../../runtime/backends/select.ts';
import { buildExecutor } from '../../../runtime/executor/network.ts';
import { activationStats, addressOfTimmHook, type StageStats } from '../../parity.ts';
import { recipeInput, type RecipeInputName } from '../../../runtime/weights/recipe.ts';
import { recipeSource } from '../../tiny-network.ts';
import { englishFailure, type FailureDetail } from '../../../runtime/failure-words.ts';

/** Which backend "auto" picks here, and why the others were skipped. */
export async function chooseBackend(backend: BackendChoice = 'auto', fallback = true) {
  const active = await activateBrowserBackend({ backend, fallback });
  return { name: active.name, detail: active.detail, skipped: active.skipped, capabilities: active.capabilities };
}

export interface ExecutorRunRequest {
  model: NetworkId;
  backend: BackendChoice;
  input: RecipeInputName;
  /** timm hook names whose statistics to return, e.g. ["features.0", "features.6"]. */
  hooks: string[];
  /** Build only up to this node (address); omit for the whole network, which also returns the logits. */
  until?: string;
  /** `false` forces single-threaded WASM; threads are used by default where the page is isolated. */
  wasmThreads?: boolean;
}

export interface ExecutorRunReply {
  backend: { name: string; detail: string; skipped: { backend: string; reason: FailureDetail }[] };
  stats: StageStats[];
  logits?: number[];
  buildMs: number;
  runMs: number;
}

export async function runRecipe(request: ExecutorRunRequest): Promise<ExecutorRunReply> {
  // A named backend must be the one measured: no silent fallback.
  const active = await activateBrowserBackend({
    backend: request.backend,
    fallback: request.backend === 'auto',
    ...(request.wasmThreads === false ? { wasmThreads: false } : {}),
  });
  const found = findNetwork(request.model, 'released');
  if (!found.ok) throw new Error(found.message);
  const started = performance.now();
  const built = buildExecutor(
    found.network,
    recipeSource(found.network),
    request.until ? { until: request.until } : {},
  );
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'));
  const executor = built.executor;
  const buildMs = performance.now() - started;
  try {
    const addresses = request.hooks.map((name) => {
      const address = addressOfTimmHook(executor.analysis, name);
      if (!address) throw new Error(`no node for timm's ${name}`);
      return address;
    });
    const x = tf.tensor4d(recipeInput(request.input), [1, 299, 299, 3]);
    const runStarted = performance.now();
    const { output, activations } = executor.run(x, { capture: addresses });
    const outputData = await output.data();
    const runMs = performance.now() - runStarted;
    const stats: StageStats[] = [];
    for (const [i, name] of request.hooks.entries()) {
      const t = activations.get(addresses[i])!;
      stats.push(activationStats(name, t.shape, await t.data()));
    }
    tf.dispose([x, output, ...activations.values()]);
    return {
      backend: { name: active.name, detail: active.detail, skipped: active.skipped },
      stats,
      ...(request.until ? {} : { logits: Array.from(outputData) }),
      buildMs,
      runMs,
    };
  } finally {
    executor.dispose();
  }
}

/**
 * Loses tfjs's WebGL context on purpose (WEBGL_lose_context) and reports what the backend's loss event
 * said, then which backend the automatic choice takes with WebGL excluded.
 */
export async function loseWebGlContext(): Promise<{ reason: string | null; next: string; capabilities: Capabilities }> {
  const active = await activateBrowserBackend({ backend: 'webgl', fallback: false });
  const reason = new Promise<string>((resolve) => active.onLost((r) => resolve(englishFailure(r))));
  const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGLRenderingContext } }).gpgpu.gl;
  const lose = gl.getExtension('WEBGL_lose_context');
  if (!lose) throw new Error('WEBGL_lose_context is not available');
  lose.loseContext();
  const said = await Promise.race([reason, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000))]);
  const next = await activateBrowserBackend({ exclude: ['webgl'] });
  return { reason: said, next: next.name, capabilities: next.capabilities };
}
