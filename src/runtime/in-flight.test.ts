import { describe, expect, it } from 'vitest';
import { InFlight } from './in-flight.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** A queue worked on by InFlight, recording the most items in flight at once and the order they started. */
function harness(limit: () => number, fail?: number) {
  const queue: number[] = [];
  const started: number[] = [];
  let running = 0;
  let most = 0;
  const inFlight = new InFlight<number>({
    limit,
    next: () => queue.shift(),
    work: async (item) => {
      started.push(item);
      most = Math.max(most, ++running);
      await tick();
      running--;
      if (item === fail) throw new Error(`item ${item} failed`);
    },
  });
  return { queue, started, inFlight, most: () => most };
}

describe('InFlight', () => {
  it('works on every item in order of the queue, never more than the limit at once, and as many as it allows', async () => {
    const h = harness(() => 3);
    h.queue.push(1, 2, 3, 4, 5, 6, 7);
    await h.inFlight.fill();
    expect(h.started).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.most()).toBe(3);
    expect(h.inFlight.running).toBe(0);
  });

  it('takes items added while it runs; a second fill waits for the same lanes', async () => {
    const h = harness(() => 2);
    h.queue.push(1, 2);
    const first = h.inFlight.fill();
    h.queue.push(3, 4, 5);
    const second = h.inFlight.fill();
    expect(h.inFlight.running).toBe(2);
    await Promise.all([first, second]);
    expect(h.started).toEqual([1, 2, 3, 4, 5]);
    expect(h.most()).toBe(2);
  });

  it('lets lanes end when the limit is lowered', async () => {
    let limit = 4;
    const h = harness(() => limit);
    h.queue.push(...Array.from({ length: 12 }, (_, i) => i));
    const done = h.inFlight.fill();
    await tick();
    limit = 1;
    await tick();
    await tick();
    expect(h.inFlight.running).toBe(1);
    await done;
    expect(h.started).toHaveLength(12);
  });

  it('stops taking items after a failure and rejects with it once the lanes in flight have ended', async () => {
    const h = harness(() => 2, 2);
    h.queue.push(1, 2, 3, 4, 5, 6);
    await expect(h.inFlight.fill()).rejects.toThrow('item 2 failed');
    expect(h.started.length).toBeLessThanOrEqual(3);
    expect(h.queue.length).toBeGreaterThanOrEqual(3);
    // A later fill starts afresh.
    await h.inFlight.fill();
    expect(h.queue).toEqual([]);
  });

  it('does not lose an item added while its only lane was finding none', async () => {
    const queue: string[] = [];
    const done: string[] = [];
    let added = false;
    const inFlight: InFlight<string> = new InFlight<string>({
      limit: () => 1,
      next: async () => {
        await tick(); // as the classify page waits for its gate
        const item = queue.shift();
        if (item === undefined && !added) {
          added = true;
          // The lane has read an empty queue but not yet ended when this item arrives.
          queueMicrotask(() => {
            queue.push('late');
            void inFlight.fill();
          });
        }
        return item;
      },
      work: async (item) => void done.push(item),
    });
    await inFlight.fill();
    expect(done).toEqual(['late']);
  });
});
