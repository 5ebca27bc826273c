import { describe, expect, it } from 'vitest';
import { topClasses, topIndices } from './top-k.ts';

describe('top-k', () => {
  it('orders by probability, most probable first', () => {
    expect(topIndices(Float32Array.of(0.1, 0.5, 0.15, 0.25), 3)).toEqual([1, 3, 2]);
  });

  it('breaks ties by the lower class index', () => {
    expect(topIndices([0.1, 0.4, 0.1, 0.4, 0], 3)).toEqual([1, 3, 0]);
    expect(topIndices([0.5, 0.5], 5)).toEqual([0, 1]);
    // A uniform output: the first k classes, whatever the sort's own order for equal keys.
    const uniform = new Float32Array(1000).fill(0.001);
    expect(topIndices(uniform, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(topClasses(Float32Array.of(0.2, 0.3, 0.2, 0.3), 4, ['a', 'b', 'c', 'd']).map((t) => t.label)).toEqual([
      'b',
      'd',
      'a',
      'c',
    ]);
  });

  it('labels each class, and names a class without a label by its index', () => {
    expect(topClasses(Float32Array.of(0.1, 0.5, 0.2, 0.2), 2, ['a', 'b', 'c', 'd'])).toEqual([
      { classIndex: 1, label: 'b', probability: Math.fround(0.5) },
      { classIndex: 2, label: 'c', probability: Math.fround(0.2) },
    ]);
    expect(topClasses([0.25, 0.75], 1, [])).toEqual([{ classIndex: 1, label: 'class 1', probability: 0.75 }]);
  });

  it('gives at most as many classes as there are, and none for k ≤ 0', () => {
    expect(topIndices([0.3, 0.7], 10)).toEqual([1, 0]);
    expect(topIndices([0.3, 0.7], 0)).toEqual([]);
    expect(topIndices([0.3, 0.7], -1)).toEqual([]);
  });
});
