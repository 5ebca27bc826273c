/**
 * Backends in Node.js (the CLI, the unit tests): WebAssembly (SIMD), else the plain JavaScript CPU
 * backend; WebGPU only when asked for by name, through Dawn (webgpu.node.ts), with no fallback: a run that
 * asked for the GPU fails with the reason rather than quietly running on another backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activateBackend, type ActiveBackend } from './activate.ts';
import {
  adapterTitle,
  planBackends,
  softwareAdapterReason,
  unavailable,
  type BackendName,
  type Capabilities,
} from './select.ts';
import { englishFailure } from '../failure-words.ts';
import { installNodeWebGpu } from './webgpu.node.ts';

export type NodeBackendChoice = 'auto' | 'webgpu' | 'wasm' | 'cpu';

export interface NodeBackend extends ActiveBackend {
  /** For a software WebGPU adapter (SwiftShader, llvmpipe): why it is one. Its speed means nothing. */
  software?: string;
}

const NOT_IN_NODE = unavailable('not-in-node');

async function load(name: BackendName): Promise<void> {
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  else if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  // Registers itself only where navigator.gpu exists: installNodeWebGpu ran first.
  else if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else throw new Error(`${name} is not available in Node.js`);
  // Silences tfjs's console advice to install tfjs-node: the CLI's output must stay clean.
  tf.env().set('PROD', true);
}

export async function activateNodeBackend(choice: NodeBackendChoice = 'auto'): Promise<NodeBackend> {
  const caps: Capabilities = {
    webgpu: choice === 'webgpu' ? (await installNodeWebGpu()).webgpu : NOT_IN_NODE,
    webgl: NOT_IN_NODE,
    wasm: typeof WebAssembly === 'object' ? { available: true, threads: false } : unavailable('no-wasm-node'),
    cpu: { available: true },
  };
  const plan = planBackends(caps, { backend: choice, fallback: choice !== 'webgpu' });
  if (choice === 'auto') plan.skipped = plan.skipped.filter((s) => s.backend === 'wasm');
  const adapter = caps.webgpu.available ? caps.webgpu.adapter : undefined;
  const active: NodeBackend = await activateBackend(plan, load, {
    wasm: 'SIMD, single thread',
    ...(adapter ? { webgpu: `${adapterTitle(adapter)}, through Dawn` } : {}),
  });
  if (active.name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    active.detail = simd ? 'SIMD, single thread' : 'no SIMD, single thread';
  }
  const software = adapter && softwareAdapterReason(adapter);
  if (active.name === 'webgpu' && software) active.software = englishFailure(software);
  return active;
}
