/**
 * Where in the network's input an output cell looks: the box of input pixels its receptive field covers.
 * The analysis gives each node's receptive-field size and the input distance between adjacent cells
 * (`ReceptiveField`); the box also needs where cell (0, 0) is centred, which depends on each windowed
 * layer's padding. `cellGrids` walks the analysed tree once for that centre ("same" padding as TF pads:
 * floor(total / 2) before, the rest after; "valid" none), and `receptiveBox` places the analysis' size
 * around a cell's centre, clipped to the input.
 */
import type { AnalyzedNode, NetworkAnalysis } from './analyze.ts';

/** Input coordinates of the centre of cell (0, 0) and the distance between adjacent cells, [y, x]. */
export interface CellGrid {
  start: readonly [number, number];
  jump: readonly [number, number];
}

/** A box of input pixels: top-left corner and size, inside the input. */
export interface PixelBox {
  y: number;
  x: number;
  height: number;
  width: number;
}

const INPUT_GRID: CellGrid = { start: [0, 0], jump: [1, 1] };

/** Every node's cell grid, by address. */
export function cellGrids(analysis: NetworkAnalysis): Map<string, CellGrid> {
  const grids = new Map<string, CellGrid>();
  let grid = INPUT_GRID;
  for (const stage of analysis.stages) grid = walkGrid(stage, grid, grids);
  return grids;
}

function walkGrid(node: AnalyzedNode, input: CellGrid, grids: Map<string, CellGrid>): CellGrid {
  let out = input;
  const def = node.node;
  switch (def.kind) {
    case 'sequence':
    case 'repeat':
      for (const child of node.children) out = walkGrid(child, out, grids);
      break;
    case 'concat': {
      // Branches end on the same grid; the widest field's branch sets the centre (as the analysis' size).
      const outs = node.children.map((c) => walkGrid(c, input, grids));
      const widest = node.children.reduce(
        (best, c, i) => (c.receptiveField.size[0] > node.children[best].receptiveField.size[0] ? i : best),
        0,
      );
      out = outs[widest] ?? input;
      break;
    }
    case 'residual':
      // out = act(x + s·r): the shortcut keeps the input's grid, which the branch's output lies on.
      walkGrid(node.children[0], input, grids);
      break;
    case 'conv':
    case 'maxpool':
    case 'avgpool': {
      const shift = (axis: 0 | 1) => {
        const k = def.kernel[axis];
        const before =
          def.padding === 'same'
            ? Math.floor(Math.max(0, (node.output[axis] - 1) * def.stride + k - node.input[axis]) / 2)
            : 0;
        return input.start[axis] + input.jump[axis] * ((k - 1) / 2 - before);
      };
      out = { start: [shift(0), shift(1)], jump: [input.jump[0] * def.stride, input.jump[1] * def.stride] };
      break;
    }
    default:
      break;
  }
  grids.set(node.address, out);
  return out;
}

/**
 * The input pixels that cell (y, x) of `address`'s output sees: the analysis' receptive-field size
 * centred on the cell, clipped to the network's input.
 */
export function receptiveBox(
  analysis: NetworkAnalysis,
  grids: ReadonlyMap<string, CellGrid>,
  address: string,
  y: number,
  x: number,
): PixelBox {
  const node = analysis.byAddress.get(address);
  const grid = grids.get(address);
  if (!node || !grid) throw new RangeError(`${analysis.network.title} has no node "${address}"`);
  if (node.output.length !== 3) throw new RangeError(`${address} outputs a vector; only an h×w×c output has cells`);
  const [inH, inW] = analysis.stages[0]?.input ?? analysis.network.input;
  const span = (axis: 0 | 1, cell: number, limit: number) => {
    const size = node.receptiveField.size[axis];
    const first = Math.round(grid.start[axis] + grid.jump[axis] * cell - (size - 1) / 2);
    const from = Math.max(0, first);
    const to = Math.min(limit, first + size);
    return [from, Math.max(0, to - from)] as const;
  };
  const [top, height] = span(0, y, inH);
  const [left, width] = span(1, x, inW);
  return { y: top, x: left, height, width };
}
