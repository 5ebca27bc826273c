import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { layoutBlock } from '../../layout/block.ts';
import { layoutNetwork } from '../../layout/network.ts';
import { targetNodes, thumbnailTargets } from './targets.ts';

const irv2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);

describe('thumbnailTargets', () => {
  it("maps a block view's boxes to the nodes whose outputs they show", () => {
    const layout = layoutBlock(irv2, 'inception-resnet-b/0', { thumbnail: 30 });
    const targets = thumbnailTargets(irv2, layout);
    expect(targets.get('inception-resnet-b/0#input')).toBe('reduction-a');
    expect(targets.get('inception-resnet-b/0#relu')).toBe('inception-resnet-b/0');
    expect(targets.get('inception-resnet-b/0/0/0/1/1')).toBe('inception-resnet-b/0/0/0/1/1');
    // The filter concatenation inside the residual branch shows its own output.
    expect(targets.get('inception-resnet-b/0/0/0#concat')).toBe('inception-resnet-b/0/0/0');
    expect(targets.has('inception-resnet-b/0#add')).toBe(false);
    expect(targetNodes(targets)).toHaveLength(8);
  });

  it('shows the output of an Inception-v4 or reduction block on its Filter concat bar', () => {
    const v4 = analyzeNetwork(NETWORKS['inception-v4'].released!);
    for (const block of ['inception-a/0', 'reduction-a', 'reduction-b', 'inception-c/0']) {
      const targets = thumbnailTargets(v4, layoutBlock(v4, block, { thumbnail: 30 }));
      expect(targets.get(`${block}#concat`), block).toBe(block);
      expect(v4.byAddress.get(block)?.node.kind).toBe('concat');
    }
  });

  it('shows the photo on the network input, and the last repetition on a rolled-up repeat', () => {
    const targets = thumbnailTargets(irv2, layoutNetwork(irv2, new Set(), { thumbnail: 30 }));
    expect(targets.get('network#input')).toBe('photo');
    expect(targets.get('inception-resnet-a')).toBe('inception-resnet-a');
    expect(targets.has('network#output')).toBe(false);
    expect(thumbnailTargets(irv2, layoutNetwork(irv2)).size).toBe(0);
  });
});
