import { describe, expect, it } from 'vitest';
import { inceptionResNetV2Released } from '../networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../networks/inception-v4.ts';
import { analyzeNetwork } from './analyze.ts';
import { classifierHead } from './classifier-head.ts';

describe('classifierHead', () => {
  it('finds the pooled feature map and the linear layer of both released networks', () => {
    expect(classifierHead(analyzeNetwork(inceptionResNetV2Released))).toEqual({
      features: 'conv2d-7b-1x1',
      pool: 'head/0',
      dense: 'head/2',
    });
    const v4 = analyzeNetwork(inceptionV4Released);
    expect(classifierHead(v4)).toEqual({ features: 'inception-c', pool: 'head/0', dense: 'head/2' });
    expect(v4.byAddress.get('inception-c')!.output).toEqual([8, 8, 1536]);
  });

  it('finds none where the network does not end in pooling and one linear layer', () => {
    const network = { ...inceptionV4Released, stages: inceptionV4Released.stages.slice(0, -1) };
    expect(classifierHead(analyzeNetwork(network))).toBeUndefined();
  });
});
