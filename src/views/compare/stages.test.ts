import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { alignStages, STAGE_GROUPS } from './stages.ts';

describe('alignStages', () => {
  it('places every stage of every network and keeps the totals', () => {
    for (const variants of Object.values(NETWORKS)) {
      for (const network of Object.values(variants)) {
        const analysis = analyzeNetwork(network!);
        const aligned = alignStages(analysis);
        expect(aligned.map((a) => a.group)).toEqual(STAGE_GROUPS.map((g) => g.id));
        expect(aligned.reduce((n, a) => n + a.params, 0)).toBe(analysis.params);
        expect(aligned.reduce((n, a) => n + a.macs, 0)).toBe(analysis.macs);
        expect(aligned.every((a) => a.stages.length > 0)).toBe(true);
      }
    }
  });

  it('groups the released Inception-ResNet-v2 stem with Mixed_5b and its 8×8 part with the last Block8 and Conv2d_7b', () => {
    const aligned = alignStages(analyzeNetwork(NETWORKS['inception-resnet-v2'].released!));
    const byGroup = Object.fromEntries(aligned.map((a) => [a.group, a]));
    expect(byGroup.stem.labels).toEqual(['Stem', 'Mixed_5b']);
    expect(byGroup.stem.output).toEqual([35, 35, 320]);
    expect(byGroup['grid-8'].labels).toEqual(['9 × Inception-ResNet-C', 'Inception-ResNet-C', 'Conv2d_7b_1x1']);
    expect(byGroup['grid-8'].output).toEqual([8, 8, 1536]);
    expect(byGroup['grid-17'].labels).toEqual(['20 × Inception-ResNet-B']);
  });
});
