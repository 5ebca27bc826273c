import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { activateBackend, NoBackendError } from './activate.ts';
import { activateNodeBackend } from './backends.node.ts';
import { softwareRendererReason, unavailable } from './select.ts';
import { englishFailure } from '../failure-words.ts';

const NO_ADAPTER = unavailable('no-adapter').reason;

describe('activateBackend', () => {
  it('goes on to the next candidate when one fails to load, recording why', async () => {
    const active = await activateBackend(
      { candidates: ['webgpu', 'cpu'], skipped: [{ backend: 'webgl', reason: softwareRendererReason('llvmpipe')! }] },
      async (name) => {
        if (name === 'webgpu') throw new Error('adapter went away');
        await import('@tensorflow/tfjs-backend-cpu');
        tf.env().set('PROD', true); // no "install tfjs-node" advice in the test log
      },
    );
    expect(active.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(active.skipped.map((s) => [s.backend, englishFailure(s.reason)])).toEqual([
      ['webgl', 'software renderer (llvmpipe)'],
      ['webgpu', 'failed to initialise: adapter went away'],
    ]);
  });

  it('throws a NoBackendError listing every reason when nothing works', async () => {
    const attempt = activateBackend(
      { candidates: ['webgl'], skipped: [{ backend: 'webgpu', reason: NO_ADAPTER }] },
      async () => {
        throw new Error('no canvas');
      },
    );
    await expect(attempt).rejects.toBeInstanceOf(NoBackendError);
    await expect(
      activateBackend({ candidates: [], skipped: [{ backend: 'webgpu', reason: NO_ADAPTER }] }, async () => undefined),
    ).rejects.toThrow(
      'no TensorFlow.js backend could be used: WebGPU: no WebGPU adapter (WebGPU disabled, or the GPU is blocklisted)',
    );
  });
});

describe('activateNodeBackend', () => {
  it('uses WASM with SIMD by default in Node, and CPU on request', async () => {
    const wasm = await activateNodeBackend();
    expect(wasm).toMatchObject({ name: 'wasm', title: 'WebAssembly', detail: 'SIMD, single thread', skipped: [] });
    expect(tf.getBackend()).toBe('wasm');
    const cpu = await activateNodeBackend('cpu');
    expect(cpu.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
