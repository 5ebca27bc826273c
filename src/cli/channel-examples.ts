/**
 * `inception-explorer channel-examples <image, .f32 or folder ...> --model M --weights W --node NODE
 * [--top K] [--channel C] [--json] [--out-dir DIR] [--backend wasm|cpu]`: for each channel of a node, the
 * K inputs whose maximum activation in that channel is largest, with the value, the cell of the maximum
 * and the box of input pixels its receptive field covers (the explorer's "Examples for this channel").
 */
import { mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { formatShape } from '../model/analysis/layer-shape.ts';
import { cellGrids, receptiveBox, type PixelBox } from '../model/analysis/receptive-box.ts';
import { isImagePath } from '../runtime/evaluation/dataset.ts';
import { TopExamples } from '../runtime/inside/top-examples.ts';
import { listFilesFollowingLinks } from '../runtime/list-files.node.ts';
import { writeOutputBytes } from '../runtime/output-file.node.ts';
import { loadImageForModel } from '../runtime/preprocess/decode.node.ts';
import { table } from './format.ts';
import { lookInsideEach } from './inside-run.ts';
import { NETWORK_OPTIONS, networkArgs, usageErrorFor, wholeNumberArg } from './command-args.ts';
import { CliError, type Io } from './io.ts';
import { backendsText } from './backend-args.ts';
import { loadInput, networkFor, nodesFor } from './network-args.ts';

export const CHANNEL_EXAMPLES_USAGE =
  'inception-explorer channel-examples <image, .f32 or folder ...> --model inception-v4|inception-resnet-v2 ' +
  '--weights <file.safetensors> --node NODE [--top K] [--channel C] [--json] [--out-dir DIR] ' +
  `[--backend ${backendsText()}]\n` +
  '      per channel of NODE (as in activations), the K inputs (default 5) with the largest maximum activation, the value,\n' +
  '      the cell and the input box its receptive field covers; a folder gives its images; --out-dir DIR writes each\n' +
  "      example's box of the network's input view as DIR/channel-<C>/<rank>-<image name>.png (image inputs only)";

export const DEFAULT_TOP = 5;

export interface ChannelExampleEntry {
  input: string;
  value: number;
  /** The cell of the node's output holding the maximum. */
  y: number;
  x: number;
  /** Input pixels (of the network's input view) the cell's receptive field covers. */
  box: PixelBox;
}

/** Exactly what `--json` prints. */
export interface ChannelExamplesReport {
  model: string;
  node: string;
  shape: number[];
  top: number;
  inputs: string[];
  channels: { channel: number; examples: ChannelExampleEntry[] }[];
}

const usageError = usageErrorFor(CHANNEL_EXAMPLES_USAGE);

/** The inputs the arguments name: files as given, folders as their image and .f32 files (sorted). */
async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const inputs: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new CliError(`${path}: no such file or folder`);
    if (!info.isDirectory()) {
      inputs.push(path);
      continue;
    }
    const found = (await listFilesFollowingLinks(path)).filter(
      (f) => isImagePath(f) || f.toLowerCase().endsWith('.f32'),
    );
    if (found.length === 0)
      throw new CliError(`${path}: the folder holds no images (.jpg, .png, .webp, .bmp, .gif, .avif) or .f32 inputs`);
    inputs.push(...found.map((f) => join(path, f)));
  }
  return inputs;
}

export async function runChannelExamples(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      ...NETWORK_OPTIONS,
      node: { type: 'string' },
      top: { type: 'string', default: String(DEFAULT_TOP) },
      channel: { type: 'string' },
      'out-dir': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const { network, weights, backend } = networkArgs(values, positionals, usageError, 'image, .f32 input or folder');
  if (!values.node) throw usageError('give the --node whose channels to index');
  const [node] = nodesFor([values.node], network);
  const k = wholeNumberArg(values.top, '--top', usageError, 1);
  const analysis = analyzeNetwork(network);
  const shape = analysis.byAddress.get(node)!.output;
  if (shape.length !== 3)
    throw usageError(
      `--node ${values.node}: channel examples need a node with an h×w×c output; ${node} outputs ${formatShape(shape)}`,
    );
  const channel = values.channel === undefined ? undefined : wholeNumberArg(values.channel, '--channel', usageError, 0);
  if (channel !== undefined && channel >= shape[2])
    throw usageError(`--channel ${channel}: ${node} has channels 0–${shape[2] - 1}`);
  const outDir = values['out-dir'];
  const inputs = await expandInputs(positionals);
  if (outDir)
    await mkdir(outDir, { recursive: true }).catch((error: Error) => {
      throw new CliError(`${outDir}: cannot create the output folder (${error.message})`);
    });

  const examples = new TopExamples(shape[2], k, shape[1]);
  let done = 0;
  await lookInsideEach(
    {
      network,
      weights,
      backend,
      io,
      inputs: inputs.map((name) => ({ name, values: () => loadInput(name, network) })),
    },
    async (cache) => {
      const [maxima] = await cache.channelMaxima([node]);
      examples.add(done++, maxima);
      io.progress?.(`channel examples: ${done}/${inputs.length} inputs`);
    },
  );
  io.progress?.(undefined);

  const grids = cellGrids(analysis);
  const channels = channel === undefined ? Array.from({ length: shape[2] }, (_, c) => c) : [channel];
  const report: ChannelExamplesReport = {
    model: network.id,
    node,
    shape: [...shape],
    top: k,
    inputs,
    channels: channels.map((c) => ({
      channel: c,
      examples: examples.examples(c).map((e) => ({
        input: inputs[e.image],
        value: e.value,
        y: e.y,
        x: e.x,
        box: receptiveBox(analysis, grids, node, e.y, e.x),
      })),
    })),
  };
  const written = outDir ? await writeCrops(report, outDir, network) : [];
  if (values.json) {
    io.out(JSON.stringify(report));
    return 0;
  }
  const lines = [
    `${network.title}, ${node} (${formatShape(shape)}): the top ${k} of ${inputs.length} input(s) per channel by maximum activation`,
  ];
  for (const c of report.channels) {
    lines.push(
      '',
      `channel ${c.channel}`,
      table(
        ['rank', 'value', 'input', 'cell (y, x)', 'box (y, x, h×w)'],
        c.examples.map((e, i) => [
          String(i + 1),
          e.value.toPrecision(5),
          e.input,
          `${e.y}, ${e.x}`,
          `${e.box.y}, ${e.box.x}, ${e.box.height}×${e.box.width}`,
        ]),
      ),
    );
  }
  if (written.length > 0)
    lines.push('', `wrote ${written.length} crop(s) of the network's input view:`, ...written.map((p) => `  ${p}`));
  io.out(lines.join('\n'));
  return 0;
}

/** Each example's box of its image's input view as a PNG (a .f32 input has no pixels to crop: skipped). */
async function writeCrops(
  report: ChannelExamplesReport,
  dir: string,
  network: ReturnType<typeof networkFor>,
): Promise<string[]> {
  const written: string[] = [];
  const views = new Map<string, Promise<Awaited<ReturnType<typeof loadImageForModel>>['crop']>>();
  for (const { channel, examples } of report.channels) {
    for (const [rank, e] of examples.entries()) {
      if (e.input.toLowerCase().endsWith('.f32')) continue;
      if (!views.has(e.input))
        views.set(
          e.input,
          loadImageForModel(e.input, network.checkpoint!.preprocessing).then((m) => m.crop),
        );
      const view = await views.get(e.input)!;
      const png = await sharp(view.data, { raw: { width: view.width, height: view.height, channels: 3 } })
        .extract({ left: e.box.x, top: e.box.y, width: e.box.width, height: e.box.height })
        .png()
        .toBuffer();
      const folder = join(dir, `channel-${channel}`);
      await mkdir(folder, { recursive: true });
      const path = join(folder, `${rank + 1}-${basename(e.input).replace(/\.[^.]+$/, '')}.png`);
      await writeOutputBytes(path, png, '--out-dir');
      written.push(path);
    }
  }
  return written;
}
