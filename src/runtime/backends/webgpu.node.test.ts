import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { NoBackendError } from './activate.ts';
import { englishFailure } from '../failure-words.ts';
import { activateNodeBackend } from './backends.node.ts';
import { installNodeWebGpu, NO_DAWN_ADAPTER, releaseNodeWebGpu } from './webgpu.node.ts';

describe('WebGPU in Node through Dawn', () => {
  it('reports the adapter, or why Dawn has none; asked for by name, never falls back to another backend', async (context) => {
    const gpu = await installNodeWebGpu();
    expect(gpu.dawn).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await installNodeWebGpu()).toBe(gpu); // installed once
    if (gpu.webgpu.available) {
      console.warn('skipped: this process has a WebGPU adapter (trainer.webgpu.test.ts trains on it)');
      context.skip();
      return;
    }
    expect(gpu.webgpu.reason).toBe(NO_DAWN_ADAPTER);
    // Nothing of Dawn's is left to keep Node running.
    expect((globalThis.navigator as { gpu?: unknown } | undefined)?.gpu).toBeUndefined();

    await activateNodeBackend('cpu');
    const attempt = activateNodeBackend('webgpu');
    await expect(attempt).rejects.toBeInstanceOf(NoBackendError);
    await expect(attempt).rejects.toThrow(`WebGPU: ${englishFailure(NO_DAWN_ADAPTER)}`);
    expect(tf.getBackend()).toBe('cpu');
    releaseNodeWebGpu();
    expect(tf.getBackend()).toBe('cpu');
  });
});
