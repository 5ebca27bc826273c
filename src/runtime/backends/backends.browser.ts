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
import { activateBackend, type ActiveBackend } from './activate.ts';
import { probeCapabilities } from './probe.ts';
import { planBackends, type BackendName, type BackendRequest, type Capabilities } from './select.ts';

export interface BrowserBackendRequest extends BackendRequest {
  /**
   * Use WASM threads where the page is cross-origin isolated (default false). Off by default because it
   * does not work in this app's production build: served with COOP/COEP headers, tfjs-wasm 4.22's
   * threaded build starts its pthread workers from an inlined script that minification breaks (each
   * worker dies with "ReferenceError: e is not defined") and `tf.setBackend('wasm')` never settles.
   * With this off, the single-threaded SIMD build is used even on an isolated page (checked the same way).
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
        const threads = Boolean(request.wasmThreads) && caps.wasm.available && caps.wasm.threads;
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threads);
        return;
      }
    }
  };
}

async function wasmDetail(caps: Capabilities): Promise<string> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  const whyNot = caps.wasm.available && !caps.wasm.threads ? ' (the page is not cross-origin isolated)' : '';
  return `${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'multi-threaded' : `single thread${whyNot}`}`;
}

export async function activateBrowserBackend(request: BrowserBackendRequest = {}): Promise<BrowserBackend> {
  const capabilities = await probeCapabilities();
  const plan = planBackends(capabilities, request);
  const details: Partial<Record<BackendName, string>> = {};
  if (capabilities.webgpu.available) {
    const a = capabilities.webgpu.adapter;
    details.webgpu = [a.vendor, a.architecture, a.description || a.device].filter(Boolean).join(', ') + (a.isFallbackAdapter ? ' (fallback adapter)' : '');
  }
  if (capabilities.webgl.available) details.webgl = `WebGL ${capabilities.webgl.version}, ${capabilities.webgl.renderer}`;
  const active = await activateBackend(plan, loader(request, capabilities), details);
  if (active.name === 'wasm') active.detail = await wasmDetail(capabilities);
  return { ...active, capabilities };
}
