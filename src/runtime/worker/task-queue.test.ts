import { describe, expect, it } from 'vitest';
import { TaskQueue } from './task-queue.ts';

const never = () => new Promise<never>(() => undefined);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TaskQueue', () => {
  it('runs tasks one at a time, in order, each answered with its own outcome', async () => {
    const queue = new TaskQueue();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([queue.run(task('a')), queue.run(task('b', true)), queue.run(task('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('puts a task first', async () => {
    const queue = new TaskQueue();
    const order: string[] = [];
    const blocker = queue.run(async () => {
      await tick();
      order.push('running');
    });
    const later = queue.run(async () => {
      order.push('later');
    });
    const urgent = queue.run(
      async () => {
        order.push('urgent');
      },
      { first: true },
    );
    await Promise.all([blocker, later, urgent]);
    expect(order).toEqual(['running', 'urgent', 'later']);
  });

  it('abandons a task that never finishes: its caller fails at once and the queue moves on', async () => {
    const queue = new TaskQueue();
    const stuck = queue.run(never);
    const waiting = queue.run(async () => 'after');
    const recovery = queue.run(async () => 'recovered', { first: true });
    await tick();
    expect(queue.busy).toBe(true);
    expect(queue.abandonRunning(new Error('the device was lost'))).toBe(true);
    await expect(stuck).rejects.toThrow('the device was lost');
    expect(await recovery).toBe('recovered');
    expect(await waiting).toBe('after');
    expect(queue.busy).toBe(false);
    expect(queue.abandonRunning(new Error('nothing runs'))).toBe(false);
  });

  it('turns a task that throws synchronously into a rejection and goes on', async () => {
    const queue = new TaskQueue();
    const bad = queue.run((() => {
      throw new Error('sync');
    }) as () => Promise<void>);
    await expect(bad).rejects.toThrow('sync');
    expect(await queue.run(async () => 1)).toBe(1);
  });
});
