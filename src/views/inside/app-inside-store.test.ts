import { afterEach, describe, expect, it } from 'vitest';
import type { GradCamProgress } from '../../runtime/inside/protocol.ts';
import type { InferenceClient } from '../../runtime/session/client.ts';
import { InferenceSession } from '../../runtime/session/inference-session.ts';
import { insideThrough } from './app-inside-store.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A worker whose summaries answer at once and whose Grad-CAM takes `speed.classMs` per class, telling each. */
function slowGradCamSession(speed: { classMs: number }) {
  const client = {
    subscribe: async () => undefined,
    summaries: async () => [],
    classMaps: async (
      _slot: string,
      _network: string,
      classes: readonly number[],
      _options: unknown,
      onProgress?: (p: GradCamProgress) => void,
    ) => {
      onProgress?.({ done: 0, total: classes.length });
      for (let done = 1; done <= classes.length; done++) {
        await sleep(speed.classMs);
        onProgress?.({ done, total: classes.length });
      }
      return [];
    },
  } as unknown as InferenceClient;
  const stopped: string[] = [];
  const session = new InferenceSession(
    () => ({ client, gone: new Promise<string>(() => undefined), terminate: () => void stopped.push('terminated') }),
    {
      backoffMs: 10,
      startTimeoutMs: 500,
      watchdog: { initialMs: 60_000, floorMs: 100, factor: 10 },
    },
  );
  return { session, stopped, api: insideThrough(session) };
}

let open: InferenceSession | undefined;
afterEach(() => open?.close());

describe("the inside calls' watchdogs", () => {
  it('after many fast summaries, a Grad-CAM on a slow backend is not judged hung: each kind has its own budget', async () => {
    const { session, stopped, api } = slowGradCamSession({ classMs: 150 });
    open = session;
    for (let i = 0; i < 20; i++) await api.summaries('a', 'inception-v4', ['stem']);
    // Five classes of 150 ms: 750 ms, where one watchdog for all would have allowed 100 ms (or 300 ms for "3 units").
    const progress: number[] = [];
    await api.classMaps('a', 'inception-v4', [1, 2, 3, 4, 5], { node: 'mixed' }, (p) => progress.push(p.done));
    expect(progress).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stopped).toEqual([]);
    expect(session.status().phase).toBe('ready');
    // Measured per class, and apart from the summaries.
    expect(session.watchdogs['grad-cam'].expected()).toBeGreaterThanOrEqual(140);
    expect(session.watchdogs.summary.limit()).toBe(100); // measured in a few ms: the floor applies
  });

  it('a Grad-CAM class far slower than those measured is still caught, with what was expected per class', async () => {
    const speed = { classMs: 20 };
    const { session, stopped, api } = slowGradCamSession(speed);
    open = session;
    await api.classMaps('a', 'inception-v4', [1, 2], { node: 'mixed' });
    speed.classMs = 400; // a worker that has become 20 times slower
    const failure = await api.classMaps('a', 'inception-v4', [1, 2], { node: 'mixed' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      kind: 'restarting',
      message: expect.stringMatching(/Grad-CAM took longer than 0\.\d s per class where about 0\.0 s was expected/),
    });
    expect(stopped).toEqual(['terminated']);
  });
});

describe('the inside calls through the session', () => {
  it("passes a look inside's prefetch on, so the view's boxes are computed in the same run", async () => {
    const asked: unknown[][] = [];
    const client = {
      subscribe: async () => undefined,
      lookInside: async (...args: unknown[]) => void asked.push(args),
    } as unknown as InferenceClient;
    const session = new InferenceSession(() => ({
      client,
      gone: new Promise<string>(() => undefined),
      terminate: () => undefined,
    }));
    open = session;
    await insideThrough(session).lookInside('a', 'inception-v4', { 'mixed-6a': 0.5 }, ['stem', 'stem/0']);
    expect(asked).toEqual([['a', 'inception-v4', { 'mixed-6a': 0.5 }, ['stem', 'stem/0']]]);
  });
});
