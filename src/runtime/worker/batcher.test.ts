import { describe, expect, it } from 'vitest';
import { Limiter, MicroBatcher } from './batcher.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MicroBatcher', () => {
  it('runs a lone input at once, then everything that arrived meanwhile as one batch (up to max)', async () => {
    const batches: number[][] = [];
    let release = () => {};
    const batcher = new MicroBatcher<number, number>(async (inputs) => {
      batches.push(inputs);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return inputs.map((x) => x * 10);
    }, 3);
    const first = batcher.add(1);
    await tick();
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4, 5].map((x) => batcher.add(x));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('fails every input of a failed batch, and goes on with the next', async () => {
    let calls = 0;
    const batcher = new MicroBatcher<number, number>(async (inputs) => {
      if (++calls === 1) throw new Error('out of memory');
      return inputs;
    }, 4);
    const failed = batcher.add(1);
    await expect(failed).rejects.toThrow('out of memory');
    expect(await batcher.add(2)).toBe(2);
  });
});

describe('Limiter', () => {
  it('runs at most `limit` tasks at a time, in order', async () => {
    const limiter = new Limiter(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        limiter.run(async () => {
          peak = Math.max(peak, ++active);
          await tick();
          order.push(i);
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });
});
