/**
 * The groups of residual blocks whose scale can be set at run time (paper §3.3), and residual scales as
 * the app holds them: only the groups that differ from the released network,
 * so that the released network is the empty set (a clean URL) and each run has one canonical key.
 */
import type { NetworkAnalysis } from './analyze.ts';

/** Residual scale by group stage address ("inception-resnet-a"); see `ResidualGroup`. */
export type ResidualScales = Readonly<Record<string, number>>;

/** A group of residual blocks whose scale the lab sets: a repeated Inception-ResNet block. */
export interface ResidualGroup {
  /** Stage address, the key in `ResidualScales` ("inception-resnet-b"). */
  address: string;
  /** "Inception-ResNet-B" */
  title: string;
  /** The released scale (0.1). */
  released: number;
  count: number;
}

/** The repeated residual blocks of a network with fixed scales (none in a paper variant or Inception-v4). */
export function residualGroupsOf(analysis: NetworkAnalysis): ResidualGroup[] {
  const groups: ResidualGroup[] = [];
  for (const stage of analysis.stages) {
    const node = stage.node;
    if (node.kind !== 'repeat' || node.body.kind !== 'residual' || typeof node.body.scale !== 'number') continue;
    groups.push({ address: stage.address, title: node.body.name ?? stage.address, released: node.body.scale, count: node.count });
  }
  return groups;
}

/** The scales that differ from the released ones, for groups that exist; values rounded to 0.01. */
export function overridesOf(scales: ResidualScales | undefined, groups: readonly ResidualGroup[]): ResidualScales {
  const result: Record<string, number> = {};
  for (const group of groups) {
    const value = scales?.[group.address];
    if (value === undefined || !Number.isFinite(value)) continue;
    const rounded = Math.round(value * 100) / 100;
    if (rounded !== group.released) result[group.address] = rounded;
  }
  return result;
}

/** One canonical string per set of overrides ("" for the released scales). */
export function scalesKey(scales: ResidualScales): string {
  return Object.entries(scales).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([g, s]) => `${g}:${s}`).join(',');
}
