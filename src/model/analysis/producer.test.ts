import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from './analyze.ts';
import { NETWORKS } from '../networks/index.ts';
import { producerOf } from './producer.ts';

const irv2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const of = (address: string) => producerOf(irv2, irv2.byAddress.get(address)!)?.address;

describe('producerOf', () => {
  it('follows sequences and repeats, and passes through branches and residual bodies', () => {
    expect(of(irv2.stages[0].address)).toBeUndefined();
    expect(of('inception-resnet-a')).toBe('mixed-5b');
    expect(of('inception-resnet-b/0')).toBe('reduction-a');
    expect(of('inception-resnet-b/7')).toBe('inception-resnet-b/6');
    // The first layer of a branch of the block's concat reads the block's input.
    expect(of('inception-resnet-b/7/0/0/1/0')).toBe('inception-resnet-b/6');
    expect(of('inception-resnet-b/7/0/0/1/1')).toBe('inception-resnet-b/7/0/0/1/0');
    // The Linear projection reads the concat.
    expect(of('inception-resnet-b/7/0/1')).toBe('inception-resnet-b/7/0/0');
  });
});
