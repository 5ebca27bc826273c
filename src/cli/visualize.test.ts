import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, recipeWeights, scratch } from '../testing/cli/inside-run.ts';
import type { VisualizeReport } from './visualize.ts';

const files = scratch('visualize-cli-');
let v4: string;

beforeAll(async () => {
  v4 = await recipeWeights('inception-v4');
}, 300_000);
afterAll(() => rmSync(files.dir, { recursive: true, force: true }));

/** The mean of channel `c` of the node's output that `activations --out` wrote for `image`. */
async function channelMean(image: string, node: string, c: number): Promise<number> {
  const out = join(files.dir, `${image.replaceAll('/', '_')}-out`);
  const run = await cli(
    'activations',
    image,
    '--model',
    'inception-v4',
    '--weights',
    v4,
    '--node',
    node,
    '--out',
    out,
    '--backend',
    'wasm',
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const [file] = readdirSync(out);
  const [h, w, channels] = file.split('.').at(-2)!.split('x').map(Number);
  const bytes = readFileSync(join(out, file));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sum = 0;
  for (let i = 0; i < h * w; i++) sum += view.getFloat32((i * channels + c) * 4, true);
  return sum / (h * w);
}

describe('inception-explorer visualize', () => {
  it("writes a PNG at the input size whose channel activation (read back by `activations`) beats a grey image's", async () => {
    const out = join(files.dir, 'channel.png');
    const run = await cli(
      'visualize',
      '--model',
      'inception-v4',
      '--weights',
      v4,
      '--node',
      'mixed_3a',
      '--channel',
      '5',
      '--steps',
      '4',
      '--seed',
      '3',
      '--backend',
      'wasm',
      '--out',
      out,
      '--json',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as VisualizeReport;
    expect(report).toMatchObject({
      model: 'inception-v4',
      target: { node: 'stem/3', channel: 5 },
      steps: 4,
      seed: 3,
      backend: 'wasm',
      out,
    });
    expect(report.activations).toHaveLength(4);
    expect(report.final).toBeGreaterThan(report.activations[0]);
    expect(report.secondsPerStep).toBeGreaterThan(0);
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 299, 299, 3]);

    const grey = join(files.dir, 'grey.png');
    await sharp({ create: { width: 299, height: 299, channels: 3, background: { r: 128, g: 128, b: 128 } } })
      .png()
      .toFile(grey);
    const onImage = await channelMean(out, 'mixed_3a', 5);
    const onGrey = await channelMean(grey, 'mixed_3a', 5);
    expect(onImage).toBeGreaterThan(onGrey + 0.05);
  }, 600_000);

  it('says what is wrong with its arguments', async () => {
    const base = ['visualize', '--model', 'inception-v4', '--weights', 'w.safetensors'];
    const cases: [string[], string][] = [
      [['--node', 'mixed_3a', '--channel', '5'], '--out <image.png> is required'],
      [['--node', 'mixed_3a', '--channel', '5', '--out', 'x.jpg'], '--out x.jpg: the file name must end in .png'],
      [['--node', 'mixed_3a', '--out', 'x.png'], 'give --node and --channel (or --class)'],
      [
        ['--class', '3', '--node', 'mixed_3a', '--channel', '1', '--out', 'x.png'],
        'give either --class or --node and --channel, not both',
      ],
      [['--class', '1000', '--out', 'x.png'], '--class must be a whole number from 0 to 999, got "1000"'],
      [['--node', 'nowhere', '--channel', '1', '--out', 'x.png'], '--node: '],
      [
        ['--node', 'mixed_3a', '--channel', '1', '--steps', '0', '--out', 'x.png'],
        '--steps must be a whole number from 1 to 2048, got "0"',
      ],
      [['--node', 'mixed_3a', '--channel', 'x', '--out', 'x.png'], '--channel must be a whole number'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(...base, ...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it('names the channels a node has when the channel is beyond them', async () => {
    const run = await cli(
      'visualize',
      '--model',
      'inception-v4',
      '--weights',
      v4,
      '--node',
      'mixed_3a',
      '--channel',
      '160',
      '--out',
      join(files.dir, 'none.png'),
      '--backend',
      'wasm',
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('inception-explorer visualize: stem/3 has channels 0–159; there is no channel 160\n');
  }, 300_000);
});
