/** The per-stage summary printed by `inception-explorer summary` and shown by the views. */
import type { NetworkDefinition, Shape } from '../types.ts';
import { analyzeNetwork, type NetworkAnalysis } from './analyze.ts';
import { nodeLabel } from './labels.ts';

export interface StageSummary {
  /** The block's paper name ("Inception-A"). */
  name: string;
  /** Address of the stage (its block id), as used in URLs. */
  id: string;
  /** A repeated block is listed once, with its number of repetitions; params and macs are totals over them. */
  count: number;
  output: Shape;
  params: number;
  macs: number;
}

export interface NetworkSummary {
  model: string;
  variant: string;
  input: Shape;
  params: number;
  macs: number;
  stages: StageSummary[];
  problems: { node: string; message: string }[];
}

export function summarize(
  network: NetworkDefinition,
  analysis: NetworkAnalysis = analyzeNetwork(network),
): NetworkSummary {
  return {
    model: network.id,
    variant: network.variant,
    input: analysis.stages[0]?.input ?? network.input,
    params: analysis.params,
    macs: analysis.macs,
    stages: analysis.stages.map((stage) => {
      const node = stage.node;
      const block = node.kind === 'repeat' ? node.body : node;
      return {
        name: nodeLabel(block),
        id: stage.address,
        count: node.kind === 'repeat' ? node.count : 1,
        output: stage.output,
        params: stage.params,
        macs: stage.macs,
      };
    }),
    problems: analysis.problems.map(({ node, message }) => ({ node, message })),
  };
}
