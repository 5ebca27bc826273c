/**
 * The backends' reasons and notices as failures (runtime/failure-words.ts explains codes): why a
 * TensorFlow.js backend was passed over (runtime/backends/select.ts), why a GPU stopped, and what the
 * worker did about it. Its English is what the CLI prints and the tests read; views/i18n/zh/failures.ts
 * words the same codes in Chinese. Imports types only, so it stays free for every view to load.
 */
import type { BackendFailureParams, BackendMissing, FailureWords, SoftwareGpu } from './failure-detail.ts';

const MISSING: Readonly<Record<BackendMissing, string>> = {
  'no-webgpu': 'this browser has no WebGPU (navigator.gpu is missing)',
  'no-adapter': 'no WebGPU adapter (WebGPU disabled, or the GPU is blocklisted)',
  'no-canvas': 'no canvas to create a WebGL context on',
  'no-webgl': 'WebGL is unavailable (disabled, or the GPU is blocklisted)',
  'no-wasm': 'this browser has no WebAssembly',
  'no-wasm-node': 'this Node.js has no WebAssembly',
  'not-in-node': 'not available in Node.js',
  excluded: 'excluded after a failure',
};

const SOFTWARE: Readonly<Record<SoftwareGpu, string>> = {
  'fallback-adapter': 'software fallback adapter',
  adapter: 'software adapter',
  renderer: 'software renderer',
};

export const backendFailureWords: Pick<FailureWords, keyof BackendFailureParams> = {
  'backend.unavailable': ({ why }) => MISSING[why],
  'backend.adapter-request-failed': ({ detail }) => `requesting a WebGPU adapter failed: ${detail}`,
  'backend.no-dawn-adapter': ({ settings }) =>
    'Dawn found no WebGPU adapter (on Linux it needs the Vulkan loader, libvulkan.so.1, ' +
    `and a driver: the GPU vendor's, or in software Chromium's SwiftShader: ${settings})`,
  'backend.no-webgpu-package': ({ detail }) => `the webgpu package could not be loaded (${detail}); run npm ci`,
  'backend.software': ({ kind, name, slow }) =>
    `${SOFTWARE[kind]}${name ? ` (${name})` : ''}` +
    (slow ? '; about 100× slower than WebAssembly (choose it explicitly to use it anyway)' : ''),
  'backend.init-failed': ({ detail }) => `failed to initialise${detail === undefined ? '' : `: ${detail}`}`,
  'backend.self-test-failed': ({ detail }) => `self-test failed: ${detail}`,
  'backend.device-lost': ({ detail }) => `the WebGPU device was lost${detail ? `: ${detail}` : ''}`,
  'backend.device-error': ({ detail }) => `the WebGPU device reported an error${detail ? `: ${detail}` : ''}`,
  'backend.context-lost': () => 'the WebGL context was lost',
  'backend.moved': ({ backend, cause, now, failed }, word) =>
    `${backend} stopped working (${word(cause)}); the networks now run on ${now}.` +
    (failed.length
      ? ` ${failed.map((f) => `${f.network} could not be rebuilt (${word(f.cause)}); load it again`).join('; ')}.`
      : ''),
  'backend.none-started': ({ backend, cause, error }, word) =>
    `${backend} stopped working (${word(cause)}) and no other backend started: ${word(error)}`,
};
