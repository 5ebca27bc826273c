import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { inceptionResNetV2Released } from '../model/networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../model/networks/inception-v4.ts';
import { softmax } from '../runtime/classifier.ts';
import { meanProbabilities } from '../runtime/evaluation/predict.ts';
import { topIndices } from '../runtime/top-k.ts';
import { wnidOfClass } from '../runtime/evaluation/synsets.ts';
import { wilsonInterval } from '../runtime/evaluation/metrics.ts';
import { pca2d } from '../runtime/evaluation/pca.ts';
import { recipeFileParts } from '../runtime/weights/recipe-checkpoint.ts';
import { writeSafetensorsFile } from '../runtime/weights/safetensors-file.node.ts';
import { captureIo } from '../testing/cli/capture-io.ts';
import type { ClassifyReport } from './classify.ts';
import type { EvaluateReport } from './evaluate-report.ts';
import { main } from './main.ts';
import { expectCalibration } from '../testing/cli/evaluate-calibration.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(ROOT, 'fixtures/preprocess', name);
const tmp = mkdtempSync(join(tmpdir(), 'evaluate-cli-'));
const v4Weights = join(tmp, 'inception_v4.safetensors');
const irv2Weights = join(tmp, 'inception_resnet_v2.safetensors');
const set = join(tmp, 'val');
const PHOTOS = ['photo-420.jpg', 'square-341.png', 'landscape-640x427.png'];

async function run(...args: string[]) {
  const io = captureIo();
  const status = await main(args, io);
  return { status, ...io };
}

/** The released network's logits for each photo, from `classify --logits` (the single-crop path). */
async function logits(model: string, weights: string): Promise<number[][]> {
  const out = await run(
    'classify',
    ...PHOTOS.map(fixture),
    '--model',
    model,
    '--weights',
    weights,
    '--json',
    '--logits',
  );
  expect(out.stderr).toBe('');
  return (JSON.parse(out.stdout) as ClassifyReport).results.map((r) => r.logits!);
}

let v4Probabilities: Float32Array[];
let v4Top5: number[][];
beforeAll(async () => {
  for (const [network, path] of [
    [inceptionV4Released, v4Weights],
    [inceptionResNetV2Released, irv2Weights],
  ] as const) {
    const { specs, produce } = recipeFileParts(analyzeNetwork(network));
    await writeSafetensorsFile(path, specs, produce);
  }
  v4Probabilities = (await logits('inception-v4', v4Weights)).map((l) => softmax(l));
  v4Top5 = v4Probabilities.map((p) => topIndices(p, 5));
  // A labelled folder whose answers are known: photo 1 sits in the folder of Inception-v4's top-1 class
  // (right), photo 2 in that of its 3rd (top-5 right, top-1 wrong), photo 3 in a class outside its top-5.
  const outside = [...Array(1000).keys()].find((c) => !v4Top5[2].includes(c))!;
  const labels = [v4Top5[0][0], v4Top5[1][2], outside];
  PHOTOS.forEach((photo, i) => {
    const folder = join(set, wnidOfClass(labels[i]));
    mkdirSync(folder, { recursive: true });
    // Validation image numbers 1, 3 and 4: number 2 is the unreadable one.
    copyFileSync(
      fixture(photo),
      join(folder, `ILSVRC2012_val_0000000${[1, 3, 4][i]}${photo.slice(photo.lastIndexOf('.'))}`),
    );
  });
  // An unreadable image in the middle of the set, a folder with a wrong WordNet ID, and a stray file.
  copyFileSync(fixture('truncated.jpg'), join(set, wnidOfClass(labels[0]), 'ILSVRC2012_val_00000002.JPEG'));
  mkdirSync(join(set, 'n99999999'));
  copyFileSync(fixture('photo-444.jpg'), join(set, 'n99999999', 'photo.jpg'));
  writeFileSync(join(set, 'README.txt'), 'not an image');
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('inception-explorer evaluate', () => {
  it('prints one JSON object with the error rates, skipping the unreadable image and leaving out the wrong WordNet ID', async () => {
    const progress: string[] = [];
    const io = captureIo();
    io.progress = (line) => void progress.push(line ?? '<clear>');
    const status = await main(
      ['evaluate', set, '--model', 'inception-v4', '--weights', v4Weights, '--json', '--backend', 'wasm'],
      io,
    );
    expect(io.stderr).toBe('');
    expect(status).toBe(0);
    expect(io.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(io.stdout) as EvaluateReport;
    expect(Object.keys(report)).toEqual([
      'model',
      'crops',
      'weights',
      'images',
      'top1Error',
      'top5Error',
      'ci95',
      'ece',
      'reliability',
      'confusion',
      'modes',
      'skipped',
      'unlabelled',
    ]);
    expect(report).toMatchObject({ model: 'inception-v4', crops: 1, images: 3 });
    expect(report.top1Error).toBeCloseTo(2 / 3, 12);
    expect(report.top5Error).toBeCloseTo(1 / 3, 12);
    expect(report.ci95).toEqual({ top1: wilsonInterval(2, 3), top5: wilsonInterval(1, 3) });
    expect(report.skipped).toEqual([
      {
        path: `${wnidOfClass(v4Top5[0][0])}/ILSVRC2012_val_00000002.JPEG`,
        reason: expect.stringMatching(/^the JPEG data is truncated or corrupt/),
      },
    ]);
    expect(report.unlabelled).toEqual([
      { reason: expect.stringContaining('folder "n99999999" is not one of the 1000 ImageNet-1k classes'), count: 1 },
    ]);
    expectCalibration(report, v4Probabilities, v4Top5);
    // A progress bar while running, cleared at the end.
    expect(progress.at(-1)).toBe('<clear>');
    expect(progress).toContain(
      '[████████████████████████] 4/4 images · ' +
        progress
          .find((l) => l.includes('4/4'))!
          .split(' · ')
          .slice(1)
          .join(' · '),
    );
    expect(progress.some((l) => /^\[█*░+\] [123]\/4 images/.test(l))).toBe(true);
  }, 300_000);

  it("adds the feature map with --features-map: the pooled features' principal components, as from `activations`", async () => {
    const out = await run(
      'evaluate',
      set,
      '--model',
      'inception-v4',
      '--weights',
      v4Weights,
      '--json',
      '--features-map',
    );
    expect(out.stderr).toBe('');
    const map = (JSON.parse(out.stdout) as EvaluateReport).featureMap!;
    expect(map).toMatchObject({ network: 'inception-v4', limit: 5000 });
    // One point per evaluated image (the unreadable one has none), with its true and predicted class.
    const photoOf = (path: string) => [1, 3, 4].indexOf(Number(/val_0+(\d+)/.exec(path)![1]));
    expect(map.points.map((p) => photoOf(p.path)).sort()).toEqual([0, 1, 2]);
    for (const p of map.points) expect(p.predicted).toBe(v4Top5[photoOf(p.path)][0]);
    // The reference: the global pool's outputs as `activations --out` writes them, through pca2d.
    const dumps = join(tmp, 'pooled');
    const dumped = await run(
      'activations',
      ...PHOTOS.map(fixture),
      '--model',
      'inception-v4',
      '--weights',
      v4Weights,
      '--node',
      'global_pool',
      '--out',
      dumps,
    );
    expect(dumped.status, dumped.stderr).toBe(0);
    const files = readdirSync(dumps);
    const rows = PHOTOS.map((photo) => {
      const bytes = readFileSync(
        join(
          dumps,
          files.find((f) => f.startsWith(`${photo}.`))!,
        ),
      );
      return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    });
    expect(rows[0]).toHaveLength(1536);
    const ordered = [...map.points].sort((a, b) => a.path.localeCompare(b.path));
    const reference = pca2d(ordered.map((p) => rows[photoOf(p.path)]));
    ordered.forEach((p, i) => {
      expect(p.x).toBeCloseTo(reference.coordinates[2 * i], 4);
      expect(p.y).toBeCloseTo(reference.coordinates[2 * i + 1], 4);
    });
    expect(map.explained[0]).toBeCloseTo(reference.explained[0], 6);
    expect(map.explained[0] + map.explained[1]).toBeCloseTo(1, 6); // three points span a plane
    const text = await run('evaluate', set, '--model', 'inception-v4', '--weights', v4Weights, '--features-map');
    expect(text.status).toBe(2);
    expect(text.stderr).toContain('--features-map adds the feature map to the JSON report: add --json');
  }, 300_000);

  it("counts ReaL top-1 against any acceptable class, and prints a table beside the paper's numbers", async () => {
    const real = join(tmp, 'real.json');
    // Photo 1 (val 1) accepts its label; photo 2 (val 3) accepts Inception-v4's top-1 too; photo 3 (val 4) is left out.
    const labels: number[][] = Array.from({ length: 50_000 }, () => [1]);
    labels[0] = [v4Top5[0][0]];
    labels[2] = [v4Top5[1][2], v4Top5[1][0]];
    labels[3] = [];
    writeFileSync(real, JSON.stringify(labels));
    const json = await run(
      'evaluate',
      set,
      '--model',
      'inception-v4',
      '--weights',
      v4Weights,
      '--real',
      real,
      '--json',
    );
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as EvaluateReport;
    expect(report.real).toEqual({ images: 2, top1Error: 0, ci95: wilsonInterval(0, 2), leftOut: 1, notValidation: 0 });

    const text = await run('evaluate', set, '--model', 'inception-v4', '--weights', v4Weights, '--real', real);
    expect(text.status).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(
      `Inception-v4 on WebAssembly (SIMD, single thread), 1 crop: 4 image(s) of 3 class(es) in ${set} (one folder per class)`,
    );
    expect(lines.find((l) => l.startsWith('Inception-v4, 1 crop'))).toMatch(
      /^Inception-v4, 1 crop +3 +66\.7 % \(95 % CI 20\.8–93\.9 %\) +33\.3 % \(95 % CI 6\.1–79\.2 %\) +0\.0 % \(95 % CI 0\.0–65\.8 %\) +20\.0 % \/ 5\.0 % \(Table 2\)$/,
    );
    expect(text.stdout).toContain(
      `Skipped 1 unreadable image(s):\n  ${wnidOfClass(v4Top5[0][0])}/ILSVRC2012_val_00000002.JPEG: the JPEG data is truncated or corrupt`,
    );
    expect(text.stdout).toContain('Left out 1 image(s): folder "n99999999"');
    const ece = (JSON.parse(json.stdout) as EvaluateReport).ece;
    expect(text.stdout).toContain(
      'Expected calibration error (ECE, 15 equal-width bins of the top-1 probability): ' +
        `Inception-v4, 1 crop ${(ece * 100).toFixed(1)} %\nMost frequent confusions (Inception-v4, 1 crop): `,
    );
  }, 300_000);

  it("averages 12 crops, and also reports the first crop alone (today's 1-crop result)", async () => {
    const text = await run(
      'evaluate',
      set,
      '--model',
      'inception-v4',
      '--weights',
      v4Weights,
      '--crops',
      '12',
      '--limit',
      '1',
    );
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      'Inception-v4 on WebAssembly (SIMD, single thread), 12 crops: 1 image(s) (the first 1 of 4)',
    );
    // Photo 1 sits in the folder of its 1-crop top-1 class.
    expect(text.stdout).toMatch(/Inception-v4, 1 crop +1 +0\.0 % .*20\.0 % \/ 5\.0 % \(Table 2\)/);
    expect(text.stdout).toMatch(/Inception-v4, 12 crops +1 +\d+\.\d % .*18\.7 % \/ 4\.2 % \(Table 3\)/);
    expect(text.stdout).toMatch(
      /\(ECE, 15 equal-width bins of the top-1 probability\): Inception-v4, 1 crop \d+\.\d %; Inception-v4, 12 crops \d+\.\d %\n/,
    );
  }, 600_000);

  it("evaluates the ensemble: both networks' probabilities averaged", async () => {
    const irv2 = (await logits('inception-resnet-v2', irv2Weights)).map((l) => softmax(l));
    const ensembleTop5 = v4Probabilities.map((p, i) => topIndices(meanProbabilities([p, irv2[i]]), 5));
    const labels = [v4Top5[0][0], v4Top5[1][2], [...Array(1000).keys()].find((c) => !v4Top5[2].includes(c))!];
    const errors1 = labels.filter((label, i) => ensembleTop5[i][0] !== label).length;
    const errors5 = labels.filter((label, i) => !ensembleTop5[i].includes(label)).length;
    const out = await run('evaluate', set, '--ensemble', '--weights', irv2Weights, '--weights', v4Weights, '--json');
    expect(out.stderr).toBe('');
    const report = JSON.parse(out.stdout) as EvaluateReport;
    expect(report).toMatchObject({ model: 'ensemble', crops: 1, images: 3 });
    expect(report.top1Error).toBeCloseTo(errors1 / 3, 12);
    expect(report.top5Error).toBeCloseTo(errors5 / 3, 12);
    // Each network and the ensemble carry their own calibration and confusion.
    expect(report.modes.map((m) => m.key)).toEqual(['inception-v4/1', 'inception-resnet-v2/1', 'ensemble/1']);
    expect(report.modes[2].ece).toBe(report.ece);
    expect(report.modes.map((m) => m.confusion.top.reduce((n, p) => n + p.count, 0))).toEqual([
      2,
      labels.filter((label, i) => topIndices(irv2[i], 1)[0] !== label).length,
      errors1,
    ]);
  }, 600_000);

  it.each([
    [[], 2, 'expected the folder of labelled images'],
    [['SET'], 2, 'give either --model or --ensemble'],
    [['SET', '--model', 'inception-v4', '--ensemble'], 2, 'give either --model or --ensemble'],
    [
      ['SET', '--model', 'alexnet', '--weights', 'w'],
      2,
      'unknown model "alexnet"; valid models: inception-v4, inception-resnet-v2 (or --ensemble)',
    ],
    [['SET', '--model', 'inception-v4'], 2, '--model inception-v4 needs one --weights file'],
    [['SET', '--ensemble', '--weights', 'w'], 2, '--ensemble needs two --weights files, one of each network'],
    [
      ['SET', '--model', 'inception-v4', '--weights', 'w', '--crops', '10'],
      2,
      '--crops must be 1, 12 or 144, got "10"',
    ],
    [
      ['SET', '--model', 'inception-v4', '--weights', 'w', '--limit', '0'],
      2,
      '--limit must be a positive whole number, got "0"',
    ],
    [['/nonexistent/folder', '--model', 'inception-v4', '--weights', 'w'], 1, '/nonexistent/folder: no such directory'],
  ])('rejects %j with exit %i', async (args, status, message) => {
    const out = await run('evaluate', ...args.map((a) => (a === 'SET' ? set : a)));
    expect(out.status).toBe(status);
    expect(out.stderr).toContain(message);
    expect(out.stdout).toBe('');
  });

  it('names a folder that is not a labelled set, bad ReaL labels and weights of the wrong network', async () => {
    const holiday = join(tmp, 'holiday');
    mkdirSync(holiday);
    copyFileSync(fixture('photo-420.jpg'), join(holiday, 'beach.jpg'));
    const bad = join(tmp, 'bad-real.json');
    writeFileSync(bad, '[[1], [2]]');
    const cases: Array<[string[], RegExp]> = [
      [
        [holiday, '--model', 'inception-v4', '--weights', v4Weights],
        /holiday: none of the 1 image\(s\) could be labelled .*lay the folder out one subfolder per class named by WordNet ID/,
      ],
      [
        [set, '--model', 'inception-v4', '--weights', v4Weights, '--real', bad],
        /--real .*bad-real\.json: expected 50000 entries/,
      ],
      [[set, '--model', 'inception-resnet-v2', '--weights', v4Weights], /inception_v4\.safetensors.*inception_v4/],
      [
        [set, '--ensemble', '--weights', v4Weights, '--weights', v4Weights],
        /a second weights file of Inception-v4; --ensemble needs one file of each network/,
      ],
    ];
    for (const [args, message] of cases) {
      const out = await run('evaluate', ...args);
      expect(out.status, args.join(' ')).toBe(1);
      expect(out.stderr).toMatch(message);
    }
  }, 300_000);

  it('follows symbolic links to class folders and to images (issue 16, item 9)', async () => {
    const linked = join(tmp, 'linked');
    mkdirSync(linked);
    for (const folder of readdirSync(set).filter((f) => /^n0/.test(f)))
      symlinkSync(join(set, folder), join(linked, folder));
    const out = await run(
      'evaluate',
      linked,
      '--model',
      'inception-v4',
      '--weights',
      v4Weights,
      '--json',
      '--limit',
      '1',
    );
    expect(out.status, out.stderr).toBe(0);
    expect((JSON.parse(out.stdout) as EvaluateReport).images).toBe(1);
  }, 300_000);

  it('runs as `npx inception-explorer evaluate`, printing only the JSON on stdout', () => {
    const stdout = execFileSync(
      'npx',
      [
        '--no-install',
        'inception-explorer',
        'evaluate',
        set,
        '--model',
        'inception-v4',
        '--weights',
        v4Weights,
        '--json',
        '--limit',
        '1',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({ model: 'inception-v4', crops: 1, images: 1 });
  }, 300_000);
});
