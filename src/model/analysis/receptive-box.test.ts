import { describe, expect, it } from 'vitest';
import { conv, maxPool, seq } from '../builders.ts';
import { NETWORKS } from '../networks/index.ts';
import type { Conv, MaxPool, NetworkDefinition } from '../types.ts';
import { analyzeNetwork } from './analyze.ts';
import { cellGrids, receptiveBox } from './receptive-box.ts';

const v4 = analyzeNetwork(NETWORKS['inception-v4'].released!);
const irv2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);

/**
 * Brute force along one axis: the input indices a cell of the last layer of a chain depends on, by
 * expanding each layer's window (TF's "same": floor(total padding / 2) before) back to the input.
 */
function reach(layers: ReadonlyArray<Conv | MaxPool>, sizes: readonly number[], cell: number): [number, number] {
  let cells = new Set([cell]);
  for (let l = layers.length - 1; l >= 0; l--) {
    const {
      kernel: [k],
      stride,
      padding,
    } = layers[l];
    const before = padding === 'same' ? Math.floor(Math.max(0, (sizes[l + 1] - 1) * stride + k - sizes[l]) / 2) : 0;
    const next = new Set<number>();
    for (const c of cells)
      for (let i = 0; i < k; i++) {
        const at = c * stride - before + i;
        if (at >= 0 && at < sizes[l]) next.add(at);
      }
    cells = next;
  }
  return [Math.min(...cells), Math.max(...cells)];
}

describe('receptive boxes', () => {
  it("the stem's first conv (3×3, stride 2, valid): a 3 px box at twice the cell", () => {
    const grids = cellGrids(v4);
    expect(v4.byAddress.get('stem/0')!.receptiveField).toEqual({ size: [3, 3], jump: [2, 2] });
    expect(receptiveBox(v4, grids, 'stem/0', 0, 0)).toEqual({ y: 0, x: 0, height: 3, width: 3 });
    expect(receptiveBox(v4, grids, 'stem/0', 10, 7)).toEqual({ y: 20, x: 14, height: 3, width: 3 });
    expect(receptiveBox(v4, grids, 'stem/0', 148, 148)).toEqual({ y: 296, x: 296, height: 3, width: 3 });
  });

  it("matches a brute-force expansion of the stem's conv chain, clipped at the borders", () => {
    const grids = cellGrids(v4);
    const path = ['stem/0', 'stem/1', 'stem/2', 'stem/3/1'];
    const layers = path.map((a) => v4.byAddress.get(a)!.node as Conv);
    const sizes = [299, ...path.map((a) => v4.byAddress.get(a)!.output[0])];
    for (const [depth, address] of path.entries()) {
      const n = sizes[depth + 1];
      for (const cell of [0, 1, 2, Math.floor(n / 2), n - 2, n - 1]) {
        const [lo, hi] = reach(layers.slice(0, depth + 1), sizes.slice(0, depth + 2), cell);
        const box = receptiveBox(v4, grids, address, cell, cell);
        expect([box.y, box.y + box.height - 1], `${address} cell ${cell}`).toEqual([lo, hi]);
        expect([box.x, box.width]).toEqual([box.y, box.height]);
      }
    }
    // Inside the input the box is exactly the analysis' receptive field.
    expect(receptiveBox(v4, grids, 'stem/3/1', 30, 30).height).toBe(
      v4.byAddress.get('stem/3/1')!.receptiveField.size[0],
    );
  });

  it('"same" padding with a stride pads as TF does (one more cell after than before)', () => {
    const definition: NetworkDefinition = {
      ...NETWORKS['inception-v4'].released!,
      input: [20, 20, 3],
      checkpoint: undefined,
      stages: [
        seq(
          [
            conv('3x3', 4, { stride: 2, padding: 'same' }),
            conv('3x3', 4),
            maxPool('3x3', { stride: 2, padding: 'same' }),
          ],
          { name: 'Tiny' },
        ),
      ],
    };
    const analysis = analyzeNetwork(definition);
    const grids = cellGrids(analysis);
    const layers = analysis.stages[0].children.map((c) => c.node as Conv | MaxPool);
    const sizes = [20, ...analysis.stages[0].children.map((c) => c.output[0])];
    expect(sizes).toEqual([20, 10, 10, 5]);
    for (const [depth, child] of analysis.stages[0].children.entries()) {
      for (let cell = 0; cell < sizes[depth + 1]; cell++) {
        const [lo, hi] = reach(layers.slice(0, depth + 1), sizes.slice(0, depth + 2), cell);
        const box = receptiveBox(analysis, grids, child.address, cell, 0);
        expect([box.y, box.y + box.height - 1], `${child.address} cell ${cell}`).toEqual([lo, hi]);
      }
    }
  });

  it("every node's grid spacing is the analysis' jump, and boxes stay inside the input", () => {
    for (const analysis of [v4, irv2]) {
      const grids = cellGrids(analysis);
      for (const [address, node] of analysis.byAddress) {
        if (node.output.length !== 3) continue;
        expect(grids.get(address)!.jump, address).toEqual(node.receptiveField.jump);
        const [h, w] = node.output;
        for (const [y, x] of [
          [0, 0],
          [h - 1, w - 1],
        ]) {
          const box = receptiveBox(analysis, grids, address, y, x);
          expect(box.y).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(299);
          expect(box.height).toBeGreaterThan(0);
        }
      }
    }
  });

  it("a deep node's field is centred: its middle cell's box is the field clipped symmetrically", () => {
    const grids = cellGrids(irv2);
    const size = irv2.byAddress.get('mixed-5b')!.receptiveField.size[0];
    expect(size).toBe(63);
    // 35×35 cells 8 px apart over 299 px: the middle cell is centred on pixel 149.
    expect(receptiveBox(irv2, grids, 'mixed-5b', 17, 17)).toEqual({
      y: 149 - 31,
      x: 149 - 31,
      height: size,
      width: size,
    });
    expect(() => receptiveBox(irv2, grids, 'head/0', 0, 0)).toThrow(/outputs a vector/);
    expect(() => receptiveBox(irv2, grids, 'nope', 0, 0)).toThrow(/no node "nope"/);
  });
});
