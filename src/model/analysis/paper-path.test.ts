import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../networks/index.ts';
import { analyzeNetwork } from './analyze.ts';
import { paperPath } from './paper-path.ts';

const v2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const v4 = analyzeNetwork(NETWORKS['inception-v4'].paper!);

describe('paperPath', () => {
  it('names the block, the repetition and the branch of a layer', () => {
    expect(paperPath(v2, 'inception-resnet-b/0/0/0/1/1')).toEqual(['Inception-ResNet-B', '1 of 20', 'branch 2 of 2']);
    expect(paperPath(v2, 'inception-resnet-b/19/0/0/0')).toEqual(['Inception-ResNet-B', '20 of 20', 'branch 1 of 2']);
    expect(paperPath(v4, 'inception-c/0/3/3/1')).toEqual(['Inception-C', '1 of 3', 'branch 4 of 4', 'branch 2 of 2']);
    // A named block on the way: the stem's Mixed_4a.
    expect(paperPath(v4, 'stem/4/1/1')).toEqual(['Stem', 'Mixed_4a', 'branch 2 of 2']);
  });

  it('places a stage in its network, and knows no unknown address', () => {
    expect(paperPath(v2, 'reduction-a')).toEqual(['Inception-ResNet-v2, stage 4 of 10']);
    expect(paperPath(v2, 'inception-resnet-b/99')).toEqual([]);
  });
});
