/**
 * One training step of the tiny training fixture on WebGPU (Dawn, in Node) against the same step on
 * WASM: the loss and every gradient before it, and every parameter and moving statistic after one RMSProp
 * step. WebGPU runs in a child process (src/testing/training-step-run.ts) with this environment; where it
 * finds no adapter and Chromium's SwiftShader is installed, again with SwiftShader's (webgpu.node.ts).
 * Without either the test is skipped and says why. WASM is itself held to PyTorch by
 * trainer.parity.test.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { SWIFTSHADER_ENV } from '../backends/webgpu.node.ts';
import { trainingStepRun, type TrainingStepRun } from '../../testing/training-step-run.ts';

const SCRIPT = new URL('../../testing/training-step-run.ts', import.meta.url).pathname;

async function onWebGpu(env: NodeJS.ProcessEnv): Promise<TrainingStepRun | { unavailable: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', SCRIPT, 'webgpu'], {
    env,
    timeout: 170_000,
    maxBuffer: 1 << 26,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as TrainingStepRun | { unavailable: string };
}

/** The largest |a − b| over every tensor, and the largest |b|. */
function worst(a: Record<string, number[]>, b: Record<string, number[]>) {
  expect(Object.keys(a)).toEqual(Object.keys(b));
  let error = 0;
  let largest = 0;
  for (const [name, values] of Object.entries(b)) {
    expect(a[name], name).toHaveLength(values.length);
    values.forEach((v, i) => {
      largest = Math.max(largest, Math.abs(v));
      error = Math.max(error, Math.abs(v - a[name][i]));
    });
  }
  return { error, largest };
}

describe('a training step on WebGPU (Dawn) against WASM', () => {
  let gpu: TrainingStepRun | { unavailable: string };
  let wasm: TrainingStepRun;
  beforeAll(async () => {
    gpu = await onWebGpu(process.env);
    if ('unavailable' in gpu && existsSync(SWIFTSHADER_ENV.VK_ICD_FILENAMES)) {
      gpu = await onWebGpu({ ...process.env, ...SWIFTSHADER_ENV });
    }
    wasm = await trainingStepRun('wasm');
  }, 360_000);

  it('gives the same loss, gradients, and parameters after one RMSProp step', (context) => {
    if ('unavailable' in gpu) {
      console.warn(`skipped: no WebGPU adapter in Node here, nor Chromium's SwiftShader (${gpu.unavailable})`);
      context.skip();
      return;
    }
    console.info(gpu.backend);
    expect(gpu.backend).toMatch(/^WebGPU: /);
    expect(Math.abs(gpu.loss - wasm.loss)).toBeLessThan(1e-5);
    const g = worst(gpu.gradients, wasm.gradients);
    expect(g.largest).toBeGreaterThan(0.1);
    expect(g.error / g.largest).toBeLessThan(1e-5);
    expect(Math.abs(gpu.stepLoss - wasm.stepLoss)).toBeLessThan(1e-5);
    expect(Math.abs(gpu.gradNorm - wasm.gradNorm) / wasm.gradNorm).toBeLessThan(1e-5);
    const after = worst(gpu.weights, wasm.weights);
    console.info(
      `|Δ| loss ${Math.abs(gpu.loss - wasm.loss).toExponential(1)}, gradients ` +
        `${(g.error / g.largest).toExponential(1)} of the largest, ` +
        `parameters after the step ${after.error.toExponential(1)}`,
    );
    expect(after.error).toBeLessThan(1e-6);
  });
});
