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
import { STAND_IN_METADATA } from '../runtime/weights/stand-in.ts';
import { captureIo } from '../testing/cli/capture-io.ts';
import type { ClassifyReport } from './classify.ts';
import type { EvaluateReport } from './evaluate-report.ts';
import { main } from './main.ts';
import { describeWeights, loadWeights } from './network-args.ts';

// classify and evaluate say whether the weights are the published checkpoint (their SHA-256 is the one
// pinned for it). The recipe weights stand in for the published file in tests: they load, marked as not it;
// written as make-weights writes them (marked stand-in in their metadata), they are said to mean nothing.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PHOTO = join(ROOT, 'fixtures/preprocess/photo-420.jpg');
const dir = mkdtempSync(join(tmpdir(), 'weights-published-cli-'));
const weights = join(dir, 'inception_v4.safetensors');
const marked = join(dir, 'inception_v4.stand-in.safetensors');
let markedSha256 = '';
const set = join(dir, 'val');
let sha256 = '';
const PUBLISHED = 'a756a086851c8d5a8de135ec15c76b90ea56cb5aef450e3299107e659e725bb1';

beforeAll(async () => {
  const { specs, produce } = recipeFileParts(analyzeNetwork(inceptionV4Released));
  ({ sha256 } = await writeSafetensorsFile(weights, specs, produce));
  ({ sha256: markedSha256 } = await writeSafetensorsFile(marked, specs, produce, STAND_IN_METADATA));
  mkdirSync(join(set, wnidOfClass(420)), { recursive: true });
  copyFileSync(PHOTO, join(set, wnidOfClass(420), 'ILSVRC2012_val_00000001.jpg'));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const io = captureIo();
  const status = await main(args, io);
  return { status, ...io };
}

const notPublished = () =>
  `weights ${weights}: not the published checkpoint (SHA-256 ${sha256}; ` +
  `the published file's is ${PUBLISHED}); the results are this file's, not the published network's`;

describe('whether the weights are the published checkpoint', () => {
  it('is decided by the SHA-256 of the file against the pinned one, when the weights are loaded', async () => {
    const loaded = await loadWeights(weights, inceptionV4Released);
    expect(loaded).toMatchObject({ sha256, published: false, standIn: false });
    expect(describeWeights(weights, loaded)).toBe(notPublished());
    const pinnedToThisFile = { ...inceptionV4Released, checkpoint: { ...inceptionV4Released.checkpoint!, sha256 } };
    const published = await loadWeights(weights, pinnedToThisFile);
    expect(published).toMatchObject({ sha256, published: true });
    expect(describeWeights(weights, published)).toBe(`weights ${weights}: the published checkpoint, SHA-256 verified`);
  }, 120_000);

  it('classify says it under the heading, and in --json', async () => {
    const text = await run('classify', PHOTO, '--model', 'inception-v4', '--weights', weights, '--top', '1');
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[1]).toBe(notPublished());
    const json = await run('classify', PHOTO, '--model', 'inception-v4', '--weights', weights, '--top', '1', '--json');
    expect((JSON.parse(json.stdout) as ClassifyReport).weights).toEqual({
      file: weights,
      sha256,
      published: false,
      standIn: false,
    });
  }, 120_000);

  it('stand-in weights (marked so by make-weights) are said to be stand-ins whose predictions mean nothing', async () => {
    const loaded = await loadWeights(marked, inceptionV4Released);
    expect(loaded).toMatchObject({ sha256: markedSha256, published: false, standIn: true });
    const line =
      `weights ${marked}: stand-in weights (made by make-weights, SHA-256 ${markedSha256}), not the published ` +
      'checkpoint: the predictions mean nothing';
    expect(describeWeights(marked, loaded)).toBe(line);
    const text = await run('classify', PHOTO, '--model', 'inception-v4', '--weights', marked, '--top', '1');
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[1]).toBe(line);
    const json = await run('classify', PHOTO, '--model', 'inception-v4', '--weights', marked, '--top', '1', '--json');
    expect((JSON.parse(json.stdout) as ClassifyReport).weights).toEqual({
      file: marked,
      sha256: markedSha256,
      published: false,
      standIn: true,
    });
  }, 120_000);

  it('evaluate says it under the heading, and in --json for each file', async () => {
    const text = await run('evaluate', set, '--model', 'inception-v4', '--weights', weights);
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[1]).toBe(notPublished());
    const json = await run('evaluate', set, '--model', 'inception-v4', '--weights', weights, '--json');
    expect((JSON.parse(json.stdout) as EvaluateReport).weights).toEqual([
      { file: weights, model: 'inception-v4', sha256, published: false },
    ]);
  }, 120_000);
});
