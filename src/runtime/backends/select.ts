/**
 * Which TensorFlow.js backend to try, in which order, and why the others were passed over. Pure: the
 * probes (probe.ts) turn the browser into plain data, so every rule here is tested with fake adapters.
 *
 * Order: WebGPU, WebGL, WASM, CPU. A software GPU (Chrome's SwiftShader, Mesa's llvmpipe, a WebGPU
 * "fallback adapter") is skipped unless asked for by name: it computes correctly but ~100× slower than
 * WASM (Inception-v4 would take minutes per photo instead of about a second).
 */

import { englishFailure, type FailureDetail } from '../failure-words.ts';
import type { BackendMissing } from '../failure-detail.ts';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export const BACKEND_TITLES: Readonly<Record<BackendName, string>> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (JavaScript)',
};

export function isBackendName(name: string): name is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(name);
}

/** What the WebGPU adapter says about itself (GPUAdapterInfo + isFallbackAdapter). */
export interface GpuAdapterFacts {
  isFallbackAdapter: boolean;
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export type Availability<T> = ({ available: true } & T) | { available: false; reason: FailureDetail };

/** A backend this environment lacks, and why. */
export const unavailable = (why: BackendMissing): { available: false; reason: FailureDetail } => ({
  available: false,
  reason: { code: 'backend.unavailable', params: { why } },
});

/** The environment, as plain data. */
export interface Capabilities {
  webgpu: Availability<{ adapter: GpuAdapterFacts }>;
  webgl: Availability<{ version: 1 | 2; renderer: string; vendor: string }>;
  /** `threads`: SharedArrayBuffer is usable (a cross-origin isolated page). */
  wasm: Availability<{ threads: boolean }>;
  cpu: Availability<object>;
}

/** "auto" follows BACKEND_ORDER; a name puts that backend first and allows it even in software. */
export type BackendChoice = 'auto' | BackendName;

export interface BackendRequest {
  backend?: BackendChoice;
  /** After a named backend fails, go on with the automatic order (default true). */
  fallback?: boolean;
  /** Backends to leave out, e.g. one whose device was just lost. */
  exclude?: readonly BackendName[];
}

export interface SkippedBackend {
  backend: BackendName;
  /** Shown to the user: "WebGPU: software adapter (SwiftShader), ~100× slower than WebAssembly". */
  reason: FailureDetail;
}

export interface BackendPlan {
  /** To try in order; the first that initialises and passes its self-test is used. */
  candidates: BackendName[];
  skipped: SkippedBackend[];
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

/** Why a WebGPU adapter is a software one, or undefined for real hardware. */
export function softwareAdapterReason(adapter: GpuAdapterFacts, slow?: boolean): FailureDetail | undefined {
  const software = (kind: 'fallback-adapter' | 'adapter'): FailureDetail => ({
    code: 'backend.software',
    params: { kind, name: adapterTitle(adapter), ...(slow ? { slow } : {}) },
  });
  if (adapter.isFallbackAdapter) return software('fallback-adapter');
  const text = [adapter.vendor, adapter.architecture, adapter.device, adapter.description].join(' ');
  if (SOFTWARE_RENDERERS.test(text)) return software('adapter');
  return undefined;
}

/** Why a WebGL renderer string names a software rasteriser, or undefined. */
export function softwareRendererReason(renderer: string, slow?: boolean): FailureDetail | undefined {
  return SOFTWARE_RENDERERS.test(renderer)
    ? { code: 'backend.software', params: { kind: 'renderer', name: renderer, ...(slow ? { slow } : {}) } }
    : undefined;
}

/** "google, swiftshader, SwiftShader driver 5.0.0": what the adapter says it is. */
export function adapterTitle(adapter: GpuAdapterFacts): string {
  return [adapter.vendor, adapter.architecture, adapter.description || adapter.device].filter(Boolean).join(', ');
}

/** The reason a backend cannot or should not be used automatically, or undefined if it may be tried. */
function autoSkipReason(name: BackendName, caps: Capabilities): FailureDetail | undefined {
  const cap = caps[name];
  if (!cap.available) return cap.reason;
  if (name === 'webgpu' && caps.webgpu.available) return softwareAdapterReason(caps.webgpu.adapter, true);
  if (name === 'webgl' && caps.webgl.available) return softwareRendererReason(caps.webgl.renderer, true);
  return undefined;
}

const EXCLUDED = unavailable('excluded').reason;

export function planBackends(caps: Capabilities, request: BackendRequest = {}): BackendPlan {
  const choice = request.backend ?? 'auto';
  const excluded = new Set(request.exclude ?? []);
  const candidates: BackendName[] = [];
  const skipped: SkippedBackend[] = [];
  const skip = (backend: BackendName, reason: FailureDetail) => {
    if (!skipped.some((s) => s.backend === backend)) skipped.push({ backend, reason });
  };

  if (choice !== 'auto') {
    const cap = caps[choice];
    if (excluded.has(choice)) skip(choice, EXCLUDED);
    else if (!cap.available) skip(choice, cap.reason);
    else candidates.push(choice);
    if (request.fallback === false) return { candidates, skipped };
  }
  for (const name of BACKEND_ORDER) {
    if (candidates.includes(name) || skipped.some((s) => s.backend === name)) continue;
    if (excluded.has(name)) {
      skip(name, EXCLUDED);
      continue;
    }
    const reason = autoSkipReason(name, caps);
    if (reason) skip(name, reason);
    else candidates.push(name);
  }
  return { candidates, skipped };
}

/** One line for the UI: "WebGPU: no adapter; WebGL: software renderer (…)". */
export function describeSkipped(skipped: readonly SkippedBackend[]): string {
  return skipped.map((s) => `${BACKEND_TITLES[s.backend]}: ${englishFailure(s.reason)}`).join('; ');
}
