/**
 * A generic rewrite of a definition tree, so that the small networks are transformations of the released
 * definitions rather than tables of their own: every node is rebuilt bottom-up and handed to a function
 * that may replace it, knowing where it is (the analysis address of its first occurrence).
 */
import { stageAddresses } from '../analysis/analyze.ts';
import type { NetworkDefinition, Node } from '../types.ts';

/**
 * Replaces a node whose children are already mapped. `address` is the address `analyzeNetwork` gives the
 * node; a repeat's body is visited once, at its first repetition ("…/0").
 */
export type NodeMapper = (node: Node, address: string) => Node;

/** `node` rebuilt with every descendant mapped, then mapped itself (post-order). */
export function mapNode(node: Node, map: NodeMapper, address: string): Node {
  const at = (i: number) => `${address}/${i}`;
  switch (node.kind) {
    case 'sequence':
      return map({ ...node, children: node.children.map((c, i) => mapNode(c, map, at(i))) }, address);
    case 'concat':
      return map({ ...node, branches: node.branches.map((b, i) => mapNode(b, map, at(i))) }, address);
    case 'residual':
      return map({ ...node, residual: mapNode(node.residual, map, at(0)) }, address);
    case 'repeat':
      return map({ ...node, body: mapNode(node.body, map, at(0)) }, address);
    default:
      return map(node, address);
  }
}

/** The network with every node of every stage mapped; stages keep their addresses ("inception-resnet-a"). */
export function mapNetwork(network: NetworkDefinition, map: NodeMapper): NetworkDefinition {
  const addresses = stageAddresses(network);
  return { ...network, stages: network.stages.map((stage, i) => mapNode(stage, map, addresses[i])) };
}
