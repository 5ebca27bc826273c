import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../analysis/analyze.ts';
import { inceptionV4Released } from '../networks/inception-v4.ts';
import { scaledFilters, scaleWidth } from './width.ts';

describe('the width multiplier', () => {
  it('rounds to the nearest filter and keeps at least one', () => {
    const cases = [
      [96, 0.25],
      [100, 0.125],
      [6, 0.25],
      [1, 0.01],
    ] as const;
    expect(cases.map(([filters, width]) => scaledFilters(filters, width))).toEqual([24, 13, 2, 1]);
  });

  it("scales Reduction-A's k, l, m, n with its convolutions, so Table 1's names still fit the layers", () => {
    const a = analyzeNetwork(scaleWidth(inceptionV4Released, 0.25));
    const reduction = a.byAddress.get('reduction-a')!;
    expect(reduction.node.kind === 'concat' && reduction.node.block?.params).toEqual({ k: 48, l: 56, m: 64, n: 96 });
    const filters = (address: string) => {
      const node = a.byAddress.get(address)!.node;
      return node.kind === 'conv' ? node.filters : undefined;
    };
    // Released branch order: n (3×3 s2), then k → l → m.
    expect(['reduction-a/0', 'reduction-a/1/0', 'reduction-a/1/1', 'reduction-a/1/2'].map(filters)).toEqual([
      96, 48, 56, 64,
    ]);
  });

  it('leaves pooling, the classifier and the keys as they were', () => {
    const scaled = scaleWidth(inceptionV4Released, 0.5);
    const strip = (json: string) => json.replace(/"filters":\d+/g, '').replace(/"params":\{[^}]*\}/g, '');
    expect(strip(JSON.stringify(scaled))).toBe(strip(JSON.stringify(inceptionV4Released)));
    expect(analyzeNetwork(scaled).output).toEqual([1000]);
  });
});
