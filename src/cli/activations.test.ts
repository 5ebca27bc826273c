import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStats, STAT_TOLERANCE, type StageStats } from '../testing/parity.ts';
import { loadReference } from '../testing/fixtures.ts';
import type { ActivationsReport } from './activations.ts';
import { outputFileName } from './activations.ts';
import { cli, recipeWeights, scratch } from '../testing/cli/inside-run.ts';

const files = scratch('activations-cli-');
let irv2: string;
let v4: string;

beforeAll(async () => {
  [irv2, v4] = await Promise.all([recipeWeights('inception-resnet-v2'), recipeWeights('inception-v4')]);
}, 300_000);
afterAll(() => rmSync(files.dir, { recursive: true, force: true }));

describe('inception-explorer activations', () => {
  it("prints timm's statistics for nodes named as timm names them, and writes the outputs as float32 NHWC", async () => {
    const out = join(files.dir, 'out');
    const names = ['mixed_6a', 'repeat_1', 'conv2d_7b', 'global_pool', 'repeat_1.19.branch1.2'];
    const run = await cli(
      'activations',
      files.pattern,
      files.noise,
      '--model',
      'inception-resnet-v2',
      '--weights',
      irv2,
      '--backend',
      'wasm',
      ...names.flatMap((n) => ['--node', n]),
      '--json',
      '--out',
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as ActivationsReport;
    expect(Object.keys(report)).toEqual(['model', 'results']);
    expect(report.model).toBe('inception-resnet-v2');
    expect(report.results.map((r) => r.input)).toEqual([files.pattern, files.noise]);
    for (const [i, input] of (['pattern', 'noise'] as const).entries()) {
      const nodes = report.results[i].nodes;
      expect(nodes.map((n) => n.node)).toEqual([
        'reduction-a',
        'inception-resnet-b',
        'conv2d-7b-1x1',
        'head/0',
        'inception-resnet-b/19/0/0/1/2',
      ]);
      expect(Object.keys(nodes[0])).toEqual(['node', 'shape', 'mean', 'std', 'min', 'max', 'zeroFraction']);
      const reference = loadReference('inception_resnet_v2', input);
      const hooks = new Map(reference.stages.map((s) => [s.name, s]));
      const mismatches = names.slice(0, 4).flatMap((name, k) => {
        const n = nodes[k];
        const got: StageStats = {
          name,
          shape: [1, ...n.shape],
          mean: n.mean,
          std: n.std,
          min: n.min,
          max: n.max,
          first8: [],
        };
        return compareStats({ ...hooks.get(name)!, first8: [] }, got, STAT_TOLERANCE);
      });
      expect(mismatches).toEqual([]);
      for (const n of nodes) expect(n.zeroFraction).toBeGreaterThanOrEqual(0);
    }
    // One file per input and node, named by input, address and shape; its values give the printed statistics.
    expect(readdirSync(out)).toHaveLength(10);
    const node = report.results[0].nodes[4];
    expect(node.shape).toEqual([17, 17, 192]);
    const bytes = readFileSync(join(out, outputFileName(files.pattern, node.node, node.shape)));
    expect(outputFileName(files.pattern, node.node, node.shape)).toBe(
      'pattern.f32.inception-resnet-b.19.0.0.1.2.17x17x192.f32',
    );
    expect(bytes.length).toBe(4 * 17 * 17 * 192);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const values = Float64Array.from({ length: bytes.length / 4 }, (_, k) => view.getFloat32(4 * k, true));
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(node.mean, 4);
    expect(Math.max(...values)).toBe(node.max);
    expect(values.filter((v) => v === 0).length / values.length).toBeCloseTo(node.zeroFraction, 6);
  }, 300_000);

  it('applies --residual-scale: Inception-ResNet-C switched off changes what follows, not what precedes', async () => {
    const args = (...more: string[]) =>
      cli(
        'activations',
        files.pattern,
        '--model',
        'inception-resnet-v2',
        '--weights',
        irv2,
        '--node',
        'mixed_7a',
        '--node',
        'conv2d_7b',
        '--json',
        ...more,
      );
    const off = JSON.parse((await args('--residual-scale', 'inception-resnet-c=0')).stdout) as ActivationsReport;
    const reference = new Map(loadReference('inception_resnet_v2', 'pattern').stages.map((s) => [s.name, s]));
    const [mixed7a, conv7b] = off.results[0].nodes;
    expect(mixed7a.mean).toBeCloseTo(reference.get('mixed_7a')!.mean, 4);
    expect(Math.abs(conv7b.mean - reference.get('conv2d_7b')!.mean)).toBeGreaterThan(1e-2);
  }, 300_000);

  it('prints a table, naming the nodes as given', async () => {
    const run = await cli(
      'activations',
      files.pattern,
      '--model',
      'inception-v4',
      '--weights',
      v4,
      '--node',
      'features.9',
      '--node',
      'head/0',
    );
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('Inception-v4');
    expect(lines[2]).toBe(files.pattern);
    expect(lines[3]).toMatch(/^node +shape +mean +std +min +max +zeros$/);
    expect(lines[5]).toMatch(/^inception-a\/3 \(features\.9\) +35×35×384 +\S+ +\S+ +0\.0000 +\S+ +\d+\.\d%$/);
    expect(lines[6]).toMatch(/^head\/0 +1536 /);
  }, 300_000);

  it.each([
    [['--model', 'inception-v4', '--weights', 'w'], 'give at least one --node'],
    [
      ['--model', 'inception-v4', '--weights', 'w', '--node', 'features.99'],
      '--node: no node of Inception-v4 is called "features.99"; closest: features.9, ',
    ],
    [
      ['--model', 'inception-resnet-v2', '--weights', 'w', '--node', 'mixed_6b'],
      'closest: mixed_5b, mixed_6a, mixed_7a',
    ],
    [
      ['--model', 'inception-v4', '--weights', 'w', '--node', 'stem', '--residual-scale', 'inception-resnet-b=0'],
      '--residual-scale: unknown residual group "inception-resnet-b"; this network has no residual blocks',
    ],
    [
      ['--model', 'inception-resnet-v2', '--weights', 'w', '--node', 'stem', '--residual-scale', 'b=0'],
      'valid groups: inception-resnet-a (released 0.17), inception-resnet-b (released 0.1), inception-resnet-c (released 0.2), inception-resnet-c-final (released 1)',
    ],
    [
      ['--model', 'inception-resnet-v2', '--weights', 'w', '--node', 'stem', '--residual-scale', 'inception-resnet-b'],
      '--residual-scale takes GROUP=SCALE pairs separated by commas (e.g. inception-resnet-b=0), got "inception-resnet-b"',
    ],
    [
      [
        '--model',
        'inception-resnet-v2',
        '--weights',
        'w',
        '--node',
        'stem',
        '--residual-scale',
        'inception-resnet-b=-1',
      ],
      'the residual scale of inception-resnet-b must be a number from 0 to 1 (0 switches its residual branches off), got -1',
    ],
    ...['1e9', '1e300', 'NaN', 'Infinity', '0x'].map((bad) => [
      [
        '--model',
        'inception-resnet-v2',
        '--weights',
        'w',
        '--node',
        'stem',
        '--residual-scale',
        `inception-resnet-a=0.3,inception-resnet-b=${bad}`,
      ],
      `--residual-scale: the residual scale of inception-resnet-b must be a number from 0 to 1 (0 switches its residual branches off), got ${Number(bad)}`,
    ]),
    [
      ['--model', 'inception-resnet-v2', '--weights', 'w', '--node', 'stem', '--residual-scale', '__proto__=1'],
      '--residual-scale: unknown residual group "__proto__"; valid groups: inception-resnet-a',
    ],
    [
      [
        '--model',
        'inception-resnet-v2',
        '--weights',
        'w',
        '--node',
        'stem',
        '--residual-scale',
        'constructor=1,inception-resnet-c=2',
      ],
      'unknown residual group "constructor"; valid groups: inception-resnet-a (released 0.17), inception-resnet-b (released 0.1), inception-resnet-c (released 0.2), inception-resnet-c-final (released 1); the residual scale of inception-resnet-c must be a number from 0 to 1',
    ],
  ] as Array<[string[], string]>)('rejects %j with exit 2 and what to give instead', async (args, message) => {
    const run = await cli('activations', files.noise, ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});
