/**
 * Test support for the training engine: a 32×32 network made of the paper's own blocks at their released
 * widths (Inception-ResNet-A ×2, Reduction-A, Inception-ResNet-B — so 3×3, 1×7, 7×1, strided and pooled
 * layers all train), its no-shortcut twin, and deterministic batches. Independent of `src/model/small/`.
 */
import { head } from '../model/blocks/head.ts';
import { inceptionResNetA, inceptionResNetB } from '../model/blocks/inception-resnet.ts';
import { reductionA } from '../model/blocks/inception-v4.ts';
import { conv, indexedKeys, repeat, seq } from '../model/builders.ts';
import type { NetworkDefinition, Node } from '../model/types.ts';
import { uniform } from '../runtime/weights/recipe.ts';

/** 32×32×3 → 15×15×32 → 2 × Block35 → Mixed_6a (7×7×80) → Block17 → head (10 classes). */
export const trainingTestNetwork: NetworkDefinition = {
  id: 'inception-resnet-v2',
  variant: 'released',
  title: 'Training test network',
  source: 'training engine tests',
  input: [32, 32, 3],
  classes: 10,
  stages: [
    seq([conv('3x3', 16, { key: 'conv1' }), conv('3x3', 32, { stride: 2, padding: 'valid', key: 'conv2' })], {
      name: 'Stem',
      key: 'stem',
      block: { id: 'stem' },
    }),
    repeat(2, inceptionResNetA('released', { deep: [32, 48, 64], projection: 32 }, 0.17), indexedKeys('repeat', 0, 2)),
    reductionA('released', { k: 16, l: 16, m: 24, n: 24 }, 'mixed_6a'),
    repeat(
      1,
      inceptionResNetB('released', { single: 192, factorized: [128, 160, 192], projection: 80 }, 0.1),
      indexedKeys('repeat_1', 0, 1),
    ),
    head('released', 10, 'classif'),
  ],
};

/**
 * The network with every residual block's shortcut removed: the block becomes a sequence (same key,
 * same block) of its residual body, whose last layer — the linear projection — takes the activation the
 * addition had. Where the residual block computes act(x + s·r), its twin computes act(r), with the same
 * tensors (names and shapes) and the same cost.
 */
export function withoutShortcuts(network: NetworkDefinition): NetworkDefinition {
  const strip = (node: Node): Node => {
    switch (node.kind) {
      case 'residual': {
        const body = node.residual;
        if (body.kind !== 'sequence') throw new Error('a residual body must be a sequence ending in its projection');
        const last = body.children[body.children.length - 1];
        if (last.kind !== 'conv') throw new Error('a residual body must end in its projection');
        const projection = { ...last, activation: node.activation };
        const stripped = { ...body, children: [...body.children.slice(0, -1).map(strip), projection] };
        return seq([stripped], {
          ...(node.key ? { key: node.key } : {}),
          ...(node.name ? { name: node.name } : {}),
          ...(node.block ? { block: { ...node.block, note: 'The shortcut is removed.' } } : {}),
        });
      }
      case 'sequence':
        return { ...node, children: node.children.map(strip) };
      case 'concat':
        return { ...node, branches: node.branches.map(strip) };
      case 'repeat':
        return { ...node, body: strip(node.body) };
      default:
        return node;
    }
  };
  return { ...network, title: `${network.title} without shortcuts`, stages: network.stages.map(strip) };
}

/** A deterministic batch: images NHWC in [-1, 1), labels 0, 1, …, classes − 1, 0, …. */
export function testBatch(
  network: NetworkDefinition,
  count: number,
  seed = 1,
): { images: Float32Array; labels: Int32Array } {
  const [h, w, c] = network.input;
  const images = Float32Array.from({ length: count * h * w * c }, (_, i) => 2 * uniform(seed, i) - 1);
  const labels = Int32Array.from({ length: count }, (_, i) => i % network.classes);
  return { images, labels };
}
