/**
 * The residual groups of a network: the top-level stages made of Inception-ResNet blocks, each with the
 * scale the released code gives its residuals (paper §3.3). The residual-scale lab changes one scale per
 * group at run time, keyed by the group's stage address.
 *
 * The last Block8 of the released Inception-ResNet-v2 ("inception-resnet-c-final": scale 1.0, no ReLU
 * after the addition) is a group of its own: it is not one of timm's `repeat_2` blocks (scale 0.2), so
 * changing "inception-resnet-c" leaves it as released, like changing `repeat_2`'s scale in timm would.
 */
import type { AnalyzedNode, NetworkAnalysis } from './analyze.ts';
import type { NetworkDefinition, Node } from '../types.ts';

export interface ResidualGroup {
  /** The stage's address, the key of a scale override ("inception-resnet-b"). */
  address: string;
  /** "Inception-ResNet-B"; the single last block reads "Inception-ResNet-C (last block)". */
  title: string;
  /** The scale the released network uses. */
  scale: number;
  /** Number of residual blocks in the group. */
  count: number;
  /** Activation after the addition ("linear" for the last Block8). */
  activation: 'relu' | 'linear';
  /** The released code's name of the block ("Block17"). */
  releasedName?: string;
}

/** Groups in network order; none for networks without residuals or with the paper's unfixed scales. */
export function residualGroups(analysis: NetworkAnalysis): ResidualGroup[] {
  const groups: ResidualGroup[] = [];
  for (const stage of analysis.stages) {
    const blocks = stage.node.kind === 'repeat' ? stage.children : [stage];
    const first = blocks[0]?.node;
    if (!first || first.kind !== 'residual' || typeof first.scale !== 'number') continue;
    groups.push({
      address: stage.address,
      title: first.name ?? 'Residual block',
      scale: first.scale,
      count: blocks.length,
      activation: first.activation,
      ...(first.block?.releasedName ? { releasedName: first.block.releasedName } : {}),
    });
  }
  // A single block named like the group before it (the last Block8) is told apart by its title, also
  // where that group has a single block too (a small network's one Block8 of repeat_2).
  return groups.map((g, i) => (g.count === 1 && groups.slice(0, i).some((o) => o.title === g.title)
    ? { ...g, title: `${g.title} (last block)` }
    : g));
}

export type ScalesCheck =
  | { ok: true; scales: ReadonlyMap<string, number> }
  | { ok: false; message: string };

/** Checks overrides against the groups: known group names, finite scales ≥ 0. */
export function checkResidualScales(groups: readonly ResidualGroup[], scales: Readonly<Record<string, number>>): ScalesCheck {
  const valid = () => groups.length === 0
    ? 'this network has no residual blocks'
    : `valid groups: ${groups.map((g) => `${g.address} (released ${g.scale})`).join(', ')}`;
  const out = new Map<string, number>();
  for (const [address, scale] of Object.entries(scales)) {
    if (!groups.some((g) => g.address === address)) return { ok: false, message: `unknown residual group "${address}"; ${valid()}` };
    if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0) {
      return { ok: false, message: `the residual scale of ${address} must be a number ≥ 0 (0 switches its residual branches off), got ${String(scale)}` };
    }
    out.set(address, scale);
  }
  return { ok: true, scales: out };
}

/** Every group with the scale in effect: the override, else the released one. */
export function scalesInEffect(groups: readonly ResidualGroup[], overrides: ReadonlyMap<string, number> | Readonly<Record<string, number>>): Record<string, number> {
  const get = (a: string) => (overrides instanceof Map ? overrides.get(a) : (overrides as Record<string, number>)[a]);
  return Object.fromEntries(groups.map((g) => [g.address, get(g.address) ?? g.scale]));
}

/** The group a residual node belongs to: the stage address of a group's block, else undefined. */
export function groupOf(groups: readonly ResidualGroup[], node: AnalyzedNode): string | undefined {
  if (node.node.kind !== 'residual') return undefined;
  const stage = node.address.split('/')[0];
  return groups.some((g) => g.address === stage) ? stage : undefined;
}

/** Residual scale by group stage address ("inception-resnet-a"), as the app holds overrides. */
export type ResidualScales = Readonly<Record<string, number>>;

/**
 * The scales that differ from the released ones, for groups that exist, rounded to 0.01: the released
 * network is the empty set (a clean URL), and each run has one canonical key (see `scalesKey`).
 */
export function overridesOf(scales: ResidualScales | undefined, groups: readonly ResidualGroup[]): ResidualScales {
  const result: Record<string, number> = {};
  for (const group of groups) {
    const value = scales?.[group.address];
    if (value === undefined || !Number.isFinite(value) || value < 0) continue;
    const rounded = Math.round(value * 100) / 100;
    if (rounded !== group.scale) result[group.address] = rounded;
  }
  return result;
}

/** One canonical string per set of overrides ("" for the released scales). */
export function scalesKey(scales: ResidualScales): string {
  return Object.entries(scales).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([g, s]) => `${g}:${s}`).join(',');
}

/**
 * The network with the given residual scales in place of the released ones (the lab's network, as the
 * diagram draws it: "×0" on Inception-ResNet-B when the lab switches it off). Stages are matched by their
 * analysed address; the analysis is the released network's.
 */
export function withResidualScales(analysis: NetworkAnalysis, scales: ResidualScales): NetworkDefinition {
  if (Object.keys(scales).length === 0) return analysis.network;
  const rescale = (node: Node, scale: number): Node => {
    if (node.kind === 'repeat') return { ...node, body: rescale(node.body, scale) };
    return node.kind === 'residual' ? { ...node, scale } : node;
  };
  const stages = analysis.network.stages.map((stage, index) => {
    const scale = scales[analysis.stages[index]?.address ?? ''];
    return scale === undefined ? stage : rescale(stage, scale);
  });
  return { ...analysis.network, stages };
}
