import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inceptionResNetV2Released } from '../model/networks/inception-resnet-v2.ts';
import { LOGIT_TOLERANCE } from '../testing/parity.ts';
import { maxAbsDifference } from '../runtime/executor/reference-ops.ts';
import { recipeSource } from '../testing/tiny-network.ts';
import { IMAGENET_LABELS } from '../runtime/labels.ts';
import { loadReference } from '../testing/fixtures.ts';
import { formatMap, type CamReport } from './cam.ts';
import { cli, recipeWeights, scratch } from '../testing/cli/inside-run.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const files = scratch('cam-cli-');
let irv2: string;
let v4: string;

beforeAll(async () => {
  [irv2, v4] = await Promise.all([recipeWeights('inception-resnet-v2'), recipeWeights('inception-v4')]);
}, 300_000);
afterAll(() => rmSync(files.dir, { recursive: true, force: true }));

const mean = (grid: number[][]) => grid.flat().reduce((a, b) => a + b, 0) / grid.flat().length;

describe('inception-explorer cam', () => {
  let cam: CamReport;

  it("prints raw 8×8 class activation maps of the top classes: mean + bias = timm's logit", async () => {
    const run = await cli(
      'cam',
      files.pattern,
      '--model',
      'inception-resnet-v2',
      '--weights',
      irv2,
      '--top',
      '2',
      '--json',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    cam = JSON.parse(run.stdout) as CamReport;
    expect(Object.keys(cam)).toEqual(['model', 'results']);
    expect(cam.results[0].input).toBe(files.pattern);
    const reference = loadReference('inception_resnet_v2', 'pattern');
    const bias = recipeSource(inceptionResNetV2Released).get('classif.bias')!.data;
    const maps = cam.results[0].maps;
    expect(maps.map((m) => m.class)).toEqual(reference.top5.slice(0, 2));
    for (const m of maps) {
      expect(Object.keys(m)).toEqual(['class', 'label', 'node', 'grid']);
      expect(m).toMatchObject({ label: IMAGENET_LABELS[m.class], node: 'conv2d-7b-1x1' });
      expect(m.grid).toHaveLength(8);
      expect(m.grid.every((row) => row.length === 8)).toBe(true);
      expect(Math.abs(mean(m.grid) + bias[m.class] - reference.logits[m.class])).toBeLessThanOrEqual(LOGIT_TOLERANCE);
    }
  }, 300_000);

  it('Grad-CAM at Conv2d_7b (--node conv2d_7b) is ReLU(CAM) / 64', async () => {
    const top = cam.results[0].maps[0];
    const run = await cli(
      'cam',
      files.pattern,
      '--model',
      'inception-resnet-v2',
      '--weights',
      irv2,
      '--class',
      String(top.class),
      '--node',
      'conv2d_7b',
      '--json',
    );
    expect(run.status).toBe(0);
    const [grad] = (JSON.parse(run.stdout) as CamReport).results[0].maps;
    expect(grad).toMatchObject({ class: top.class, node: 'conv2d-7b-1x1' });
    const expected = top.grid.flat().map((v) => Math.max(0, v) / 64);
    expect(maxAbsDifference(grad.grid.flat(), expected)).toBeLessThan(1e-5 * Math.max(1, ...expected));
  }, 300_000);

  it('prints the maps as numbers, and runs Grad-CAM from `npx` in plain Node', async () => {
    const text = await cli('cam', files.pattern, '--model', 'inception-v4', '--weights', v4, '--class', '3');
    expect(text.status).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toBe('Inception-v4');
    expect(lines[3]).toMatch(
      /^ {2}3 tiger shark, Galeocerdo cuvieri: CAM on inception-c \(logit -?\d+\.\d{3} = mean -?\d+\.\d{3} \+ bias -?\d+\.\d{3}\), 8×8$/,
    );
    const grid = lines.slice(4, 12).map((l) => l.trim().split(/\s+/).map(Number));
    expect(grid.every((row) => row.length === 8 && row.every(Number.isFinite))).toBe(true);

    // Plain Node has no bundler to load tfjs-core's gradient modules: the CLI registers them itself.
    const { stdout, stderr } = await promisify(execFile)(
      'npx',
      [
        '--no-install',
        'inception-explorer',
        'cam',
        files.pattern,
        '--model',
        'inception-v4',
        '--weights',
        v4,
        '--class',
        '3',
        '--node',
        'features.21',
        '--json',
        '--backend',
        'wasm',
      ],
      { cwd: ROOT, maxBuffer: 1 << 22 },
    );
    expect(stderr).toBe('');
    const [grad] = (JSON.parse(stdout) as CamReport).results[0].maps;
    expect(grad.node).toBe('inception-c/2');
    const expected = grid.flat().map((v) => Math.max(0, v) / 64);
    expect(maxAbsDifference(grad.grid.flat(), expected)).toBeLessThan(1e-3 / 64 + 1e-6);
    expect(Math.max(...grad.grid.flat())).toBeGreaterThan(0);
  }, 300_000);

  it.each([
    [['--class', '3', '--top', '2'], 'give either --class or --top, not both'],
    [['--class', '1000'], '--class must be an integer from 0 to 999 (a class index, e.g. --class 207), got "1000"'],
    [['--class', ''], '--class must be an integer from 0 to 999 (a class index, e.g. --class 207), got an empty value'],
    [['--class', '3,'], 'got an empty value'],
    [['--class', '1e2'], 'got "1e2"'],
    [
      ['--node', `mixed_${'x'.repeat(20_000)}`],
      `--node: no node of Inception-v4 is called "mixed_${'x'.repeat(54)}… (20006 characters)"; give an address`,
    ],
    [['--top', '0'], '--top must be an integer from 1 to 1000, got "0"'],
    [['--node', 'head/2'], '--node: Grad-CAM needs a node with an h×w×c output; head/2 (head/2) outputs 1000'],
    [['--node', 'global_pool'], 'global_pool (head/0) outputs 1536'],
    [['--node', 'features.22'], '--node: no node of Inception-v4 is called "features.22"; closest: features.2, '],
  ])('rejects %j with exit 2', async (args, message) => {
    const run = await cli('cam', files.noise, '--model', 'inception-v4', '--weights', 'w.safetensors', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.length).toBeLessThan(1000);
  });
});

describe('formatMap', () => {
  it('prints small maps as numbers and wide ones shaded from minimum to maximum', () => {
    expect(formatMap({ map: { width: 2, height: 1, data: Float32Array.of(-1.5, 2) } })).toEqual(['  -1.500   2.000']);
    const wide = formatMap({ map: { width: 20, height: 2, data: Float32Array.from({ length: 40 }, (_, i) => i) } });
    expect(wide).toHaveLength(2);
    expect(wide[0][0]).toBe(' ');
    expect(wide[1][19]).toBe('█');
    expect(wide[0]).toHaveLength(20);
  });
});
