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
import { shortened } from '../shorten.ts';
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
  return groups.map((g, i) =>
    g.count === 1 && groups.slice(0, i).some((o) => o.title === g.title)
      ? { ...g, title: `${g.title} (last block)` }
      : g,
  );
}

/**
 * The residual scales the app and the CLI accept: 0 switches a group's residual branches off, 1 is the
 * largest released scale (the last Block8) and the lab's slider's end. Far beyond it the activations
 * overflow (a scale of 1e9 gave every class 0.10 % and charts of NaN).
 */
export const RESIDUAL_SCALE_RANGE = { min: 0, max: 1 } as const;

/** What is wrong with one override. */
export type ScaleProblem =
  { kind: 'unknown-group'; group: string } | { kind: 'out-of-range'; group: string; value: number };

export type ScalesCheck = { ok: true; scales: ReadonlyMap<string, number> } | { ok: false; message: string };

/** Whether `value` is a residual scale the app accepts (a finite number in RESIDUAL_SCALE_RANGE). */
export function isResidualScale(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= RESIDUAL_SCALE_RANGE.min &&
    value <= RESIDUAL_SCALE_RANGE.max
  );
}

/**
 * Overrides written as text, the one syntax of the CLI's `--residual-scale` and the URL's `scale=`:
 * `group=s` or `group:s` entries separated by commas ("inception-resnet-b=0,inception-resnet-a:0.3").
 * A value that is not a number reads as NaN (the check then says so); an entry with no separator is
 * `malformed`. Groups are own keys (a "__proto__" group is a key like any other, which the check refuses).
 */
export function parseResidualScales(text: string): { scales: Record<string, number>; malformed: string[] } {
  const pairs: Array<[string, number]> = [];
  const malformed: string[] = [];
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.search(/[=:]/);
    const group = entry.slice(0, at).trim();
    const value = entry.slice(at + 1).trim();
    if (at <= 0 || group === '') malformed.push(entry);
    else pairs.push([group, value === '' ? Number.NaN : Number(value)]);
  }
  return { scales: Object.fromEntries(pairs), malformed };
}

/** Each override that is not a known group with a scale in RESIDUAL_SCALE_RANGE, in order. */
export function residualScaleProblems(
  groups: readonly ResidualGroup[],
  scales: Readonly<Record<string, number>>,
): ScaleProblem[] {
  return Object.entries(scales).flatMap(([group, value]): ScaleProblem[] => {
    if (!groups.some((g) => g.address === group)) return [{ kind: 'unknown-group', group }];
    return isResidualScale(value) ? [] : [{ kind: 'out-of-range', group, value }];
  });
}

/** One problem in a sentence (English: the CLI's and the runtime's messages), naming what is valid. */
export function describeScaleProblem(problem: ScaleProblem, groups: readonly ResidualGroup[]): string {
  if (problem.kind === 'unknown-group') {
    const valid =
      groups.length === 0
        ? 'this network has no residual blocks'
        : `valid groups: ${groups.map((g) => `${g.address} (released ${g.scale})`).join(', ')}`;
    return `unknown residual group "${shortened(problem.group)}"; ${valid}`;
  }
  const { min, max } = RESIDUAL_SCALE_RANGE;
  return (
    `the residual scale of ${problem.group} must be a number from ${min} to ${max} ` +
    `(${min} switches its residual branches off), got ${String(problem.value)}`
  );
}

/** Checks overrides against the groups: known group names, scales in RESIDUAL_SCALE_RANGE. */
export function checkResidualScales(
  groups: readonly ResidualGroup[],
  scales: Readonly<Record<string, number>>,
): ScalesCheck {
  const [problem] = residualScaleProblems(groups, scales);
  if (problem) return { ok: false, message: describeScaleProblem(problem, groups) };
  return { ok: true, scales: new Map(Object.entries(scales)) };
}

/** Every group with the scale in effect: the override, else the released one. */
export function scalesInEffect(
  groups: readonly ResidualGroup[],
  overrides: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
): Record<string, number> {
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
    if (!isResidualScale(value)) continue;
    const rounded = Math.round(value * 100) / 100;
    if (rounded !== group.scale) result[group.address] = rounded;
  }
  return result;
}

/** One canonical string per set of overrides ("" for the released scales). */
export function scalesKey(scales: ResidualScales): string {
  return Object.entries(scales)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([g, s]) => `${g}:${s}`)
    .join(',');
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
