import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { layoutBlock } from '../../layout/block.ts';
import { layoutNetwork } from '../../layout/network.ts';
import { targetNodes, thumbnailTargets } from './targets.ts';

const irv2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);

describe('thumbnailTargets', () => {
  it('maps a block view\'s boxes to the nodes whose outputs they show', () => {
    const layout = layoutBlock(irv2, 'inception-resnet-b/0', { thumbnail: 30 });
    const targets = thumbnailTargets(irv2, layout);
    expect(targets.get('inception-resnet-b/0#input')).toBe('reduction-a');
    expect(targets.get('inception-resnet-b/0#relu')).toBe('inception-resnet-b/0');
    expect(targets.get('inception-resnet-b/0/0/0/1/1')).toBe('inception-resnet-b/0/0/0/1/1');
    expect(targets.has('inception-resnet-b/0#concat')).toBe(false);
    expect(targetNodes(targets)).toHaveLength(7);
  });

  it('shows the photo on the network input, and the last repetition on a rolled-up repeat', () => {
    const targets = thumbnailTargets(irv2, layoutNetwork(irv2, new Set(), { thumbnail: 30 }));
    expect(targets.get('network#input')).toBe('photo');
    expect(targets.get('inception-resnet-a')).toBe('inception-resnet-a');
    expect(targets.has('network#output')).toBe(false);
    expect(thumbnailTargets(irv2, layoutNetwork(irv2)).size).toBe(0);
  });
});
