import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { NETWORKS } from '../model/networks/index.ts';
import { layoutBlock } from './block.ts';
import { layoutNetwork } from './network.ts';
import { enclosingFrame, neighbour } from './navigate.ts';

const v2paper = analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!);
const fig16 = layoutBlock(v2paper, 'inception-resnet-a/0');
const at = (label: string, nth = 0) => fig16.boxes.filter((b) => b.label === label)[nth].address;

describe('neighbour (keyboard moves in Fig. 16)', () => {
  it('moves up and down along the edges, preferring the data path to the shortcut', () => {
    expect(neighbour(fig16, at('1×1 conv, 32', 1), 'up')).toBe(at('3×3 conv, 32'));
    expect(neighbour(fig16, at('3×3 conv, 32'), 'down')).toBe(at('1×1 conv, 32', 1));
    expect(neighbour(fig16, at('1×1 conv, 384, Linear'), 'up')).toBe('inception-resnet-a/0#add');
    expect(neighbour(fig16, 'inception-resnet-a/0#add', 'down')).toBe(at('1×1 conv, 384, Linear'));
    expect(neighbour(fig16, 'inception-resnet-a/0#add', 'up')).toBe('inception-resnet-a/0#relu');
    expect(neighbour(fig16, 'inception-resnet-a/0#relu', 'up')).toBeUndefined();
    // From the wide input bar, up goes to the branch most in line with its centre.
    expect(neighbour(fig16, 'inception-resnet-a/0#input', 'up')).toBe(at('1×1 conv, 32', 1));
  });

  it('moves left and right between sibling branches', () => {
    expect(neighbour(fig16, at('1×1 conv, 32', 1), 'left')).toBe(at('1×1 conv, 32', 0));
    expect(neighbour(fig16, at('1×1 conv, 32', 1), 'right')).toBe(at('1×1 conv, 32', 2));
    expect(neighbour(fig16, at('1×1 conv, 32', 0), 'left')).toBeUndefined();
    expect(neighbour(fig16, at('3×3 conv, 32'), 'right')).toBe(at('3×3 conv, 48'));
  });

  it('answers undefined for an unknown address', () => {
    expect(neighbour(fig16, 'nowhere', 'up')).toBeUndefined();
  });
});

describe('enclosingFrame', () => {
  it('finds the innermost opened block around a box, and none at the top level', () => {
    const layout = layoutNetwork(v2paper, new Set(['inception-resnet-a', 'inception-resnet-a/2']));
    expect(enclosingFrame(layout, 'inception-resnet-a/2/0/0/0')).toBe('inception-resnet-a/2');
    expect(enclosingFrame(layout, 'inception-resnet-a/2')).toBe('inception-resnet-a');
    expect(enclosingFrame(layout, 'inception-resnet-a/4')).toBe('inception-resnet-a');
    expect(enclosingFrame(layout, 'stem')).toBeUndefined();
  });
});
