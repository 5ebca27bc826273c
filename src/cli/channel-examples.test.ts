import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { cellGrids, receptiveBox } from '../model/analysis/receptive-box.ts';
import { NETWORKS } from '../model/networks/index.ts';
import { loadImageForModel } from '../runtime/preprocess/decode.node.ts';
import { captureIo } from '../testing/cli/capture-io.ts';
import { cli, recipeWeights, scratch } from '../testing/cli/inside-run.ts';
import type { ChannelExamplesReport } from './channel-examples.ts';
import { lookInsideEach } from './inside-run.ts';
import { loadInput } from './network-args.ts';

const files = scratch('channel-examples-cli-');
const photos = join(files.dir, 'photos');
const network = NETWORKS['inception-v4'].released!;
// features.3 (the stem's first mixed block): 73×73×160, early enough for a brute force over its whole output.
const NODE = 'stem/3';
let weights: string;

beforeAll(async () => {
  weights = await recipeWeights('inception-v4');
  mkdirSync(photos);
  for (const name of ['gray-400x300.png', 'landscape-640x427.png'])
    copyFileSync(join('fixtures/preprocess', name), join(photos, name));
}, 300_000);
afterAll(() => rmSync(files.dir, { recursive: true, force: true }));

/**
 * Brute force: every input's whole output at the node; per channel its maximum and first cell, then sorted by value
 * (then input).
 */
async function bruteForce(inputs: readonly string[], k: number) {
  const { results } = await lookInsideEach(
    {
      network,
      weights,
      backend: 'wasm',
      io: captureIo(),
      inputs: await Promise.all(inputs.map(async (name) => ({ name, values: await loadInput(name, network) }))),
    },
    (cache) => cache.output(NODE),
  );
  const [h, w, c] = results[0].shape;
  return Array.from({ length: c }, (_, channel) =>
    results
      .map(({ data }, image) => {
        let best = 0;
        for (let i = 1; i < h * w; i++) if (data[i * c + channel] > data[best * c + channel]) best = i;
        return { input: inputs[image], value: data[best * c + channel], y: Math.floor(best / w), x: best % w };
      })
      .sort((a, b) => b.value - a.value || inputs.indexOf(a.input) - inputs.indexOf(b.input))
      .slice(0, k),
  );
}

describe('inception-explorer channel-examples', () => {
  it("finds the brute force's top images per channel with the same values, cells and receptive boxes, and writes the crops", async () => {
    const out = join(files.dir, 'crops');
    const run = await cli(
      'channel-examples',
      files.noise,
      photos,
      files.pattern,
      '--model',
      'inception-v4',
      '--weights',
      weights,
      '--node',
      'features.3',
      '--top',
      '3',
      '--backend',
      'wasm',
      '--json',
      '--out-dir',
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as ChannelExamplesReport;
    const inputs = [
      files.noise,
      join(photos, 'gray-400x300.png'),
      join(photos, 'landscape-640x427.png'),
      files.pattern,
    ];
    expect({ ...report, channels: undefined }).toEqual({
      model: 'inception-v4',
      node: NODE,
      shape: [73, 73, 160],
      top: 3,
      inputs,
      channels: undefined,
    });
    expect(report.channels).toHaveLength(160);

    const expected = await bruteForce(inputs, 3);
    const analysis = analyzeNetwork(network);
    const grids = cellGrids(analysis);
    expect(report.channels.map((c) => c.examples.map(({ box: _box, ...rest }) => rest))).toEqual(expected);
    for (const { examples } of report.channels)
      for (const e of examples) expect(e.box).toEqual(receptiveBox(analysis, grids, NODE, e.y, e.x));
    // The inputs do differ: not every channel's best is the same input.
    expect(new Set(report.channels.map((c) => c.examples[0].input)).size).toBeGreaterThan(1);

    // A crop is its box of the image's input view, pixel for pixel; .f32 inputs have none.
    const photoExamples = report.channels
      .flatMap((c) => c.examples.map((e, rank) => ({ ...e, channel: c.channel, rank })))
      .filter((e) => e.input.endsWith('.png'));
    expect(readdirSync(out).length).toBe(new Set(photoExamples.map((e) => e.channel)).size);
    const e = photoExamples[0];
    const view = (await loadImageForModel(e.input, network.checkpoint!.preprocessing)).crop;
    const png = await sharp(
      join(
        out,
        `channel-${e.channel}`,
        `${e.rank + 1}-${e.input
          .split('/')
          .pop()!
          .replace(/\.png$/, '')}.png`,
      ),
    )
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([png.info.height, png.info.width]).toEqual([e.box.height, e.box.width]);
    expect(png.info.width).toBe(analysis.byAddress.get(NODE)!.receptiveField.size[1]);
    for (const [dy, dx] of [
      [0, 0],
      [e.box.height - 1, e.box.width - 1],
      [3, 5],
    ]) {
      const at = ((e.box.y + dy) * view.width + e.box.x + dx) * 3;
      expect([...png.data.subarray((dy * e.box.width + dx) * 3, (dy * e.box.width + dx) * 3 + 3)]).toEqual([
        ...view.data.subarray(at, at + 3),
      ]);
    }
  }, 300_000);

  it("prints one channel's table with --channel", async () => {
    const run = await cli(
      'channel-examples',
      files.pattern,
      files.noise,
      '--model',
      'inception-v4',
      '--weights',
      weights,
      '--node',
      'stem/0',
      '--top',
      '2',
      '--channel',
      '7',
      '--backend',
      'wasm',
    );
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'Inception-v4, stem/0 (149×149×32): the top 2 of 2 input(s) per channel by maximum activation',
    );
    expect(lines[2]).toBe('channel 7');
    expect(lines[3]).toMatch(/^rank +value +input +cell \(y, x\) +box \(y, x, h×w\)$/);
    expect(lines.slice(5)).toHaveLength(2);
    expect(lines[5]).toMatch(/^1 +\S+ +\S+\.f32 +\d+, \d+ +\d+, \d+, 3×3$/);
  }, 300_000);

  it.each([
    [['--model', 'inception-v4', '--weights', 'w'], 'give the --node whose channels to index'],
    [
      ['--model', 'inception-v4', '--weights', 'w', '--node', 'head/0'],
      'channel examples need a node with an h×w×c output; head/0 outputs 1536',
    ],
    [
      ['--model', 'inception-v4', '--weights', 'w', '--node', 'stem/0', '--top', '0'],
      '--top must be a whole number ≥ 1, got "0"',
    ],
    [
      ['--model', 'inception-v4', '--weights', 'w', '--node', 'stem/0', '--channel', '32'],
      '--channel 32: stem/0 has channels 0–31',
    ],
    [
      ['--model', 'inception-v4', '--weights', 'w', '--node', 'features.99'],
      '--node: no node of Inception-v4 is called "features.99"',
    ],
  ] as Array<[string[], string]>)('rejects %j with exit 2 and what to give instead', async (args, message) => {
    const run = await cli('channel-examples', files.noise, ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('says when a folder holds no images', async () => {
    const empty = join(files.dir, 'empty');
    mkdirSync(empty);
    const run = await cli(
      'channel-examples',
      empty,
      '--model',
      'inception-v4',
      '--weights',
      weights,
      '--node',
      'stem/0',
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${empty}: the folder holds no images`);
  });
});
