import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../analysis/analyze.ts';
import { checkpointTensors } from '../analysis/checkpoint.ts';
import { inceptionResNetV2Released } from '../networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../networks/inception-v4.ts';
import type { NetworkDefinition } from '../types.ts';
import { smallStem } from './stem.ts';

function stemOnly(base: NetworkDefinition, size: 32 | 64, width: number, channels: number) {
  const network: NetworkDefinition = {
    ...base,
    input: [size, size, 3],
    stages: [smallStem(base.stages[0], size, width, channels)],
  };
  return analyzeNetwork(network);
}

describe('the small-input stem', () => {
  it("keeps a 32×32 grid and halves a 64×64 one, ending at the base stem's channels × width", () => {
    expect(stemOnly(inceptionV4Released, 32, 0.25, 384).stages[0].children.map((c) => c.output.join('×'))).toEqual([
      '32×32×8',
      '32×32×8',
      '32×32×96',
    ]);
    expect(stemOnly(inceptionV4Released, 64, 0.25, 384).stages[0].children.map((c) => c.output.join('×'))).toEqual([
      '32×32×8',
      '32×32×8',
      '32×32×96',
    ]);
    expect(stemOnly(inceptionResNetV2Released, 32, 0.5, 192).output).toEqual([32, 32, 96]);
  });

  it("is made of the base stem's first three convolutions, under their checkpoint keys and names", () => {
    const tensors = (a: ReturnType<typeof stemOnly>) =>
      checkpointTensors(a)
        .tensors.filter((t) => t.kind === 'conv_weight')
        .map((t) => `${t.name} ${t.shape.join('×')}`);
    expect(tensors(stemOnly(inceptionV4Released, 32, 0.25, 384))).toEqual([
      'features.0.conv.weight 8×3×3×3',
      'features.1.conv.weight 8×8×3×3',
      'features.2.conv.weight 96×8×3×3',
    ]);
    const irv2 = stemOnly(inceptionResNetV2Released, 64, 0.25, 192);
    expect(tensors(irv2)).toEqual([
      'conv2d_1a.conv.weight 8×3×3×3',
      'conv2d_2a.conv.weight 8×8×3×3',
      'conv2d_2b.conv.weight 48×8×3×3',
    ]);
    expect(irv2.stages[0].children.map((c) => c.node.name)).toEqual([
      'Conv2d_1a_3x3',
      'Conv2d_2a_3x3',
      'Conv2d_2b_3x3',
    ]);
  });

  it('is the block "stem" with a note saying what it is, not Fig. 3', () => {
    const stem = smallStem(inceptionV4Released.stages[0], 64, 0.25, 384);
    const note = expect.stringContaining('the first one with stride 2 (64×64 → 32×32)');
    expect(stem.block).toEqual({ id: 'stem', note });
    expect(stem.block?.note).toContain('384 channels × 0.25');
  });
});
