/**
 * Shape inference, costs, receptive fields and validation of a whole definition, in one walk. It never
 * throws: where shapes do not fit, it records a problem naming the node and the numbers and goes on with
 * the shape the node produces, so one inconsistency shows up once and the rest of the network is still
 * analysed (the paper's Inception-ResNet-v2 yields exactly its 1152-vs-1154 and 2146-vs-2048 problems).
 */
import type { Layer, NetworkDefinition, Node, Shape } from '../types.ts';
import { formatShape, layerCost } from './layer-shape.ts';
import { nodeLabel } from './labels.ts';

export interface Problem {
  /** Readable name of the node, e.g. "Inception-ResNet-B (inception-resnet-b/0)". */
  node: string;
  /** The node's address (see `AnalyzedNode.address`). */
  address: string;
  message: string;
}

/** Receptive field of one output cell in input pixels, and the input distance between adjacent cells. */
export interface ReceptiveField {
  size: readonly [number, number];
  jump: readonly [number, number];
}

export interface AnalyzedNode {
  node: Node;
  /**
   * Unique, stable address within the network: the stage id ("stem", "inception-resnet-b",
   * "conv2d-7b-1x1"), then child indices ("inception-resnet-b/0/0/1/2"). A repeat's repetitions are its
   * children "…/0", "…/1", ….
   */
  address: string;
  depth: number;
  input: Shape;
  output: Shape;
  /** Totals over the subtree (and over all repetitions of a repeat). */
  params: number;
  macs: number;
  receptiveField: ReceptiveField;
  /** Full checkpoint key (released variants), e.g. "repeat_1.3.branch1.2". */
  key?: string;
  children: AnalyzedNode[];
  /** Problems found at this node itself (not its descendants). */
  problems: Problem[];
}

export interface NetworkAnalysis {
  network: NetworkDefinition;
  stages: AnalyzedNode[];
  output: Shape;
  params: number;
  macs: number;
  /** Every problem in the network, in order of appearance, each reported once. */
  problems: Problem[];
  /** Every node by address. */
  byAddress: ReadonlyMap<string, AnalyzedNode>;
}

interface Context {
  address: string;
  depth: number;
  keyPrefix?: string;
  input: Shape;
  rf: ReceptiveField;
}

export function analyzeNetwork(network: NetworkDefinition, input: Shape = network.input): NetworkAnalysis {
  const stages: AnalyzedNode[] = [];
  let shape = input;
  let rf: ReceptiveField = { size: [1, 1], jump: [1, 1] };
  const addresses = stageAddresses(network);
  network.stages.forEach((stage, index) => {
    const address = addresses[index];
    const analyzed = analyzeNode(stage, { address, depth: 0, input: shape, rf });
    stages.push(analyzed);
    shape = analyzed.output;
    rf = analyzed.receptiveField;
  });
  const byAddress = new Map<string, AnalyzedNode>();
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const stage of stages) {
    for (const node of walk(stage)) {
      byAddress.set(node.address, node);
      for (const problem of node.problems) {
        // A repeated block reports the same inconsistency once per repetition: keep the first.
        const signature = `${problem.node.replace(/\s*\(.*\)$/, '')}|${problem.message}`;
        if (!seen.has(signature)) {
          seen.add(signature);
          problems.push(problem);
        }
      }
    }
  }
  return {
    network,
    stages,
    output: shape,
    params: sum(stages.map((s) => s.params)),
    macs: sum(stages.map((s) => s.macs)),
    problems,
    byAddress,
  };
}

/** The addresses `analyzeNetwork` gives the top-level stages, without analysing them. */
export function stageAddresses(network: NetworkDefinition): string[] {
  const used = new Set<string>();
  return network.stages.map((stage, index) => uniqueId(stageId(stage, index), used));
}

/** Depth-first, pre-order. */
export function* walk(node: AnalyzedNode): Generator<AnalyzedNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

/** The id of a top-level stage: its block id, a repeated block's id, or a slug of its name. */
function stageId(stage: Node, index: number): string {
  const named = stage.kind === 'repeat' ? stage.body : stage;
  if ('block' in named && named.block) return named.block.id;
  if (named.name)
    return named.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `stage-${index}`;
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}

function joinKey(prefix: string | undefined, segment: string | undefined): string | undefined {
  if (segment === undefined) return prefix;
  return prefix ? `${prefix}.${segment}` : segment;
}

function analyzeNode(node: Node, ctx: Context): AnalyzedNode {
  const key = joinKey(ctx.keyPrefix, node.key);
  const base = { node, address: ctx.address, depth: ctx.depth, input: ctx.input, ...(key ? { key } : {}) };
  const problem = (message: string): Problem => ({
    node: `${nodeLabel(node)} (${ctx.address})`,
    address: ctx.address,
    message,
  });
  const child = (n: Node, i: number, input: Shape, rf: ReceptiveField, keyPrefix = key): AnalyzedNode =>
    analyzeNode(n, {
      address: `${ctx.address}/${i}`,
      depth: ctx.depth + 1,
      input,
      rf,
      ...(keyPrefix ? { keyPrefix } : {}),
    });

  switch (node.kind) {
    case 'sequence': {
      const children: AnalyzedNode[] = [];
      let shape = ctx.input;
      let rf = ctx.rf;
      node.children.forEach((c, i) => {
        const a = child(c, i, shape, rf);
        children.push(a);
        shape = a.output;
        rf = a.receptiveField;
      });
      return { ...base, output: shape, receptiveField: rf, ...totals(children), children, problems: [] };
    }
    case 'concat': {
      const children = node.branches.map((b, i) => child(b, i, ctx.input, ctx.rf));
      const problems: Problem[] = [];
      const outputs = children.map((c) => c.output);
      const first = outputs[0] ?? ctx.input;
      if (outputs.some((o) => o.length !== 3)) {
        problems.push(
          problem(`concatenates branches that are not all H×W×C grids: ${outputs.map(formatShape).join(', ')}`),
        );
      } else if (outputs.some((o) => o[0] !== first[0] || o[1] !== first[1])) {
        problems.push(problem(`concatenates branches of different grids: ${outputs.map(formatShape).join(' + ')}`));
      }
      const channels = sum(outputs.map((o) => o[o.length - 1] ?? 0));
      return {
        ...base,
        output: first.length === 3 ? [first[0], first[1], channels] : [channels],
        receptiveField: widest(children.map((c) => c.receptiveField)),
        ...totals(children),
        children,
        problems,
      };
    }
    case 'residual': {
      const body = child(node.residual, 0, ctx.input, ctx.rf);
      const problems: Problem[] = [];
      const a = ctx.input;
      const b = body.output;
      if (a.length !== b.length || a.some((v, i) => v !== b[i])) {
        const widths =
          a.length === 3 && b.length === 3 && a[0] === b[0] && a[1] === b[1]
            ? `: widths differ (${a[2]} vs ${b[2]})`
            : '';
        problems.push(
          problem(
            `residual addition of the ${formatShape(a)} input and the ${formatShape(b)} residual branch${widths}`,
          ),
        );
      }
      return {
        ...base,
        // On a mismatch, carry on with the branch's shape, as the paper's figures label the block's output.
        output: b,
        receptiveField: widest([ctx.rf, body.receptiveField]),
        params: body.params,
        macs: body.macs,
        children: [body],
        problems,
      };
    }
    case 'repeat': {
      const problems: Problem[] = [];
      if (!Number.isInteger(node.count) || node.count < 1)
        problems.push(problem(`repeat count must be a positive integer (got ${node.count})`));
      if (node.keys && node.keys.length !== node.count) {
        problems.push(problem(`has ${node.keys.length} checkpoint keys for ${node.count} repetitions`));
      }
      const children: AnalyzedNode[] = [];
      let shape = ctx.input;
      let rf = ctx.rf;
      for (let i = 0; i < Math.max(0, node.count); i++) {
        const a = child(node.body, i, shape, rf, joinKey(key, node.keys?.[i]));
        children.push(a);
        shape = a.output;
        rf = a.receptiveField;
      }
      return { ...base, output: shape, receptiveField: rf, ...totals(children), children, problems };
    }
    default: {
      const cost = layerCost(node, ctx.input);
      return {
        ...base,
        output: cost.output,
        params: cost.params,
        macs: cost.macs,
        receptiveField: layerField(node, ctx.input, ctx.rf),
        children: [],
        problems: cost.problem ? [problem(cost.problem)] : [],
      };
    }
  }
}

function layerField(layer: Layer, input: Shape, rf: ReceptiveField): ReceptiveField {
  const grow = (k: readonly [number, number], s: number): ReceptiveField => ({
    size: [rf.size[0] + (k[0] - 1) * rf.jump[0], rf.size[1] + (k[1] - 1) * rf.jump[1]],
    jump: [rf.jump[0] * s, rf.jump[1] * s],
  });
  switch (layer.kind) {
    case 'conv':
    case 'maxpool':
    case 'avgpool':
      return grow(layer.kernel, layer.stride);
    case 'global-avgpool':
      return input.length === 3 ? grow([input[0], input[1]], 1) : rf;
    default:
      return rf;
  }
}

function widest(fields: readonly ReceptiveField[]): ReceptiveField {
  return fields.reduce((a, b) => ({
    size: [Math.max(a.size[0], b.size[0]), Math.max(a.size[1], b.size[1])],
    jump: [Math.max(a.jump[0], b.jump[0]), Math.max(a.jump[1], b.jump[1])],
  }));
}

function totals(children: readonly AnalyzedNode[]): { params: number; macs: number } {
  return { params: sum(children.map((c) => c.params)), macs: sum(children.map((c) => c.macs)) };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
