/**
 * Backends in Node.js (the CLI, the unit tests): WebAssembly (SIMD), else the plain JavaScript CPU
 * backend. There is no GPU in Node without tfjs-node, which this project does not use.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activateBackend, type ActiveBackend } from './activate.ts';
import { planBackends, type BackendName, type Capabilities } from './select.ts';

export type NodeBackendChoice = 'auto' | 'wasm' | 'cpu';

const NOT_IN_NODE = { available: false, reason: 'not available in Node.js' } as const;

async function load(name: BackendName): Promise<void> {
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  else if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  else throw new Error(`${name} is not available in Node.js`);
  // Silences tfjs's console advice to install tfjs-node: the CLI's output must stay clean.
  tf.env().set('PROD', true);
}

export async function activateNodeBackend(choice: NodeBackendChoice = 'auto'): Promise<ActiveBackend> {
  const caps: Capabilities = {
    webgpu: NOT_IN_NODE,
    webgl: NOT_IN_NODE,
    wasm: typeof WebAssembly === 'object'
      ? { available: true, threads: false }
      : { available: false, reason: 'this Node.js has no WebAssembly' },
    cpu: { available: true },
  };
  const plan = planBackends(caps, { backend: choice });
  if (choice === 'auto') plan.skipped = plan.skipped.filter((s) => s.backend === 'wasm');
  const active = await activateBackend(plan, load, { wasm: 'SIMD, single thread' });
  if (active.name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    active.detail = simd ? 'SIMD, single thread' : 'no SIMD, single thread';
  }
  return active;
}
