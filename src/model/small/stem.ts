/**
 * The small-input stem, the one hand-written piece of the small networks: the released stems reduce
 * 299×299 to 35×35 (stride 8), which would leave nothing of a 32×32 image. The small stem is the base
 * stem's first three convolutions (their checkpoint keys and names kept) made "same"-padded: at 32×32
 * all stride 1 (no spatial reduction), at 64×64 the first one stride 2 (one reduction), so either input
 * reaches the blocks at 32×32; the last one widened to the base stem's output channels × width.
 */
import { seq } from '../builders.ts';
import type { Conv, Node, Sequence } from '../types.ts';
import type { SmallInputSize } from './spec.ts';
import { scaledFilters } from './width.ts';

/** The convolutions of `node`, depth-first, in the order they run. */
function convolutions(node: Node): Conv[] {
  switch (node.kind) {
    case 'conv':
      return [node];
    case 'sequence':
      return node.children.flatMap(convolutions);
    case 'concat':
      return node.branches.flatMap(convolutions);
    case 'residual':
      return convolutions(node.residual);
    case 'repeat':
      return convolutions(node.body);
    default:
      return [];
  }
}

/**
 * The stem for `inputSize` from the released stem `base`, ending at `channels` (the base stem's output
 * channels) × `width`.
 */
export function smallStem(base: Node, inputSize: SmallInputSize, width: number, channels: number): Sequence {
  const first = convolutions(base).slice(0, 3);
  if (first.length < 3) {
    throw new Error(`a small stem needs three convolutions of the base stem; it has ${first.length}`);
  }
  const layers = first.map((conv, i): Conv => ({
    ...conv,
    stride: inputSize === 64 && i === 0 ? 2 : 1,
    padding: 'same',
    filters: i === first.length - 1 ? scaledFilters(channels, width) : scaledFilters(conv.filters, width),
  }));
  const reduction = inputSize === 64 ? 'the first one with stride 2 (64×64 → 32×32)' : 'all stride 1 (no reduction)';
  return seq(layers, {
    name: 'Stem',
    block: {
      id: 'stem',
      note:
        `A small-input stem in place of the 299×299 one: the released stem's first three convolutions, ` +
        `"same"-padded, ${reduction}, the last one widened to the released stem's ${channels} channels × ${width}.`,
    },
  });
}
