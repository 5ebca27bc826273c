import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wnidOfClass } from '../runtime/evaluation/synsets.ts';
import { installNodeWebGpu, NO_DAWN_ADAPTER } from '../runtime/backends/webgpu.node.ts';
import { englishFailure } from '../runtime/failure-words.ts';
import { captureIo } from '../testing/cli/capture-io.ts';
import { recipeWeights } from '../testing/recipe-weights.ts';
import { backendFor, backendsText, CLI_BACKENDS } from './backend-args.ts';
import { CliError } from './io.ts';
import { main } from './main.ts';

const PHOTO = fileURLToPath(new URL('../../fixtures/preprocess/photo-420.jpg', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'backend-args-'));
const set = join(tmp, 'val');
let weights: string;

beforeAll(async () => {
  weights = await recipeWeights('inception-v4');
  mkdirSync(join(set, wnidOfClass(1)), { recursive: true });
  copyFileSync(PHOTO, join(set, wnidOfClass(1), 'ILSVRC2012_val_00000001.jpg'));
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the CLI's backends", () => {
  it('are one list: auto, wasm, webgpu and cpu; anything else is a usage error that lists them', () => {
    expect(CLI_BACKENDS).toEqual(['auto', 'wasm', 'webgpu', 'cpu']);
    expect(backendsText()).toBe('wasm|webgpu|cpu');
    const usage = (message: string) => new CliError(message, 2);
    expect(backendFor('webgpu', usage)).toBe('webgpu');
    expect(() => backendFor('webgl', usage)).toThrow('--backend must be wasm, webgpu or cpu, got "webgl"');
    expect(() => backendFor('auto', usage, ['wasm', 'cpu'])).toThrow('--backend must be wasm or cpu, got "auto"');
  });

  const commands: Array<[string, string[]]> = [
    ['classify', [PHOTO]],
    ['evaluate', [set]],
    ['activations', [PHOTO, '--node', 'features.3']],
    ['cam', [PHOTO, '--top', '1']],
  ];
  for (const [command, args] of commands) {
    it(`${command} --backend webgpu stops without a WebGPU adapter, saying why and to use wasm`, async (context) => {
      const gpu = await installNodeWebGpu();
      if (gpu.webgpu.available) {
        console.warn('skipped: this process has a WebGPU adapter (classify.webgpu.test.ts runs on it)');
        context.skip();
        return;
      }
      const io = captureIo();
      const args_ = [command, ...args, '--model', 'inception-v4', '--weights', weights, '--backend', 'webgpu'];
      const status = await main(args_, io);
      expect(io.stderr.trim().split('\n')).toEqual([
        `inception-explorer ${command}: --backend webgpu cannot be used: ` +
          `${englishFailure(NO_DAWN_ADAPTER)}. Use --backend wasm instead.`,
      ]);
      expect(status).toBe(1);
      expect(io.stdout).toBe('');
    }, 120_000);
  }
});
