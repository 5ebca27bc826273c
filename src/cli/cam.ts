/**
 * `inception-explorer cam <input...> --model M --weights W [--class K... | --top N] [--node NODE]
 * [--residual-scale GROUP=S,...] [--backend wasm|webgpu|cpu] [--json]`: where the network looks for a class. At
 * the head (default) the class activation map, exact for these networks: mean(map) + bias = logit; with
 * --node, Grad-CAM at that node. Maps are raw (not normalised), at the node's resolution.
 */
import { parseArgs } from 'node:util';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { formatShape } from '../model/analysis/layer-shape.ts';
import type { ClassMap } from '../runtime/inside/protocol.ts';
import { registerGradientsInNode } from '../runtime/inside/gradients.node.ts';
import { lookInsideEach } from './inside-run.ts';
import { NETWORK_OPTIONS, networkArgs, usageErrorFor } from './command-args.ts';
import type { Io } from './io.ts';
import { backendsText } from './backend-args.ts';
import { loadInput, nodesFor, residualScalesFor } from './network-args.ts';
import { topIndices } from '../runtime/top-k.ts';
import { shortened } from '../model/shorten.ts';

export const CAM_USAGE =
  'inception-explorer cam <image or .f32 ...> --model inception-v4|inception-resnet-v2 ' +
  `--weights <file.safetensors> [--class K ... | --top N (default 5)] [--node NODE] [--json] [--residual-scale GROUP=S,...] [--backend ${backendsText()}]\n` +
  '      without --node: the class activation map on the final 8×8 feature map; with --node (an explorer address or a\n' +
  '      timm module name with an h×w×c output): Grad-CAM there';

export interface CamMap {
  class: number;
  label: string;
  /** The node the map is over (an explorer address). */
  node: string;
  /** The raw map, grid[y][x], at the node's resolution. */
  grid: number[][];
}

/** Exactly what `--json` prints. */
export interface CamReport {
  model: string;
  results: { input: string; maps: CamMap[] }[];
}

const usageError = usageErrorFor(CAM_USAGE);

export async function runCam(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      ...NETWORK_OPTIONS,
      class: { type: 'string', multiple: true, default: [] },
      top: { type: 'string' },
      node: { type: 'string' },
      'residual-scale': { type: 'string', multiple: true, default: [] },
    },
    allowPositionals: true,
    strict: true,
  });
  const { network, weights, backend } = networkArgs(values, positionals, usageError);
  if (values.class.length > 0 && values.top !== undefined) throw usageError('give either --class or --top, not both');
  // Every value is a class: an empty one (--class "", "--class 3,") is refused, not taken as no --class.
  const classes = values.class
    .flatMap((c) => c.split(','))
    .map((c) => c.trim())
    .map((c) => {
      const k = Number(c);
      if (!/^\d+$/.test(c) || k >= network.classes) {
        throw usageError(
          `--class must be an integer from 0 to ${network.classes - 1} (a class index, e.g. --class 207), ` +
            `got ${c === '' ? 'an empty value' : `"${shortened(c)}"`}`,
        );
      }
      return k;
    });
  const top = Number(values.top ?? 5);
  if (!Number.isInteger(top) || top < 1 || top > network.classes)
    throw usageError(`--top must be an integer from 1 to ${network.classes}, got "${values.top}"`);
  const node = values.node === undefined ? undefined : nodesFor([values.node], network)[0];
  const nodeShape = node === undefined ? undefined : analyzeNetwork(network).byAddress.get(node)!.output;
  if (nodeShape && nodeShape.length !== 3) {
    throw usageError(
      `--node: Grad-CAM needs a node with an h×w×c output; ${values.node} (${node}) outputs ${formatShape(nodeShape)}`,
    );
  }
  const residualScales = residualScalesFor(values['residual-scale'], network);

  const inputs = [];
  for (const path of positionals) inputs.push({ name: path, values: await loadInput(path, network) });
  if (node !== undefined) await registerGradientsInNode();

  const { results } = await lookInsideEach({ network, weights, backend, inputs, io }, async (cache, input) => {
    const { logits } = await cache.lookInside(residualScales);
    const wanted = classes.length > 0 ? classes : topIndices(logits, top);
    const maps = await cache.classMaps(wanted, node === undefined ? {} : { node });
    for (const notice of new Set(maps.map((m) => m.notice).filter(Boolean)))
      io.err(`inception-explorer cam: ${notice}`);
    return { input, maps };
  });

  const report: CamReport = {
    model: network.id,
    results: results.map(({ input, maps }) => ({
      input,
      maps: maps.map((m) => ({ class: m.classIndex, label: m.label, node: m.node, grid: rows(m) })),
    })),
  };
  if (values.json) {
    io.out(JSON.stringify(report));
    return 0;
  }
  const lines: string[] = [network.title];
  for (const { input, maps } of results) {
    lines.push('', input);
    for (const m of maps) {
      const what =
        m.method === 'cam'
          ? `CAM on ${m.node} (logit ${m.logit.toFixed(3)} = mean ${(m.logit - m.bias!).toFixed(3)} + bias ${m.bias!.toFixed(3)})`
          : `Grad-CAM at ${m.node}`;
      lines.push(
        `  ${m.classIndex} ${m.label}: ${what}, ${m.map.height}×${m.map.width}`,
        ...formatMap(m).map((row) => `    ${row}`),
      );
    }
  }
  io.out(lines.join('\n'));
  return 0;
}

function rows(m: Pick<ClassMap, 'map'>): number[][] {
  const { width, height, data } = m.map;
  return Array.from({ length: height }, (_, y) => Array.from(data.subarray(y * width, (y + 1) * width)));
}

/** Small maps as numbers; wider ones as a shaded picture from the map's minimum (blank) to its maximum (█). */
export function formatMap(m: Pick<ClassMap, 'map'>): string[] {
  const grid = rows(m);
  if (m.map.width <= 17) return grid.map((row) => row.map((v) => v.toFixed(3).padStart(8)).join(''));
  const shades = ' ░▒▓█';
  const all = grid.flat();
  const min = Math.min(...all);
  const span = Math.max(...all) - min || 1;
  return grid.map((row) =>
    row.map((v) => shades[Math.min(shades.length - 1, Math.floor(((v - min) / span) * shades.length))]).join(''),
  );
}
