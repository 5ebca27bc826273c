import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
import type { ClassifyReport } from './classify.ts';
import type { EvaluateReport } from './evaluate-report.ts';
import { main } from './main.ts';
import { describeWeights, loadWeights } from './network-args.ts';

// classify and evaluate say whether the weights are the published checkpoint (their SHA-256 is the one
// pinned for it). The recipe weights stand in for the published file in tests: they load, marked as not it.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PHOTO = join(ROOT, 'fixtures/preprocess/photo-420.jpg');
const dir = mkdtempSync(join(tmpdir(), 'weights-published-cli-'));
const weights = join(dir, 'inception_v4.safetensors');
const set = join(dir, 'val');
let sha256 = '';
const PUBLISHED = 'a756a086851c8d5a8de135ec15c76b90ea56cb5aef450e3299107e659e725bb1';

beforeAll(async () => {
  const { specs, produce } = recipeFileParts(analyzeNetwork(inceptionV4Released));
  ({ sha256 } = await writeSafetensorsFile(weights, specs, produce));
  mkdirSync(join(set, wnidOfClass(420)), { recursive: true });
  copyFileSync(PHOTO, join(set, wnidOfClass(420), 'ILSVRC2012_val_00000001.jpg'));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const io = captureIo();
  const status = await main(args, io);
  return { status, ...io };
}

const standIn = () => `weights ${weights}: not the published checkpoint (SHA-256 ${sha256}; `
  + `the published file's is ${PUBLISHED}); the results are this file's, not the published network's`;

describe('whether the weights are the published checkpoint', () => {
  it('is decided by the SHA-256 of the file against the pinned one, when the weights are loaded', async () => {
    const loaded = await loadWeights(weights, inceptionV4Released);
    expect(loaded).toMatchObject({ sha256, published: false });
    expect(describeWeights(weights, loaded)).toBe(standIn());
    const pinnedToThisFile = { ...inceptionV4Released, checkpoint: { ...inceptionV4Released.checkpoint!, sha256 } };
    const published = await loadWeights(weights, pinnedToThisFile);
    expect(published).toMatchObject({ sha256, published: true });
    expect(describeWeights(weights, published)).toBe(`weights ${weights}: the published checkpoint, SHA-256 verified`);
  }, 120_000);

  it('classify says it under the heading, and in --json', async () => {
    const text = await run('classify', PHOTO, '--model', 'inception-v4', '--weights', weights, '--top', '1');
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[1]).toBe(standIn());
    const json = await run('classify', PHOTO, '--model', 'inception-v4', '--weights', weights, '--top', '1', '--json');
    expect((JSON.parse(json.stdout) as ClassifyReport).weights).toEqual({ file: weights, sha256, published: false });
  }, 120_000);

  it('evaluate says it under the heading, and in --json for each file', async () => {
    const text = await run('evaluate', set, '--model', 'inception-v4', '--weights', weights);
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[1]).toBe(standIn());
    const json = await run('evaluate', set, '--model', 'inception-v4', '--weights', weights, '--json');
    expect((JSON.parse(json.stdout) as EvaluateReport).weights)
      .toEqual([{ file: weights, model: 'inception-v4', sha256, published: false }]);
  }, 120_000);
});
