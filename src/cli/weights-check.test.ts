import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { inceptionV4Released } from '../model/networks/inception-v4.ts';
import { wnidOfClass } from '../runtime/evaluation/synsets.ts';
import { recipeFileParts } from '../runtime/weights/recipe-checkpoint.ts';
import { writeSafetensorsFile } from '../runtime/weights/safetensors-file.node.ts';
import { captureIo } from '../testing/cli/capture-io.ts';
import { main } from './main.ts';

// Every command that runs a network reads its weights through one path, which refuses NaN and ±Infinity
// (naming the tensor) before anything is built or computed: exit 1, nothing printed on stdout, no file.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PHOTO = join(ROOT, 'fixtures/preprocess/photo-420.jpg');
const dir = mkdtempSync(join(tmpdir(), 'weights-check-cli-'));
const nanWeights = join(dir, 'nan.safetensors');
const infinityWeights = join(dir, 'infinity.safetensors');
const set = join(dir, 'val');
let poisoned = '';

/** Inception-v4 recipe weights with `value` at index 3 of the first tensor. */
async function writePoisoned(path: string, value: number): Promise<string> {
  const { specs, produce } = recipeFileParts(analyzeNetwork(inceptionV4Released));
  await writeSafetensorsFile(path, specs, (spec, i) => {
    const data = produce(spec, i);
    if (i === 0) data[3] = value;
    return data;
  });
  return specs[0].name;
}

beforeAll(async () => {
  poisoned = await writePoisoned(nanWeights, Number.NaN);
  await writePoisoned(infinityWeights, Number.POSITIVE_INFINITY);
  mkdirSync(join(set, wnidOfClass(420)), { recursive: true });
  copyFileSync(PHOTO, join(set, wnidOfClass(420), 'ILSVRC2012_val_00000001.jpg'));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = captureIo();
  const status = await main(args, io);
  return { status, ...io };
}

const onnx = join(dir, 'out.onnx');
const commands: Array<[string, (weights: string) => string[]]> = [
  ['classify', (w) => ['classify', PHOTO, '--model', 'inception-v4', '--weights', w]],
  ['evaluate', (w) => ['evaluate', set, '--model', 'inception-v4', '--weights', w, '--backend', 'wasm']],
  ['activations', (w) => ['activations', PHOTO, '--model', 'inception-v4', '--weights', w, '--node', 'features.9']],
  ['cam', (w) => ['cam', PHOTO, '--model', 'inception-v4', '--weights', w]],
  ['export-onnx', (w) => ['export-onnx', '--model', 'inception-v4', '--weights', w, '--out', onnx]],
];

describe('the weights check shared by every command that loads weights', () => {
  it.each(commands)(
    '%s refuses weights holding NaN, naming the tensor',
    async (command, args) => {
      const result = await run(args(nanWeights));
      expect(result.stderr).toBe(
        `inception-explorer ${command}: ${nanWeights}: tensor ${poisoned} holds NaN at index 3; ` +
          'weights must be finite numbers, so this file is damaged or was altered\n',
      );
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(existsSync(onnx)).toBe(false);
    },
    120_000,
  );

  it('evaluate refuses weights holding Infinity, also among --ensemble files', async () => {
    for (const args of [
      ['evaluate', set, '--model', 'inception-v4', '--weights', infinityWeights],
      ['evaluate', set, '--ensemble', '--weights', infinityWeights, '--weights', nanWeights],
    ]) {
      const result = await run(args);
      expect(result.stderr).toContain(`${infinityWeights}: tensor ${poisoned} holds Infinity at index 3`);
      expect(result.status).toBe(1);
    }
  }, 120_000);
});
