/** Rewrites of the residual blocks: their linear projection, their scale, and removing their shortcut. */
import type { Conv, NetworkDefinition, Node, Residual, Sequence } from '../types.ts';
import { mapNetwork } from './map-nodes.ts';

/**
 * The residual branch's last layer: the "Linear" 1×1 projection back to the block's input width
 * (Figs. 10–13, 16–19), the last child of the branch's sequence in every definition.
 */
export function projectionOf(body: Node): Conv {
  let node = body;
  while (node.kind === 'sequence' && node.children.length > 0) node = node.children[node.children.length - 1];
  if (node.kind !== 'conv') throw notAProjection(node);
  return node;
}

function notAProjection(node: Node): Error {
  return new Error(`a residual branch should end with its linear projection, not a ${node.kind}`);
}

/** `body` with its projection replaced by `change(projection)`. */
export function withProjection(body: Node, change: (projection: Conv) => Conv): Node {
  if (body.kind === 'conv') return change(body);
  if (body.kind !== 'sequence' || body.children.length === 0) throw notAProjection(body);
  const last = body.children.length - 1;
  return { ...body, children: body.children.map((c, i) => (i === last ? withProjection(c, change) : c)) };
}

/** Every residual's scale set to `scale` (the released ones range from 0.1 to 1.0). */
export function withResidualScale(network: NetworkDefinition, scale: number): NetworkDefinition {
  return mapNetwork(network, (node) => (node.kind === 'residual' ? { ...node, scale } : node));
}

/** What the block note of a block without its shortcut says. */
export function shortcutRemovedNote(activation: Residual['activation']): string {
  const act = activation === 'relu' ? 'act = ReLU' : 'act is the identity: this block has no ReLU after its addition';
  return `Shortcut removed: act(r) in place of act(x + s·r) (${act}); same weights and multiply-adds.`;
}

/**
 * The no-shortcut twin of a residual block: a sequence with the same key, name and block holding the
 * residual branch alone, whose projection takes the activation that followed the addition. It computes
 * act(r) where the block computes act(x + s·r), with the same layers (same checkpoint tensors).
 */
export function withoutShortcut(block: Residual): Sequence {
  const info = block.block;
  return {
    kind: 'sequence',
    ...(block.name !== undefined ? { name: block.name } : {}),
    ...(block.key !== undefined ? { key: block.key } : {}),
    ...(info ? { block: { ...info, note: shortcutRemovedNote(block.activation) } } : {}),
    children: [withProjection(block.residual, (p) => ({ ...p, activation: block.activation }))],
  };
}

/** Every residual block replaced by its no-shortcut twin. */
export function removeShortcuts(network: NetworkDefinition): NetworkDefinition {
  return mapNetwork(network, (node) => (node.kind === 'residual' ? withoutShortcut(node) : node));
}
