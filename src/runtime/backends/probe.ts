/**
 * What the browser offers, as plain data for `planBackends`: the WebGPU adapter (and whether it is a
 * software one), the WebGL renderer string, whether WebAssembly threads are possible. Works in a window
 * and in a Web Worker. Each probe takes the browser object it reads, so tests can hand it fakes.
 */
import { unavailable, type Capabilities, type GpuAdapterFacts } from './select.ts';
import type { FailureDetail } from '../failure-words.ts';

/** The parts of WebGPU's API the probe reads (no dependency on @webgpu/types). */
interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<GpuAdapterInfoLike>;
}
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}

/** `noAdapter`: why there is none, as the environment explains it (a browser's by default; Node's Dawn has its own). */
export async function probeWebGpu(
  gpu: GpuLike | undefined,
  noAdapter: FailureDetail = unavailable('no-adapter').reason,
): Promise<Capabilities['webgpu']> {
  if (!gpu) return unavailable('no-webgpu');
  let adapter: GpuAdapterLike | null;
  try {
    // The same request tfjs makes, so we judge the adapter it will get.
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return {
      available: false,
      reason: { code: 'backend.adapter-request-failed', params: { detail: (error as Error).message } },
    };
  }
  if (!adapter) return { available: false, reason: noAdapter };
  let info: GpuAdapterInfoLike = adapter.info ?? {};
  if (!adapter.info && adapter.requestAdapterInfo) info = await adapter.requestAdapterInfo().catch(() => ({}));
  const facts: GpuAdapterFacts = {
    // Newer browsers report it in GPUAdapterInfo; older ones on the adapter.
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
  };
  return { available: true, adapter: facts };
}

/** A canvas-like object that can give a WebGL context. */
interface CanvasLike {
  getContext(kind: 'webgl2' | 'webgl'): unknown;
}

interface GlLike {
  RENDERER: number;
  VENDOR: number;
  getParameter(name: number): unknown;
  getExtension(name: string): unknown;
}

export function probeWebGl(makeCanvas: (() => CanvasLike | undefined) | undefined): Capabilities['webgl'] {
  const canvas = makeCanvas?.();
  if (!canvas) return unavailable('no-canvas');
  let version: 1 | 2 = 2;
  let gl = canvas.getContext('webgl2') as GlLike | null;
  if (!gl) {
    version = 1;
    gl = canvas.getContext('webgl') as GlLike | null;
  }
  if (!gl) return unavailable('no-webgl');
  const debug = gl.getExtension('WEBGL_debug_renderer_info') as {
    UNMASKED_RENDERER_WEBGL: number;
    UNMASKED_VENDOR_WEBGL: number;
  } | null;
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  const vendor = String(gl.getParameter(debug ? debug.UNMASKED_VENDOR_WEBGL : gl.VENDOR) ?? '');
  // Release the probe's context at once: browsers cap the number of live WebGL contexts.
  (gl.getExtension('WEBGL_lose_context') as { loseContext(): void } | null)?.loseContext();
  return { available: true, version, renderer, vendor };
}

/** A canvas in a window or a worker. */
export function defaultCanvas(): CanvasLike | undefined {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(1, 1);
  if (typeof document !== 'undefined') return document.createElement('canvas');
  return undefined;
}

/** WebAssembly, and whether its threaded build could work here (SIMD is read from tfjs once loaded). */
export function probeWasm(): Capabilities['wasm'] {
  if (typeof WebAssembly !== 'object') return unavailable('no-wasm');
  return { available: true, threads: wasmThreadsPossible() };
}

/** Threads need SharedArrayBuffer, which browsers only give to cross-origin isolated pages. */
function wasmThreadsPossible(): boolean {
  return (
    typeof SharedArrayBuffer !== 'undefined' &&
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true
  );
}

export async function probeCapabilities(): Promise<Capabilities> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  return {
    webgpu: await probeWebGpu(gpu),
    webgl: probeWebGl(defaultCanvas),
    wasm: probeWasm(),
    cpu: { available: true },
  };
}
