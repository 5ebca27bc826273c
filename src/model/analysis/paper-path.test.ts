import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../networks/index.ts';
import { analyzeNetwork } from './analyze.ts';
import { paperPath } from './paper-path.ts';

const v2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const v4 = analyzeNetwork(NETWORKS['inception-v4'].paper!);

describe('paperPath', () => {
  it('names the block, the repetition and the branch of a layer', () => {
    const name = (n: string) => ({ kind: 'name', name: n });
    const repetition = (index: number, count: number) => ({ kind: 'repetition', index, count });
    const branch = (index: number, count: number) => ({ kind: 'branch', index, count });
    expect(paperPath(v2, 'inception-resnet-b/0/0/0/1/1')).toEqual([
      name('Inception-ResNet-B'),
      repetition(1, 20),
      branch(2, 2),
    ]);
    expect(paperPath(v2, 'inception-resnet-b/19/0/0/0')).toEqual([
      name('Inception-ResNet-B'),
      repetition(20, 20),
      branch(1, 2),
    ]);
    expect(paperPath(v4, 'inception-c/0/3/3/1')).toEqual([
      name('Inception-C'),
      repetition(1, 3),
      branch(4, 4),
      branch(2, 2),
    ]);
    // A named block on the way: the stem's second filter concatenation, named as Fig. 3 draws it.
    expect(paperPath(v4, 'stem/4/1/1')).toEqual([name('Stem'), name('Filter concat (71×71×192)'), branch(2, 2)]);
  });

  it('places a stage in its network, and knows no unknown address', () => {
    expect(paperPath(v2, 'reduction-a')).toEqual([
      { kind: 'stage-of', network: 'Inception-ResNet-v2', index: 4, count: 10 },
    ]);
    expect(paperPath(v2, 'inception-resnet-b/99')).toEqual([]);
  });
});
