import { describe, expect, it } from 'vitest';
import { PAPER_FIGURES, SCHEMA_FIGURES, findFigure, findFigureIn } from './figures.ts';

describe('PAPER_FIGURES', () => {
  it('reaches every block figure of the paper: 3–8, 10–14, 16–19', () => {
    expect(PAPER_FIGURES.map((f) => f.figure)).toEqual([3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 16, 17, 18, 19]);
  });

  it('takes each figure from the paper variant of the network it belongs to', () => {
    const row = (n: number) => {
      const f = findFigure(n)!;
      return `${f.network}/${f.variant} ${f.blockId} ${f.address} ${f.title}`;
    };
    expect(row(3)).toBe('inception-v4/paper stem stem Stem');
    expect(row(7)).toBe('inception-v4/paper reduction-a reduction-a Reduction-A');
    expect(row(8)).toBe('inception-v4/paper reduction-b reduction-b Reduction-B');
    expect(row(12)).toBe('inception-resnet-v1/paper reduction-b reduction-b Reduction-B');
    expect(row(14)).toBe('inception-resnet-v1/paper stem stem Stem');
    expect(row(17)).toBe('inception-resnet-v2/paper inception-resnet-b inception-resnet-b/0 Inception-ResNet-B');
    expect(findFigure(9)).toBeUndefined();
  });

  it('lists the schema figures 9 and 15 with their networks', () => {
    expect(SCHEMA_FIGURES).toEqual([
      { figure: 9, networks: ['inception-v4'] },
      { figure: 15, networks: ['inception-resnet-v1', 'inception-resnet-v2'] },
    ]);
  });
});

describe('findFigureIn', () => {
  it('finds the block a figure draws in a given network, where several networks share the figure', () => {
    const where = (network: Parameters<typeof findFigureIn>[0], n: number) => {
      const f = findFigureIn(network, n);
      return f && `${f.network}/${f.variant} ${f.address}`;
    };
    expect(where('inception-resnet-v1', 7)).toBe('inception-resnet-v1/paper reduction-a');
    expect(where('inception-resnet-v2', 7)).toBe('inception-resnet-v2/paper reduction-a');
    expect(where('inception-v4', 7)).toBe('inception-v4/paper reduction-a');
    expect(where('inception-v4', 17)).toBeUndefined();
  });
});
