import { describe, expect, it } from 'vitest';
import { SharedOrAlone } from './shared-or-alone.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SharedOrAlone', () => {
  it('runs shared tasks together and a task alone with nothing beside it', async () => {
    const gate = new SharedOrAlone();
    const log: string[] = [];
    let now = 0;
    let most = 0;
    const work = (name: string, mode: 'shared' | 'alone') =>
      gate[mode](async () => {
        now++;
        most = Math.max(most, now);
        log.push(`${name}+${now}`);
        await tick();
        await tick();
        now--;
        log.push(`${name}-`);
        return name;
      });
    const results = await Promise.all([
      work('a', 'shared'),
      work('b', 'shared'),
      work('solo', 'alone'),
      work('c', 'shared'),
    ]);
    expect(results).toEqual(['a', 'b', 'solo', 'c']);
    expect(most).toBe(2);
    // The task alone starts once a and b have ended, and c only after it.
    const at = (entry: string) => log.indexOf(entry);
    expect(log).toContain('solo+1');
    expect(at('solo+1')).toBeGreaterThan(Math.max(at('a-'), at('b-')));
    expect(at('c+1')).toBeGreaterThan(at('solo-'));
  });

  it('lets the others go on when a task alone fails', async () => {
    const gate = new SharedOrAlone();
    const failing = gate.alone(async () => {
      await tick();
      throw new Error('broken');
    });
    const after = gate.shared(async () => 'after');
    await expect(failing).rejects.toThrow('broken');
    await expect(after).resolves.toBe('after');
  });

  it('runs two tasks alone one after the other', async () => {
    const gate = new SharedOrAlone();
    let now = 0;
    let most = 0;
    const solo = () =>
      gate.alone(async () => {
        now++;
        most = Math.max(most, now);
        await tick();
        now--;
      });
    await Promise.all([solo(), solo(), gate.shared(tick), solo()]);
    expect(most).toBe(1);
  });
});
