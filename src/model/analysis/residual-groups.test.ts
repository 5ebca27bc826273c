import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from './analyze.ts';
import { NETWORKS } from '../networks/index.ts';
import { overridesOf, residualGroupsOf, scalesKey } from './residual-groups.ts';

const irv2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);

describe('residual scale groups', () => {
  it('are the repeated Inception-ResNet blocks of the released network, with their scales', () => {
    expect(residualGroupsOf(irv2)).toEqual([
      { address: 'inception-resnet-a', title: 'Inception-ResNet-A', released: 0.17, count: 10 },
      { address: 'inception-resnet-b', title: 'Inception-ResNet-B', released: 0.1, count: 20 },
      { address: 'inception-resnet-c', title: 'Inception-ResNet-C', released: 0.2, count: 9 },
    ]);
    expect(residualGroupsOf(analyzeNetwork(NETWORKS['inception-v4'].released!))).toEqual([]);
    expect(residualGroupsOf(analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!))).toEqual([]);
  });

  it('keep only what differs from the released network, under one key whatever the order', () => {
    const groups = residualGroupsOf(irv2);
    expect(overridesOf({ 'inception-resnet-a': 0.17, 'inception-resnet-b': 0, nothing: 3, 'inception-resnet-c': 0.2999 }, groups))
      .toEqual({ 'inception-resnet-b': 0, 'inception-resnet-c': 0.3 });
    expect(overridesOf(undefined, groups)).toEqual({});
    expect(scalesKey({ 'inception-resnet-c': 0.3, 'inception-resnet-b': 0 })).toBe('inception-resnet-b:0,inception-resnet-c:0.3');
    expect(scalesKey({})).toBe('');
  });
});
