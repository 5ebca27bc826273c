import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../networks/index.ts';
import { analyzeNetwork } from './analyze.ts';
import { nodeLabel } from './labels.ts';
import { correspondingAddress } from './correspond.ts';

const v4paper = analyzeNetwork(NETWORKS['inception-v4'].paper!);
const v4released = analyzeNetwork(NETWORKS['inception-v4'].released!);
const v2paper = analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!);
const v2released = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);

describe('correspondingAddress', () => {
  it('keeps a layer where both variants have it at the same address', () => {
    expect(correspondingAddress(v2released, v2paper, 'inception-resnet-b/0/0/0/1/1')).toEqual({
      address: 'inception-resnet-b/0/0/0/1/1',
      exact: true,
    });
    expect(correspondingAddress(v2paper, v2released, 'stem')).toEqual({ address: 'stem', exact: true });
  });

  it('follows a branch the paper draws in another place than the code concatenates it', () => {
    // Inception-A: the paper's pooling branch comes first, the released code's last.
    const paperPool = 'inception-a/0/0/0';
    expect(nodeLabel(v4paper.byAddress.get(paperPool)!.node)).toBe('3×3 avg pool');
    const found = correspondingAddress(v4paper, v4released, paperPool)!;
    expect(found.exact).toBe(true);
    expect(found.address).not.toBe(paperPool);
    expect(nodeLabel(v4released.byAddress.get(found.address)!.node)).toBe('3×3 avg pool');
    expect(correspondingAddress(v4released, v4paper, found.address)).toEqual({ address: paperPool, exact: true });
  });

  it('falls back to the nearest ancestor that exists on the other side, and to nothing for a stage that does not', () => {
    // The paper repeats Inception-ResNet-B 10 times, the released network 20 times.
    expect(correspondingAddress(v2released, v2paper, 'inception-resnet-b/15/0/0/1/1')).toEqual({
      address: 'inception-resnet-b',
      exact: false,
    });
    expect(correspondingAddress(v2released, v2paper, 'mixed-5b/1')).toBeUndefined();
    expect(correspondingAddress(v2released, v2paper, 'nothing/here')).toBeUndefined();
  });
});
