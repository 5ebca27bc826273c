/**
 * Backends in the browser (page or Web Worker): probe, plan, then activate the first that works. Each
 * backend's package is imported only when tried, so a WebGPU machine never downloads the WASM backend and
 * vice versa.
 */
import * as tf from '@tensorflow/tfjs-core';
// Vite emits the binaries as hashed assets and gives their URLs, so the production build serves them
// itself; tfjs would otherwise look for them next to the (bundled, renamed) script.
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { activateBackend, wasmDetailText, type ActiveBackend, type WasmFacts } from './activate.ts';
import { probeCapabilities } from './probe.ts';
import { adapterTitle, planBackends, type BackendName, type BackendRequest, type Capabilities } from './select.ts';

export interface BrowserBackendRequest extends BackendRequest {
  /**
   * Use WASM threads where the page is cross-origin isolated (default true): the threaded SIMD build, one
   * thread per core. They work in the production build since scripts/tfjs-wasm-threads.ts keeps the
   * Emscripten factory's text self-contained for the pthread workers (see there for the root cause).
   * `false` forces the single-threaded SIMD build (benchmarks compare the two).
   */
  wasmThreads?: boolean;
}

export interface BrowserBackend extends ActiveBackend {
  capabilities: Capabilities;
}

let wasmPathsSet = false;

function loader(request: BrowserBackendRequest, caps: Capabilities) {
  return async (name: BackendName): Promise<void> => {
    switch (name) {
      case 'webgpu':
        await import('@tensorflow/tfjs-backend-webgpu');
        return;
      case 'webgl':
        await import('@tensorflow/tfjs-backend-webgl');
        return;
      case 'cpu':
        await import('@tensorflow/tfjs-backend-cpu');
        return;
      case 'wasm': {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        if (!wasmPathsSet) {
          wasm.setWasmPaths({
            'tfjs-backend-wasm.wasm': wasmPlainUrl,
            'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
            'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
          });
          wasmPathsSet = true;
        }
        // Once the threaded build failed to start here, it is not tried again (each try costs the timeout).
        const threads = request.wasmThreads !== false && caps.wasm.available && caps.wasm.threads && !threadsFailure;
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threads);
        // tfjs-wasm's default thread count left a 2-core machine on one thread (measured); the inference
        // worker is the only busy thread of the app while it computes, so use every core (up to the 8
        // pthread workers the build preloads).
        if (threads) {
          wasm.setThreadsCount(wasmThreadCount());
          threadsFailure = await startThreaded();
        }
        return;
      }
    }
  };
}

/** How long the threaded build may take to start its pthread workers before one thread is used instead. */
const THREADED_START_MS = 15_000;
/** Why the threaded build was given up for the single-threaded one, if it was. */
let threadsFailure: string | undefined;

/**
 * Starts the threaded WASM backend; if its workers fail or never report (a Content-Security-Policy
 * without `blob:` workers, a browser limit), registers the backend again single-threaded, so that the
 * app falls back to one thread instead of hanging or dropping to the CPU backend. Returns why, or
 * undefined when threads work.
 */
async function startThreaded(): Promise<string | undefined> {
  const factory = tf.findBackendFactory('wasm');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), THREADED_START_MS)),
  );
  const outcome = await Promise.race([tf.setBackend('wasm').catch(() => false), timeout]);
  clearTimeout(timer);
  if (outcome === true) return undefined;
  tf.removeBackend('wasm'); // makes a pending start obsolete
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.registerBackend('wasm', factory, WASM_PRIORITY);
  return outcome === 'timeout'
    ? `its workers did not start within ${THREADED_START_MS / 1000} s`
    : 'its workers failed to start';
}

/** tfjs-backend-wasm registers itself with this priority. */
const WASM_PRIORITY = 2;

/** Threads for XNNPACK: every core the browser reports, at most the 8 workers the build preloads. */
export function wasmThreadCount(cores = globalThis.navigator?.hardwareConcurrency ?? 1): number {
  return Math.max(1, Math.min(8, Math.floor(cores) || 1));
}

async function wasmFacts(caps: Capabilities, request: BrowserBackendRequest): Promise<WasmFacts> {
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  if (tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')) {
    const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
    return { simd, threads: getThreadsCount() };
  }
  const single = !caps.wasm.available
    ? undefined
    : !caps.wasm.threads
      ? 'not-isolated'
      : request.wasmThreads === false
        ? 'turned-off'
        : threadsFailure
          ? 'failed'
          : undefined;
  return {
    simd,
    threads: 1,
    ...(single ? { single } : {}),
    ...(single === 'failed' ? { failure: threadsFailure } : {}),
  };
}

export async function activateBrowserBackend(request: BrowserBackendRequest = {}): Promise<BrowserBackend> {
  const capabilities = await probeCapabilities();
  const plan = planBackends(capabilities, request);
  const details: Partial<Record<BackendName, string>> = {};
  if (capabilities.webgpu.available) {
    const a = capabilities.webgpu.adapter;
    details.webgpu = adapterTitle(a) + (a.isFallbackAdapter ? ' (fallback adapter)' : '');
  }
  if (capabilities.webgl.available)
    details.webgl = `WebGL ${capabilities.webgl.version}, ${capabilities.webgl.renderer}`;
  const active = await activateBackend(plan, loader(request, capabilities), details);
  if (active.name === 'wasm') {
    active.wasm = await wasmFacts(capabilities, request);
    active.detail = wasmDetailText(active.wasm);
  }
  return { ...active, capabilities };
}
