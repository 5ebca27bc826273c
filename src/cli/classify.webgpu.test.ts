/**
 * `classify --backend webgpu` (Dawn, in Node) against `--backend wasm`: Inception-v4's 1000 logits for
 * the recipe's noise input within LOGIT_TOLERANCE, the tolerance of the other GPU parity checks. The
 * command runs as a user runs it, in a child process (`npx inception-explorer`), which must also exit
 * by itself afterwards (Dawn's device released).
 *
 * It runs where Dawn finds an adapter. Without one, Chromium's SwiftShader can stand in, but the
 * smallest network the command takes is a whole Inception-v4 (12 GFLOPs), which SwiftShader needs
 * about 14 minutes for on the 2-core development machine: so only when asked for, with
 * `CLI_WEBGPU_SWIFTSHADER=1 npx vitest run src/cli/classify.webgpu.test.ts`; otherwise skipped, saying why.
 */
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWIFTSHADER_ENV } from '../runtime/backends/webgpu.node.ts';
import { maxAbsDifference } from '../runtime/executor/reference-ops.ts';
import { cli, recipeWeights, scratch } from '../testing/cli/inside-run.ts';
import { LOGIT_TOLERANCE } from '../testing/parity.ts';
import type { ClassifyReport } from './classify.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { dir, noise } = scratch('classify-webgpu-');
const SWIFTSHADER_TIMEOUT_MS = 40 * 60_000;

type Run = { report: ClassifyReport; stderr: string } | { unavailable: string };

async function onWebGpu(weights: string, env: NodeJS.ProcessEnv, timeout: number): Promise<Run> {
  const args = [
    '--no-install',
    'inception-explorer',
    'classify',
    noise,
    '--model',
    'inception-v4',
    '--weights',
    weights,
    '--backend',
    'webgpu',
    '--json',
    '--logits',
  ];
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', args, { cwd: ROOT, env, timeout, maxBuffer: 1 << 24 });
    return { report: JSON.parse(stdout) as ClassifyReport, stderr };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    if (stderr.includes('--backend webgpu cannot be used')) return { unavailable: stderr.trim() };
    throw error;
  }
}

let weights: string;
let gpu: Run;
beforeAll(async () => {
  weights = await recipeWeights('inception-v4');
  gpu = await onWebGpu(weights, process.env, 300_000);
  const swiftShader = process.env.CLI_WEBGPU_SWIFTSHADER === '1' && existsSync(SWIFTSHADER_ENV.VK_ICD_FILENAMES);
  if ('unavailable' in gpu && swiftShader) {
    gpu = await onWebGpu(weights, { ...process.env, ...SWIFTSHADER_ENV }, SWIFTSHADER_TIMEOUT_MS);
  }
}, SWIFTSHADER_TIMEOUT_MS + 360_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('classify --backend webgpu', () => {
  it('gives the logits of --backend wasm, and names the adapter on stderr', async (context) => {
    if ('unavailable' in gpu) {
      console.warn(
        `skipped: no WebGPU adapter in Node here (${gpu.unavailable}); with Chromium's SwiftShader ` +
          'it takes ~14 minutes here: CLI_WEBGPU_SWIFTSHADER=1 runs it',
      );
      context.skip();
      return;
    }
    expect(gpu.report.backend).toBe('webgpu');
    expect(gpu.stderr).toMatch(/^WebGPU adapter: .*, through Dawn/);
    const run = await cli(
      'classify',
      noise,
      '--model',
      'inception-v4',
      '--weights',
      weights,
      '--backend',
      'wasm',
      '--json',
      '--logits',
    );
    expect(run.status).toBe(0);
    const wasmReport = JSON.parse(run.stdout) as ClassifyReport;
    const wasm = wasmReport.results[0].logits!;
    const logits = gpu.report.results[0].logits!;
    expect(logits).toHaveLength(1000);
    const difference = maxAbsDifference(logits, wasm);
    console.info(
      `${gpu.stderr.trim()}: max |Δlogit| against WASM ${difference.toExponential(2)} ` +
        `(tolerance ${LOGIT_TOLERANCE})`,
    );
    expect(difference).toBeLessThanOrEqual(LOGIT_TOLERANCE);
    expect(gpu.report.results[0].top[0].index).toBe(wasmReport.results[0].top[0].index);
  }, 120_000);
});
