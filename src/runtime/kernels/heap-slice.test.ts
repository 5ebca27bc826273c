import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { sliceWasmFromHeap } from './heap-slice.ts';

/** The values of x[begin … begin + size) for x = 0, 1, 2, … of `shape`, index by index. */
function expectedSlice(shape: number[], begin: number[], size: number[]): number[] {
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const values: number[] = [];
  const visit = (d: number, offset: number) => {
    if (d === shape.length) {
      values.push(offset);
      return;
    }
    for (let i = 0; i < size[d]; i++) visit(d + 1, offset + (begin[d] + i) * strides[d]);
  };
  visit(0, 0);
  return values;
}

const CASES: Array<{ shape: number[]; begin: number[]; size: number[] }> = [
  { shape: [10], begin: [3], size: [5] },
  { shape: [4, 6], begin: [1, 2], size: [2, 3] },
  { shape: [4, 6], begin: [1, 0], size: [3, 6] },
  // A channel slice of NHWC, runs short (3) and long (40): copied value by value and by set().
  { shape: [2, 3, 4, 7], begin: [0, 0, 0, 2], size: [2, 3, 4, 3] },
  { shape: [2, 3, 2, 50], begin: [0, 0, 0, 5], size: [2, 3, 2, 40] },
  // The max pools' views: a row of a [a, length / s, s, b] grid.
  { shape: [2, 5, 2, 6], begin: [0, 1, 1, 0], size: [2, 3, 1, 6] },
  { shape: [3, 2, 4, 5, 2], begin: [1, 0, 1, 2, 0], size: [2, 2, 2, 3, 2] },
  { shape: [2, 3], begin: [0, 0], size: [2, 3] },
  { shape: [2, 3], begin: [1, 1], size: [0, 2] },
];

describe('sliceWasmFromHeap', () => {
  beforeAll(async () => {
    await activateNodeBackend('wasm');
    sliceWasmFromHeap();
    sliceWasmFromHeap();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(CASES)('slices $shape from $begin by $size, value for value', ({ shape, begin, size }) => {
    const count = shape.reduce((a, b) => a * b, 1);
    const x = tf.tensor(
      Float32Array.from({ length: count }, (_, i) => i),
      shape,
    );
    const s = tf.slice(x, begin, size);
    expect(s.shape).toEqual(size);
    expect(Array.from(s.dataSync())).toEqual(expectedSlice(shape, begin, size));
    tf.dispose([x, s]);
  });

  it('reads the input in place: no copy of the whole input per slice or per part', () => {
    const x = tf.tensor4d(
      Float32Array.from({ length: 2 * 3 * 4 * 10 }, (_, i) => i),
      [2, 3, 4, 10],
    );
    const backend = tf.engine().backend;
    const reads = vi.spyOn(backend, 'readSync');
    const parts = tf.split(x, [2, 5, 3], 3);
    const window = tf.slice(x, [0, 1, 0, 0], [2, 2, 4, 10]);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(parts.map((p) => Array.from(p.dataSync()))).toEqual([
      expectedSlice(x.shape, [0, 0, 0, 0], [2, 3, 4, 2]),
      expectedSlice(x.shape, [0, 0, 0, 2], [2, 3, 4, 5]),
      expectedSlice(x.shape, [0, 0, 0, 7], [2, 3, 4, 3]),
    ]);
    expect(Array.from(window.dataSync())).toEqual(expectedSlice(x.shape, [0, 1, 0, 0], [2, 2, 4, 10]));
    tf.dispose([x, window, ...parts]);
  });

  it('splits by counts, by sizes with −1, along any axis, and keeps int32 and bool values', () => {
    const x = tf.tensor3d(
      Int32Array.from({ length: 4 * 6 * 3 }, (_, i) => i - 30),
      [4, 6, 3],
      'int32',
    );
    const halves = tf.split(x, 2, 0);
    expect(halves.map((h) => h.dtype)).toEqual(['int32', 'int32']);
    expect(Array.from(halves[1].dataSync())).toEqual(expectedSlice([4, 6, 3], [2, 0, 0], [2, 6, 3]).map((v) => v - 30));
    const columns = tf.split(x, [1, -1, 2], 1);
    expect(columns.map((c) => c.shape)).toEqual([
      [4, 1, 3],
      [4, 3, 3],
      [4, 2, 3],
    ]);
    expect(Array.from(columns[1].dataSync())).toEqual(
      expectedSlice([4, 6, 3], [0, 1, 0], [4, 3, 3]).map((v) => v - 30),
    );
    const flags = tf.tensor2d([true, false, false, true, true, false], [2, 3], 'bool');
    const slice = tf.slice(flags, [0, 1], [2, 2]);
    expect(slice.dtype).toBe('bool');
    expect(Array.from(slice.dataSync())).toEqual([0, 0, 1, 0]);
    tf.dispose([x, flags, slice, ...halves, ...columns]);
  });

  it('still slices strings (by WASM’s own kernel)', () => {
    const t = tf.tensor(['a', 'bc', 'd', 'ef'], [2, 2]);
    const s = tf.slice(t, [1, 0], [1, 2]);
    expect(s.arraySync()).toEqual([['d', 'ef']]);
    tf.dispose([t, s]);
  });
});
