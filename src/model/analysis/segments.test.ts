import { describe, expect, it } from 'vitest';
import { inceptionResNetV2Released } from '../networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../networks/inception-v4.ts';
import { analyzeNetwork } from './analyze.ts';
import { segmentsOf, siteOf } from './segments.ts';

describe('segmentsOf', () => {
  const analysis = analyzeNetwork(inceptionResNetV2Released);
  const segments = segmentsOf(analysis);

  it('cuts Inception-ResNet-v2 into its stages, repeats into their repetitions', () => {
    // stem, Mixed_5b, 10 A, Reduction-A, 20 B, Reduction-B, 9 C, the last C, Conv2d_7b, head
    expect(segments).toHaveLength(1 + 1 + 10 + 1 + 20 + 1 + 9 + 1 + 1 + 1);
    expect(segments.map((s) => s.index)).toEqual(segments.map((_, i) => i));
    expect(segments.slice(0, 4).map((s) => s.address)).toEqual([
      'stem',
      'mixed-5b',
      'inception-resnet-a/0',
      'inception-resnet-a/1',
    ]);
    expect(segments.slice(-3).map((s) => [s.address, s.label])).toEqual([
      ['inception-resnet-c-final', 'Inception-ResNet-C'],
      ['conv2d-7b-1x1', 'Conv2d_7b_1x1'],
      ['head', 'Classifier'],
    ]);
    const b8 = segments.find((s) => s.address === 'inception-resnet-b/7')!;
    expect(b8).toMatchObject({ label: 'Inception-ResNet-B 8', repetition: 7 });
    expect(b8.stage.address).toBe('inception-resnet-b');
    // Each segment's input is the previous one's output: the chain covers the whole network.
    for (let i = 1; i < segments.length; i++) expect(segments[i].node.input).toEqual(segments[i - 1].node.output);
  });

  it('labels Inception-v4 segments by block name', () => {
    const v4 = segmentsOf(analyzeNetwork(inceptionV4Released));
    expect(v4.map((s) => s.label)).toEqual([
      'Stem',
      ...[1, 2, 3, 4].map((i) => `Inception-A ${i}`),
      'Reduction-A',
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => `Inception-B ${i}`),
      'Reduction-B',
      'Inception-C 1',
      'Inception-C 2',
      'Inception-C 3',
      'Classifier',
    ]);
  });

  it('finds the segment computing a node, a whole repeat at its last repetition', () => {
    const site = (a: string) => {
      const s = siteOf(segments, analysis, a);
      return s && [s.segment.address, s.observed];
    };
    expect(site('inception-resnet-b/3/0/0/1/1')).toEqual(['inception-resnet-b/3', 'inception-resnet-b/3/0/0/1/1']);
    expect(site('inception-resnet-b/3')).toEqual(['inception-resnet-b/3', 'inception-resnet-b/3']);
    expect(site('inception-resnet-b')).toEqual(['inception-resnet-b/19', 'inception-resnet-b/19']);
    expect(site('stem/3')).toEqual(['stem', 'stem/3']);
    expect(site('head/2')).toEqual(['head', 'head/2']);
    expect(site('inception-resnet-b/30')).toBeUndefined();
    // "inception-resnet-c/1…" must not be taken for "inception-resnet-c-final".
    expect(site('inception-resnet-c-final/0')).toEqual(['inception-resnet-c-final', 'inception-resnet-c-final/0']);
  });
});
