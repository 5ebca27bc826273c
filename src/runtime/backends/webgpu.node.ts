/**
 * WebGPU in Node through Dawn (the `webgpu` npm package: prebuilt dawn.node binaries ship in the
 * package, so this works offline after `npm ci`). Installs the WebGPU globals (GPUBufferUsage, …) and
 * `navigator.gpu` as a browser has them, which is what tfjs-backend-webgpu looks for, and probes the
 * adapter as the browser does (probe.ts): its facts, or why there is none. Used by the CLI
 * (`--backend webgpu`), the unit tests and `npm run bench:gpu`.
 *
 * Dawn keeps Node running while `navigator.gpu` is referenced: `releaseNodeWebGpu` lets it exit.
 */
import * as tf from '@tensorflow/tfjs-core';
import { probeWebGpu, type GpuLike } from './probe.ts';
import type { Capabilities } from './select.ts';
import type { FailureDetail } from '../failure-words.ts';

/**
 * The environment that gives Dawn Chromium's software Vulkan driver, SwiftShader, and the Vulkan loader
 * beside it (Debian's chromium-common package): a stand-in where there is no GPU.
 */
export const SWIFTSHADER_ENV: Readonly<Record<string, string>> = {
  LD_LIBRARY_PATH: '/usr/lib/chromium',
  VK_ICD_FILENAMES: '/usr/lib/chromium/vk_swiftshader_icd.json',
};
const SWIFTSHADER_SETTINGS = Object.entries(SWIFTSHADER_ENV)
  .map(([k, v]) => `${k}=${v}`)
  .join(' ');

export const NO_DAWN_ADAPTER: FailureDetail = {
  code: 'backend.no-dawn-adapter',
  params: { settings: SWIFTSHADER_SETTINGS },
};

export interface NodeWebGpu {
  /** The webgpu package's version, or "unavailable". */
  dawn: string;
  webgpu: Capabilities['webgpu'];
}

/** tfjs-backend-webgpu registers itself with this priority. */
const WEBGPU_PRIORITY = 3;

let installed: Promise<NodeWebGpu> | undefined;

/** Installs Dawn's WebGPU once per process (until released) and reports its adapter. */
export function installNodeWebGpu(): Promise<NodeWebGpu> {
  installed ??= install();
  return installed;
}

async function install(): Promise<NodeWebGpu> {
  let module: typeof import('webgpu');
  try {
    module = await import('webgpu');
  } catch (error) {
    const reason: FailureDetail = { code: 'backend.no-webgpu-package', params: { detail: (error as Error).message } };
    return { dawn: 'unavailable', webgpu: { available: false, reason } };
  }
  const { create, globals } = module;
  Object.assign(globalThis, globals);
  const gpu = create([]);
  // Node 20 has no `navigator`; later versions have one without `gpu`.
  const navigator = (globalThis as { navigator?: object }).navigator ?? {};
  Object.defineProperty(navigator, 'gpu', { value: gpu, configurable: true });
  if (!(globalThis as { navigator?: object }).navigator) {
    Object.defineProperty(globalThis, 'navigator', { value: navigator, configurable: true });
  }
  const dawn = (await import('webgpu/package.json', { with: { type: 'json' } })).default.version;
  const webgpu = await probeWebGpu(gpu as unknown as GpuLike, NO_DAWN_ADAPTER);
  // Without an adapter there is nothing to keep: let Node exit.
  if (!webgpu.available) dropNavigatorGpu();
  return { dawn, webgpu };
}

function dropNavigatorGpu(): void {
  const navigator = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (navigator && 'gpu' in navigator) delete navigator.gpu;
}

/**
 * Removes TensorFlow.js's WebGPU backend (destroying its device) and Dawn's `navigator.gpu`, so that
 * Node can exit; a later `installNodeWebGpu` starts again.
 */
export function releaseNodeWebGpu(): void {
  const backend = tf.findBackend('webgpu') as unknown as { device?: { destroy(): void } } | null;
  const factory = tf.findBackendFactory('webgpu');
  if (factory) {
    tf.removeBackend('webgpu'); // disposes its buffers
    backend?.device?.destroy();
    // Registered again (as tfjs-backend-webgpu does when imported) so that WebGPU can start afresh.
    tf.registerBackend('webgpu', factory, WEBGPU_PRIORITY);
  }
  dropNavigatorGpu();
  installed = undefined;
}
