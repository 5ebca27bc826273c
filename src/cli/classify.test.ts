import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { inceptionV4Released } from '../model/networks/inception-v4.ts';
import { LOGIT_TOLERANCE } from '../testing/parity.ts';
import { maxAbsDifference } from '../runtime/executor/reference-ops.ts';
import { IMAGENET_LABELS } from '../runtime/labels.ts';
import { loadImageForModel } from '../runtime/preprocess/decode.node.ts';
import { recipeInput } from '../runtime/weights/recipe.ts';
import { recipeFileParts } from '../runtime/weights/recipe-checkpoint.ts';
import { writeSafetensorsFile } from '../runtime/weights/safetensors-file.node.ts';
import { serializeSafetensors } from '../runtime/weights/safetensors-writer.ts';
import { loadReference } from '../testing/fixtures.ts';
import { recipeWeights } from '../testing/recipe-weights.ts';
import type { ClassifyReport } from './classify.ts';
import { main } from './main.ts';
import { captureIo } from '../testing/cli/capture-io.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PHOTO = join(ROOT, 'fixtures/preprocess/photo-420.jpg');
const dir = mkdtempSync(join(tmpdir(), 'classify-cli-'));
const weights = join(dir, 'inception_v4.safetensors');
const noise = join(dir, 'noise.f32');
const pattern = join(dir, 'pattern.f32');

function f32(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

async function classify(...args: string[]) {
  const io = captureIo();
  const status = await main(['classify', ...args], io);
  return { status, ...io };
}

beforeAll(async () => {
  const { specs, produce } = recipeFileParts(analyzeNetwork(inceptionV4Released));
  await writeSafetensorsFile(weights, specs, produce);
  writeFileSync(noise, f32(recipeInput('noise')));
  writeFileSync(pattern, f32(recipeInput('pattern')));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inception-explorer classify', () => {
  it("prints one JSON object whose logits are timm's, for each .f32 input", async () => {
    const run = await classify(
      noise,
      pattern,
      '--model',
      'inception-v4',
      '--weights',
      weights,
      '--json',
      '--logits',
      '--backend',
      'wasm',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout) as ClassifyReport;
    expect(Object.keys(report)).toEqual(['model', 'backend', 'weights', 'results']);
    expect(report.model).toBe('inception-v4');
    expect(report.backend).toBe('wasm');
    expect(report.results.map((r) => r.input)).toEqual([noise, pattern]);
    for (const [i, input] of (['noise', 'pattern'] as const).entries()) {
      const result = report.results[i];
      const reference = loadReference('inception_v4', input);
      expect(result.logits).toHaveLength(1000);
      expect(maxAbsDifference(result.logits!, reference.logits)).toBeLessThanOrEqual(LOGIT_TOLERANCE);
      expect(result.top.map((p) => p.index)).toEqual(reference.top5);
      for (const p of result.top) {
        expect(Object.keys(p)).toEqual(['index', 'label', 'probability']);
        expect(p.label).toBe(IMAGENET_LABELS[p.index]);
      }
      const probabilities = result.top.map((p) => p.probability);
      expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    }
  }, 120_000);

  it('classifies an image exactly as its preprocessed tensor, and prints a readable table', async () => {
    const tensor = join(dir, 'photo.f32');
    writeFileSync(tensor, f32((await loadImageForModel(PHOTO, inceptionV4Released.checkpoint!.preprocessing)).tensor));
    const json = await classify(PHOTO, tensor, '--model', 'inception-v4', '--weights', weights, '--json', '--logits');
    expect(json.status).toBe(0);
    const [fromImage, fromTensor] = (JSON.parse(json.stdout) as ClassifyReport).results;
    expect(fromImage.logits).toEqual(fromTensor.logits);

    const text = await classify(PHOTO, '--model', 'inception-v4', '--weights', weights, '--top', '3');
    expect(text.status).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toBe('Inception-v4 on WebAssembly (SIMD, single thread)');
    expect(lines[1]).toMatch(/^weights .*inception_v4\.safetensors: not the published checkpoint/);
    expect(lines[3]).toMatch(new RegExp(`^${PHOTO.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} {2}\\(\\d+ ms\\)$`));
    expect(lines.slice(4)).toHaveLength(3);
    expect(lines[4]).toMatch(/^ {2} 1\. +\d+\.\d\d% +\d+ {2}\S/);
  }, 120_000);

  it.each([
    [['--model', 'inception-v4'], 2, '--model and --weights are required'],
    [['--weights', 'w.safetensors'], 2, '--model and --weights are required'],
    [
      ['--model', 'alexnet', '--weights', 'w.safetensors'],
      2,
      'unknown model "alexnet"; valid models: inception-v4, inception-resnet-v2',
    ],
    [
      ['--model', 'inception-resnet-v1', '--weights', 'w.safetensors'],
      2,
      'model "inception-resnet-v1" has no pretrained checkpoint',
    ],
    [
      ['--model', 'inception-resnet-v2-s', '--weights', 'w.safetensors'],
      2,
      'model "inception-resnet-v2-s" has no pretrained checkpoint (a small network to train); ' +
        'valid models: inception-v4, inception-resnet-v2',
    ],
    [
      ['--model', 'inception-v4', '--weights', 'w.safetensors', '--top', '0'],
      2,
      '--top must be an integer from 1 to 1000, got "0"',
    ],
    [
      ['--model', 'inception-v4', '--weights', 'w.safetensors', '--backend', 'webgl'],
      2,
      '--backend must be wasm, webgpu or cpu, got "webgl"',
    ],
  ])('rejects bad arguments %j with exit %i', async (args, status, message) => {
    const run = await classify(noise, ...args);
    expect(run.status).toBe(status);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it("takes residual scales by group: the released ones spelled out give timm's logits, and the header says so", async () => {
    const irv2 = await recipeWeights('inception-resnet-v2');
    const run = await classify(
      pattern,
      '--model',
      'inception-resnet-v2',
      '--weights',
      irv2,
      '--logits',
      '--top',
      '1',
      '--residual-scale',
      'inception-resnet-a=0.17,inception-resnet-b=0.1',
      '--residual-scale',
      'inception-resnet-c=0.2,inception-resnet-c-final=1',
    );
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /, residual scales inception-resnet-a=0\.17, inception-resnet-b=0\.1, inception-resnet-c=0\.2, inception-resnet-c-final=1$/,
    );
    const logits = lines
      .find((l) => l.startsWith('  logits: '))!
      .slice(10)
      .split(' ')
      .map(Number);
    expect(maxAbsDifference(logits, loadReference('inception_resnet_v2', 'pattern').logits)).toBeLessThanOrEqual(
      LOGIT_TOLERANCE,
    );
  }, 300_000);

  it('rejects residual scales for groups the network does not have', async () => {
    const run = await classify(
      noise,
      '--model',
      'inception-v4',
      '--weights',
      weights,
      '--residual-scale',
      'inception-resnet-a=0',
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      '--residual-scale: unknown residual group "inception-resnet-a"; this network has no residual blocks',
    );
  });

  it('asks for an input when none is given', async () => {
    const run = await classify('--model', 'inception-v4', '--weights', weights);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('expected at least one image or .f32 input');
  });

  it('names a missing, misshapen or non-finite input', async () => {
    const short = join(dir, 'short.f32');
    writeFileSync(short, new Uint8Array(1000));
    const nan = join(dir, 'nan.f32');
    const values = recipeInput('noise');
    values[7] = NaN;
    writeFileSync(nan, f32(values));
    const cases: Array<[string, string]> = [
      [join(dir, 'missing.f32'), `${join(dir, 'missing.f32')}: cannot read the input (no such file)`],
      [join(dir, 'missing.jpg'), `${join(dir, 'missing.jpg')}: no such file`],
      [
        short,
        `${short}: a .f32 input must be a preprocessed float32 NHWC [1, 299, 299, 3] tensor of 1072812 bytes, but the file has 1000`,
      ],
      [join(ROOT, 'fixtures/preprocess/not-an-image.txt'), 'not-an-image.txt: '],
      [nan, `${nan} holds a non-finite value (NaN) at index 7`],
    ];
    for (const [input, message] of cases) {
      const run = await classify(input, '--model', 'inception-v4', '--weights', weights);
      expect(run.status, input).toBe(1);
      expect(run.stderr).toContain(message);
    }
  }, 120_000);

  it("names a weights file that is missing, not safetensors, not Inception, or another network's", async () => {
    const text = join(dir, 'notes.safetensors');
    writeFileSync(text, 'these are not weights, just a text file that is long enough');
    const other = join(dir, 'other.safetensors');
    writeFileSync(
      other,
      serializeSafetensors([{ name: 'encoder.layer.0.weight', shape: [2, 2], data: new Float32Array(4) }]),
    );
    const cases: Array<[string, string, RegExp]> = [
      [
        'inception-v4',
        join(dir, 'none.safetensors'),
        /none\.safetensors: cannot read the weights file \(no such file\)/,
      ],
      ['inception-v4', text, /notes\.safetensors/],
      ['inception-v4', other, /other\.safetensors.*not an Inception/i],
      ['inception-resnet-v2', weights, /inception_v4\.safetensors.*inception_v4/],
    ];
    for (const [model, file, message] of cases) {
      const run = await classify(noise, '--model', model, '--weights', file);
      expect(run.status, file).toBe(1);
      expect(run.stderr).toMatch(message);
    }
  }, 120_000);

  it('runs as `npx inception-explorer classify`, printing only the JSON on stdout', () => {
    const stdout = execFileSync(
      'npx',
      [
        '--no-install',
        'inception-explorer',
        'classify',
        noise,
        '--model',
        'inception-v4',
        '--weights',
        weights,
        '--json',
        '--top',
        '2',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const report = JSON.parse(stdout) as ClassifyReport;
    expect(report.results[0].top.map((p) => p.index)).toEqual(loadReference('inception_v4', 'noise').top5.slice(0, 2));
  }, 120_000);
});
