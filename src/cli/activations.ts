/**
 * `inception-explorer activations <input...> --model M --weights W --node NODE... [--json] [--out DIR]
 * [--residual-scale GROUP=S,...] [--backend wasm|webgpu|cpu]`: statistics of nodes' outputs for photos or `.f32`
 * tensors (the numbers the explorer's inspector shows), and optionally the outputs themselves.
 */
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatShape } from '../model/analysis/layer-shape.ts';
import { fractionPercent, table } from './format.ts';
import { lookInsideEach } from './inside-run.ts';
import { writeOutputBytes } from '../runtime/output-file.node.ts';
import { NETWORK_OPTIONS, networkArgs, usageErrorFor } from './command-args.ts';
import { CliError, type Io } from './io.ts';
import { backendsText } from './backend-args.ts';
import { loadInput, nodesFor, residualScalesFor } from './network-args.ts';

export const ACTIVATIONS_USAGE =
  'inception-explorer activations <image or .f32 ...> --model inception-v4|inception-resnet-v2 ' +
  `--weights <file.safetensors> --node NODE [--node NODE ...] [--json] [--out DIR] [--residual-scale GROUP=S,...] [--backend ${backendsText()}]\n` +
  '      NODE: an explorer address (inception-resnet-b/3/0/0/1/1) or a timm module name (features.9, mixed_6a, repeat_1.19, conv2d_7b);\n' +
  '      --out DIR writes each output as raw little-endian float32 NHWC: DIR/<input file name>.<address, "/" as ".">.<h>x<w>x<c>.f32';

export interface NodeActivation {
  /** The explorer address the NODE named. */
  node: string;
  /** [h, w, c], or [features]. */
  shape: number[];
  mean: number;
  std: number;
  min: number;
  max: number;
  zeroFraction: number;
}

/** Exactly what `--json` prints; results and nodes in the order given. */
export interface ActivationsReport {
  model: string;
  results: { input: string; nodes: NodeActivation[] }[];
}

const usageError = usageErrorFor(ACTIVATIONS_USAGE);

/** The file a node's output is written to: "<input file name>.<address with / as .>.<shape>.f32". */
export function outputFileName(input: string, address: string, shape: readonly number[]): string {
  return `${basename(input)}.${address.replaceAll('/', '.')}.${shape.join('x')}.f32`;
}

export async function runActivations(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      ...NETWORK_OPTIONS,
      node: { type: 'string', multiple: true, default: [] },
      out: { type: 'string' },
      'residual-scale': { type: 'string', multiple: true, default: [] },
    },
    allowPositionals: true,
    strict: true,
  });
  const { network, weights, backend } = networkArgs(values, positionals, usageError);
  if (values.node.length === 0) throw usageError('give at least one --node');
  const nodes = nodesFor(values.node, network);
  const residualScales = residualScalesFor(values['residual-scale'], network);

  const inputs = [];
  for (const path of positionals) inputs.push({ name: path, values: await loadInput(path, network) });
  if (values.out)
    await mkdir(values.out, { recursive: true }).catch((error: Error) => {
      throw new CliError(`${values.out}: cannot create the output folder (${error.message})`);
    });

  const written: string[] = [];
  const { results } = await lookInsideEach({ network, weights, backend, inputs, io }, async (cache, input) => {
    await cache.lookInside(residualScales);
    const summaries = await cache.summaries(nodes);
    if (values.out) {
      for (const node of nodes) {
        const { shape, data } = await cache.output(node);
        const path = join(values.out, outputFileName(input, node, shape));
        await writeOutputBytes(path, littleEndian(data), '--out');
        written.push(path);
      }
    }
    return {
      input,
      nodes: summaries.map((s) => ({
        node: s.address,
        shape: s.shape,
        mean: s.stats.mean,
        std: s.stats.std,
        min: s.stats.min,
        max: s.stats.max,
        zeroFraction: s.stats.zeroFraction,
      })),
    };
  });

  const report: ActivationsReport = { model: network.id, results };
  if (values.json) {
    io.out(JSON.stringify(report));
    return 0;
  }
  const lines: string[] = [network.title];
  for (const result of results) {
    lines.push(
      '',
      result.input,
      table(
        ['node', 'shape', 'mean', 'std', 'min', 'max', 'zeros'],
        result.nodes.map((n, i) => [
          n.node === values.node[i] ? n.node : `${n.node} (${values.node[i]})`,
          formatShape(n.shape),
          ...[n.mean, n.std, n.min, n.max].map((v) => v.toPrecision(5)),
          fractionPercent(n.zeroFraction, 1),
        ]),
      ),
    );
  }
  if (written.length > 0)
    lines.push(
      '',
      `wrote ${written.length} file(s) of raw little-endian float32 NHWC:`,
      ...written.map((p) => `  ${p}`),
    );
  io.out(lines.join('\n'));
  return 0;
}

/** The values as little-endian float32 bytes, whatever the machine's own byte order. */
function littleEndian(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}
