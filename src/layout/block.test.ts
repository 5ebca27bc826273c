import { describe, expect, it } from 'vitest';
import { analyzeNetwork, type NetworkAnalysis } from '../model/analysis/analyze.ts';
import { NETWORKS } from '../model/networks/index.ts';
import type { NetworkId, Variant } from '../model/types.ts';
import { layoutBlock } from './block.ts';
import { PAPER_FIGURES } from './figures.ts';
import type { Box, Layout } from './types.ts';
import { layoutProblems } from './validate.ts';

const analysis = (id: NetworkId, variant: Variant): NetworkAnalysis => analyzeNetwork(NETWORKS[id][variant]!);
const figure = (n: number): Layout => {
  const f = PAPER_FIGURES.find((p) => p.figure === n)!;
  return layoutBlock(analysis(f.network, f.variant), f.address);
};
const byLabel = (layout: Layout, label: string): Box[] => layout.boxes.filter((b) => b.label === label);
const one = (layout: Layout, label: string): Box => {
  const found = byLabel(layout, label);
  expect(found, `one box "${label}"`).toHaveLength(1);
  return found[0];
};

describe('layoutBlock draws every paper figure cleanly', () => {
  for (const f of PAPER_FIGURES) {
    it(`Fig. ${f.figure} (${f.title}): no overlaps, edges join boxes, labels clear, nothing outside`, () => {
      const layout = layoutBlock(analysis(f.network, f.variant), f.address);
      expect(layoutProblems(layout)).toEqual([]);
      expect(layout.kind).toBe('block');
      expect(layout.title).toBe(`${f.title} (Fig. ${f.figure})`);
    });

    it(`Fig. ${f.figure}: data flows bottom to top, from the input bar at the bottom to one output on top`, () => {
      const layout = layoutBlock(analysis(f.network, f.variant), f.address);
      const input = layout.boxes.find((b) => b.kind === 'input')!;
      expect(Math.max(...layout.boxes.map((b) => b.y + b.height))).toBe(input.y + input.height);
      for (const e of layout.edges) {
        expect(e.points[0].y, e.id).toBeGreaterThan(e.points[e.points.length - 1].y);
        for (let i = 1; i < e.points.length; i++) expect(e.points[i].y, e.id).toBeLessThanOrEqual(e.points[i - 1].y);
      }
      const sinks = layout.boxes.filter((b) => !layout.edges.some((e) => e.from === b.address));
      expect(sinks).toHaveLength(1);
      expect(sinks[0].y).toBe(Math.min(...layout.boxes.map((b) => b.y)));
      // Sizes are sane: every box holds its label, the drawing is figure-sized.
      for (const b of layout.boxes) expect(b.width, b.label).toBeGreaterThanOrEqual(b.kind === 'add' ? 22 : 60);
      expect(layout.width).toBeLessThan(1600);
      expect(layout.height).toBeLessThan(1600);
    });
  }
});

describe('every block view', () => {
  it("draws cleanly for every stage of every network and variant, not only the paper's figures", () => {
    let checked = 0;
    for (const variants of Object.values(NETWORKS)) {
      for (const network of Object.values(variants)) {
        const a = analyzeNetwork(network!);
        for (const stage of a.stages) {
          expect(
            layoutProblems(layoutBlock(a, stage.address)),
            `${network!.id} ${network!.variant} ${stage.address}`,
          ).toEqual([]);
          checked++;
        }
      }
    }
    // 38 stages of the paper's networks in both forms; 7 + 10 + 10 of the small ones (model/small/).
    expect(checked).toBe(38 + 7 + 10 + 10);
  });
});

describe('blocks read like the paper', () => {
  it('Fig. 17 (Inception-ResNet-B): branches, Linear projection, scaled addition with its shortcut, Relu activation', () => {
    const layout = figure(17);
    expect(byLabel(layout, 'Relu activation').map((b) => b.kind)).toEqual(['input', 'activation']);
    expect(layout.boxes.find((b) => b.kind === 'input')).toMatchObject({ sublabel: '17×17×1152' });
    expect(layout.boxes.find((b) => b.kind === 'activation')).toMatchObject({
      sublabel: '17×17×1154',
      output: '17×17×1154',
    });
    const c1x7 = one(layout, '1×7 conv, 160');
    const c7x1 = one(layout, '7×1 conv, 192');
    expect(c7x1.y).toBeLessThan(c1x7.y);
    expect(one(layout, '1×1 conv, 192').x).toBeLessThan(c1x7.x);
    const linear = one(layout, '1×1 conv, 1154, Linear');
    expect(linear.marks.linear).toBe(true);
    const add = layout.boxes.find((b) => b.kind === 'add')!;
    expect(add).toMatchObject({ label: '+', sublabel: '×0.1–0.3', marks: { scale: '×0.1–0.3' } });
    expect(layout.edges.find((e) => e.kind === 'skip')).toMatchObject({
      from: 'inception-resnet-b/0#input',
      to: add.address,
    });
    expect(layout.edges.find((e) => e.from === linear.address)).toMatchObject({ to: add.address, label: '17×17×1154' });
    expect(layout.edges.find((e) => e.to === c1x7.address)?.label).toBe('17×17×128');
  });

  it('Fig. 4 (Inception-A): the pooling branch on the left, as drawn, and one Filter concat on top', () => {
    const layout = figure(4);
    const pool = one(layout, '3×3 avg pool');
    for (const b of layout.boxes.filter((x) => x.kind === 'layer')) expect(pool.x).toBeLessThanOrEqual(b.x);
    const concat = layout.boxes.filter((b) => b.kind === 'concat');
    expect(concat).toHaveLength(1);
    expect(concat[0]).toMatchObject({ label: 'Filter concat', sublabel: '35×35×384' });
    expect(layout.boxes.find((b) => b.kind === 'input')).toMatchObject({
      label: 'Filter concat',
      sublabel: '35×35×384',
    });
  });

  it("the released Inception-A keeps the code's branch order: pooling last", () => {
    const layout = layoutBlock(analysis('inception-v4', 'released'), 'inception-a');
    const pool = one(layout, '3×3 avg pool');
    for (const b of layout.boxes.filter((x) => x.kind === 'layer')) expect(pool.x).toBeGreaterThanOrEqual(b.x);
  });

  it('Fig. 6 (Inception-C): the split 1×3 / 3×1 pairs feed the top Filter concat directly, side by side', () => {
    const layout = figure(6);
    expect(layout.boxes.filter((b) => b.kind === 'concat')).toHaveLength(1);
    const merge = layout.boxes.find((b) => b.kind === 'concat')!;
    const split = byLabel(layout, '1×3 conv, 256').concat(byLabel(layout, '3×1 conv, 256'));
    expect(split).toHaveLength(4);
    for (const b of split) expect(layout.edges.some((e) => e.from === b.address && e.to === merge.address)).toBe(true);
    const pair = layout.edges.filter((e) => e.from === one(layout, '3×1 conv, 512').address).map((e) => e.to);
    expect(pair).toHaveLength(2);
    const [a, b] = pair.map((address) => layout.boxes.find((x) => x.address === address)!);
    expect(a.y).toBe(b.y);
    // The Filter concat spans all six inputs: each rises straight into it, none runs across another.
    for (const e of layout.edges.filter((x) => x.to === merge.address)) {
      expect(new Set(e.points.map((p) => p.x)).size, e.id).toBe(1);
    }
    // Fig. 6 as drawn: 1×3 (448) below 3×1 (512).
    expect(one(layout, '1×3 conv, 448').y).toBeGreaterThan(one(layout, '3×1 conv, 512').y);
  });

  it('Fig. 3 (stem): Input 299×299×3 at the bottom, stride-2 and valid layers marked, three Filter concats, 35×35×384 on top', () => {
    const layout = figure(3);
    expect(layout.boxes.find((b) => b.kind === 'input')).toMatchObject({ label: 'Input', sublabel: '299×299×3' });
    expect(one(layout, '3×3 conv, 32, s2, V').marks).toEqual({ valid: true, stride: 2 });
    expect(one(layout, '3×3 conv, 32, V').marks).toEqual({ valid: true });
    expect(byLabel(layout, '3×3 max pool, s2, V').map((b) => b.marks)).toEqual([
      { valid: true, stride: 2 },
      { valid: true, stride: 2 },
    ]);
    const merges = layout.boxes.filter((b) => b.kind === 'concat').sort((a, b) => b.y - a.y);
    expect(merges.map((m) => m.output)).toEqual(['73×73×160', '71×71×192', '35×35×384']);
    expect(merges[2].sublabel).toBe('35×35×384');
  });

  it("Fig. 7 (Reduction-A) is Inception-v4's, with k, l, m, n = 192, 224, 256, 384", () => {
    const layout = figure(7);
    for (const label of ['1×1 conv, 192', '3×3 conv, 224', '3×3 conv, 256, s2, V', '3×3 conv, 384, s2, V'])
      one(layout, label);
  });

  it('the last released Block8 has an unscaled addition and no Relu activation', () => {
    const layout = layoutBlock(analysis('inception-resnet-v2', 'released'), 'inception-resnet-c-final');
    expect(layout.boxes.some((b) => b.kind === 'activation')).toBe(false);
    const add = layout.boxes.find((b) => b.kind === 'add')!;
    expect(add.marks).toEqual({ scale: '×1', noActivation: true });
    expect(add.sublabel).toBe('×1 · no ReLU');
    expect(layout.title).toBe('Inception-ResNet-C (Block8)');
  });

  it('lays out a single layer, and a repeat as its first repetition', () => {
    const a = analysis('inception-resnet-v2', 'released');
    const conv = layoutBlock(a, 'conv2d-7b-1x1');
    expect(conv.boxes.map((b) => b.kind)).toEqual(['input', 'layer']);
    expect(conv.boxes[0].label).toBe('Previous layer');
    expect(layoutBlock(a, 'inception-resnet-a').boxes.map((b) => b.address)).toContain('inception-resnet-a/0#add');
  });

  it('names the network and the address it cannot find', () => {
    expect(() => layoutBlock(analysis('inception-v4', 'paper'), 'inception-z')).toThrow(
      'Inception-v4 (paper) has no block or layer at "inception-z"',
    );
  });
});
