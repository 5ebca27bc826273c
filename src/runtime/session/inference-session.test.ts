import { afterEach, describe, expect, it } from 'vitest';
import { englishFailure } from '../failure-words.ts';
import { fakeWorkers } from '../../testing/worker/fake-workers.ts';
import { InferenceFailure } from '../worker/errors.ts';
import type { WorkerEvent } from '../worker/protocol.ts';
import type { InferenceClient } from './client.ts';
import { InferenceSession, type SessionOptions, type SessionStatus } from './inference-session.ts';

const v4File = { kind: 'file' as const, file: new Blob([Uint8Array.of(4)]), name: 'v4.safetensors' };
const photo = (second: number) => ({
  kind: 'blob' as const,
  blob: new Blob([Uint8Array.of(0xff, second)]),
  name: 'cat.jpg',
});
const fast: SessionOptions = { backoffMs: 10, startTimeoutMs: 500 };

let session: InferenceSession | undefined;
afterEach(() => session?.close());

function open(workers: ReturnType<typeof fakeWorkers>, options: SessionOptions = fast) {
  session = new InferenceSession(workers.start, options);
  return session;
}

describe('InferenceSession', () => {
  it('starts one worker, answers calls through it, and forwards its events', async () => {
    const workers = fakeWorkers();
    const s = open(workers);
    const events: WorkerEvent[] = [];
    s.onWorkerEvent((e) => events.push(e));
    const state = await s.call((c) => c.loadWeights('inception-v4', v4File));
    expect(state.loaded?.origin).toBe('file:v4.safetensors');
    const outcome = await s.call((c) => c.classify(photo(3), ['inception-v4']));
    expect(outcome.results[0].top[0].classIndex).toBe(3);
    expect(s.status()).toEqual({ phase: 'ready', generation: 1 });
    expect(workers.started).toHaveLength(1);
    await expect.poll(() => events.some((e) => e.kind === 'weights' && e.state.loaded)).toBe(true);
    expect(s.watchdog.expected()).toBeGreaterThanOrEqual(0);
  });

  it('a worker whose script does not load is retried with backoff a bounded number of times, then the session says so', async () => {
    const workers = fakeWorkers({ behaviour: () => 'fails to load' });
    const s = open(workers, { ...fast, maxRestarts: 3 });
    const statuses: SessionStatus[] = [];
    s.onStatus((status) => statuses.push(status));
    const failure = await s.call((c) => c.backend()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InferenceFailure);
    expect((failure as Error).message).toBe(
      'The inference worker keeps stopping (its script could not be loaded). Reload the page to start it again.',
    );
    expect(s.status().phase).toBe('failed');
    // The first worker and three restarts, then no more: not one per render or per call.
    expect(workers.started).toHaveLength(4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(workers.started).toHaveLength(4);
    expect(workers.alive()).toHaveLength(0);
    expect([...new Set(statuses.map((st) => st.generation))]).toEqual([1, 2, 3, 4]);
    expect(statuses.at(-1)).toMatchObject({ phase: 'failed', generation: 4 });
    await expect(s.call((c) => c.backend())).rejects.toThrow(/keeps stopping/);

    s.retry();
    expect(workers.started).toHaveLength(5);
  });

  it('a crash fails the calls in flight with a message, ends the old worker, and a new one serves what follows', async () => {
    const workers = fakeWorkers();
    const s = open(workers);
    const restarts: SessionStatus[] = [];
    s.onRestart((status) => restarts.push(status));
    await s.call((c) => c.loadWeights('inception-v4', v4File));
    workers.started[0].runtime.hang = true;
    const inFlight = s.call((c) => c.classify(photo(1), ['inception-v4'])).catch((e: unknown) => e);
    await expect.poll(() => workers.started[0].runtime.inferring).toBe(1);
    workers.started[0].crash('Uncaught Error: injected');

    expect(await inFlight).toMatchObject({
      kind: 'restarting',
      message: 'The inference worker stopped (Uncaught Error: injected); it is being started again',
    });
    expect(workers.started[0].terminated).toBe(true);
    // A call made while the new worker starts waits for it instead of failing.
    const next = await s.call((c) => c.weightsState('inception-v4'));
    expect(next.loaded).toBeUndefined(); // a new worker has nothing loaded
    expect(workers.alive().map((w) => w.generation)).toEqual([2]);
    expect(restarts).toEqual([
      { phase: 'ready', generation: 2, failure: { code: 'error', params: { message: 'Uncaught Error: injected' } } },
    ]);
  });

  it('an inference far slower than measured ones is given up: the worker is restarted and the call says why', async () => {
    const workers = fakeWorkers();
    const s = open(workers, { ...fast, watchdog: { initialMs: 60_000, floorMs: 200, factor: 10 } });
    await s.call((c) => c.loadWeights('inception-v4', v4File));
    for (let i = 0; i < 3; i++) await s.call((c) => c.classify(photo(i), ['inception-v4']));
    expect(s.watchdog.limit()).toBe(200); // measured in a few ms: the floor applies
    workers.started[0].runtime.hang = true;
    const started = Date.now();
    const failure = (await s.call((c) => c.classify(photo(9), ['inception-v4'])).catch((e: unknown) => e)) as Error;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failure.message).toMatch(
      /^The inference worker stopped \(classifying cat\.jpg took longer than 0\.2 s where about 0\.0 s was expected\); it is being started again$/,
    );
    expect(workers.started[0].terminated).toBe(true);
    await expect
      .poll(() => s.status())
      .toMatchObject({
        phase: 'ready',
        generation: 2,
        failure: { code: 'worker.hung', params: { task: { kind: 'classifying', file: 'cat.jpg' } } },
      });
    expect(englishFailure(s.status().failure!)).toMatch(/took longer than/);
  });

  it('a worker that never answers when starting is replaced', async () => {
    const workers = fakeWorkers({ behaviour: (generation) => (generation === 1 ? 'silent' : 'ok') });
    const s = open(workers, { ...fast, startTimeoutMs: 100 });
    expect((await s.call((c) => c.backend())).active).toBeUndefined();
    expect(workers.started.map((w) => [w.generation, w.terminated])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(englishFailure(s.status().failure!)).toBe('it did not answer within 0.1 s of starting');
  });

  it('times each call as its row in the table of calls says: its kind, its unit and its label', async () => {
    const never = new Promise<never>(() => undefined);
    const client = { subscribe: async () => undefined, summaries: () => never } as unknown as InferenceClient;
    const s = new InferenceSession(() => ({ client, gone: never, terminate: () => undefined }), {
      ...fast,
      watchdogs: { summary: { initialMs: 200 } },
    });
    session = s;
    const failure = await s.call((c) => c.summaries('a', 'inception-v4', ['stem'])).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'restarting' });
    expect(s.status().failure).toEqual({
      code: 'worker.hung',
      params: { task: { kind: 'summarising' }, limit: '0.2 s', per: 'request' },
    });
    // The caller may name the work over the row's label; the kind stays the row's.
    await s.call((c) => c.summaries('a', 'inception-v4', ['stem']), { task: { kind: 'comparing' } }).catch(() => 0);
    expect(s.status().failure).toMatchObject({ params: { task: { kind: 'comparing' }, per: 'request' } });
    expect(englishFailure(s.status().failure!)).toMatch(/took longer than 0\.2 s per request/);
  });
});
