import { describe, expect, it } from 'vitest';
import { analyzeNetwork, walk, type NetworkAnalysis } from '../model/analysis/analyze.ts';
import { NETWORKS } from '../model/networks/index.ts';
import type { NetworkId, Variant } from '../model/types.ts';
import { canExpand, expandAll, layoutNetwork } from './network.ts';
import type { Box, Layout } from './types.ts';
import { layoutProblems } from './validate.ts';

const analysis = (id: NetworkId, variant: Variant): NetworkAnalysis => analyzeNetwork(NETWORKS[id][variant]!);
const released = analysis('inception-resnet-v2', 'released');
const box = (layout: Layout, address: string): Box => layout.boxes.find((b) => b.address === address)!;

describe('layoutNetwork, rolled up (Figs. 9 and 15)', () => {
  const layout = layoutNetwork(released, new Set());

  it('stacks input, stages and classifier bottom to top with the stage output shapes on the edges', () => {
    const column = [...layout.boxes].sort((a, b) => b.y - a.y).map((b) => b.label);
    expect(column).toEqual([
      'Input',
      'Stem',
      'Mixed_5b',
      '10 × Inception-ResNet-A',
      'Reduction-A',
      '20 × Inception-ResNet-B',
      'Reduction-B',
      '9 × Inception-ResNet-C',
      'Inception-ResNet-C',
      '1×1 conv, 1536',
      'Average Pooling',
      'Dropout (keep 0.8)',
      'Fully connected, 1000',
      'Softmax',
    ]);
    const labels = [...layout.edges].sort((a, b) => b.points[0].y - a.points[0].y).map((e) => e.label);
    expect(labels).toEqual([
      undefined,
      '35×35×192',
      '35×35×320',
      '35×35×320',
      '17×17×1088',
      '17×17×1088',
      '8×8×2080',
      '8×8×2080',
      '8×8×2080',
      '8×8×1536',
      '1536',
      '1536',
      '1000',
    ]);
    expect(box(layout, 'network#input')).toMatchObject({ kind: 'input', sublabel: '299×299×3' });
    expect(layoutProblems(layout)).toEqual([]);
  });

  it('rolls repeats up into one expandable box with their count and residual scale', () => {
    expect(box(layout, 'inception-resnet-a')).toMatchObject({
      kind: 'repeat',
      label: '10 × Inception-ResNet-A',
      sublabel: '×0.17',
      marks: { count: 10, scale: '×0.17' },
      expandable: true,
      expanded: false,
      output: '35×35×320',
    });
    expect(box(layout, 'inception-resnet-c-final')).toMatchObject({
      kind: 'block',
      sublabel: '×1 · no ReLU',
      marks: { scale: '×1', noActivation: true },
    });
    expect(box(layout, 'conv2d-7b-1x1')).toMatchObject({ kind: 'layer', sublabel: 'Conv2d_7b_1x1' });
    expect(box(layout, 'conv2d-7b-1x1').expandable).toBeUndefined();
    const paper = layoutNetwork(analysis('inception-resnet-v2', 'paper'));
    expect(box(paper, 'inception-resnet-b')).toMatchObject({ label: '10 × Inception-ResNet-B', sublabel: '×0.1–0.3' });
    expect(box(layoutNetwork(analysis('inception-v4', 'paper')), 'inception-b').label).toBe('7 × Inception-B');
  });
});

describe('expansion', () => {
  it('opens a repeat into its repetitions, and a repetition into its layers, in place', () => {
    const repeat = layoutNetwork(released, new Set(['inception-resnet-a']));
    expect(box(repeat, 'inception-resnet-a')).toMatchObject({ expanded: true, depth: 0 });
    const reps = repeat.boxes.filter((b) => /^inception-resnet-a\/\d+$/.test(b.address));
    expect(reps).toHaveLength(10);
    expect(reps.map((b) => b.sublabel)).toEqual(Array.from({ length: 10 }, (_, i) => `${i + 1} of 10 · ×0.17`));
    for (let i = 1; i < reps.length; i++) expect(reps[i].y).toBeLessThan(reps[i - 1].y);
    expect(reps.every((b) => b.depth === 1 && !b.expanded)).toBe(true);
    expect(repeat.boxes.some((b) => b.address.startsWith('inception-resnet-a/0/'))).toBe(false);

    const block = layoutNetwork(released, new Set(['inception-resnet-a', 'inception-resnet-a/3']));
    expect(box(block, 'inception-resnet-a/3')).toMatchObject({ expanded: true, depth: 1 });
    expect(box(block, 'inception-resnet-a/3/0/1')).toMatchObject({ label: '1×1 conv, 320, Linear', depth: 2 });
    expect(block.boxes.filter((b) => b.kind === 'add').map((b) => b.address)).toEqual(['inception-resnet-a/3#add']);
    // The shortcut comes from the repetition below.
    expect(block.edges.find((e) => e.kind === 'skip')).toMatchObject({
      from: 'inception-resnet-a/2',
      to: 'inception-resnet-a/3#add',
    });
    expect(layoutProblems(block)).toEqual([]);
  });

  it('ignores an opened block inside a rolled-up repeat, and unknown addresses', () => {
    const layout = layoutNetwork(released, new Set(['inception-resnet-a/3', 'nothing-here']));
    expect(layout.boxes.filter((b) => b.expanded)).toEqual([]);
  });

  it('knows what can be opened', () => {
    expect(canExpand(released, 'inception-resnet-b')).toBe(true);
    expect(canExpand(released, 'inception-resnet-b/4')).toBe(true);
    expect(canExpand(released, 'stem')).toBe(true);
    expect(canExpand(released, 'head')).toBe(false);
    expect(canExpand(released, 'conv2d-7b-1x1')).toBe(false);
    expect(canExpand(released, 'inception-resnet-b/4/0/0')).toBe(false);
  });
});

describe('every single opening', () => {
  it('draws cleanly for each expandable block or repeat of every network, opened with its enclosing ones', () => {
    let checked = 0;
    for (const variants of Object.values(NETWORKS)) {
      for (const network of Object.values(variants)) {
        const a = analyzeNetwork(network!);
        const all = expandAll(a);
        for (const address of all) {
          const parts = address.split('/');
          const opened = new Set(parts.map((_, i) => parts.slice(0, i + 1).join('/')).filter((x) => all.has(x)));
          expect(layoutProblems(layoutNetwork(a, opened)), `${network!.id} ${network!.variant} ${address}`).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('the fully expanded graph', () => {
  it('shows every layer of the released Inception-ResNet-v2: 244 convolutions, pools, merges, additions, classifier', () => {
    const layout = layoutNetwork(released, expandAll(released));
    const layers = released.stages.flatMap((s) => [...walk(s)]).filter((a) => a.children.length === 0);
    const drawn = new Set(layout.boxes.map((b) => b.address));
    for (const a of layers) expect(drawn.has(a.address), a.address).toBe(true);
    expect(layout.boxes.filter((b) => b.layer === 'conv')).toHaveLength(244);
    expect(layout.boxes.filter((b) => b.layer === 'maxpool')).toHaveLength(4);
    expect(layout.boxes.filter((b) => b.layer === 'avgpool')).toHaveLength(1);
    expect(layout.boxes.filter((b) => b.kind === 'add')).toHaveLength(40);
    expect(layout.boxes.filter((b) => b.kind === 'activation')).toHaveLength(39);
    expect(layout.boxes.filter((b) => b.kind === 'concat')).toHaveLength(43);
    expect(layout.boxes.filter((b) => b.expanded && b.kind === 'repeat')).toHaveLength(3);
    expect(layout.boxes.some((b) => b.expandable && !b.expanded)).toBe(false);
    expect(layoutProblems(layout)).toEqual([]);
  });

  it('draws every network and variant, rolled up and fully expanded, without a geometric problem', () => {
    for (const [id, variants] of Object.entries(NETWORKS)) {
      for (const network of Object.values(variants)) {
        const a = analyzeNetwork(network!);
        expect(layoutProblems(layoutNetwork(a)), `${id} ${network!.variant}`).toEqual([]);
        const full = layoutNetwork(a, expandAll(a));
        expect(layoutProblems(full), `${id} ${network!.variant} expanded`).toEqual([]);
        // Frames precede what they contain, and contain it.
        full.boxes.forEach((b, i) => {
          if (!b.expanded) return;
          for (const inner of full.boxes
            .slice(i + 1)
            .filter((x) => x.address.startsWith(`${b.address}/`) || x.node?.startsWith(`${b.address}/`))) {
            expect(
              inner.x >= b.x &&
                inner.x + inner.width <= b.x + b.width &&
                inner.y >= b.y &&
                inner.y + inner.height <= b.y + b.height,
              inner.address,
            ).toBe(true);
          }
        });
      }
    }
  });
});
