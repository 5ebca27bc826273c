import { describe, expect, it } from 'vitest';
import { InferenceFailure } from '../../runtime/worker/errors.ts';
import type { PartingApi, PartingPoint } from '../../runtime/inside/parting-protocol.ts';
import { partingKey, PartingStore } from './parting-store.ts';

const POINTS: PartingPoint[] = [{ address: 'stem', label: 'Stem', index: 0, cosine: 0.9 }];

/** A worker whose answers are released by hand, recording what was asked and in which order. */
function fakeWorker() {
  const log: string[] = [];
  const pending: Array<{ resolve: (p: PartingPoint[]) => void; reject: (e: Error) => void }> = [];
  const api: PartingApi = {
    partWays: (first, second, network, scales = {}) => {
      log.push(`partWays ${first} ${second} ${network} ${JSON.stringify(scales)}`);
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
  };
  return { api, log, pending };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('PartingStore', () => {
  it('waits for the requests before it on the shared chain, then tells both stores the worker moved', async () => {
    const { api, log, pending } = fakeWorker();
    const chains = new Map<'inception-v4', Promise<unknown>>();
    let releaseEarlier!: () => void;
    chains.set(
      'inception-v4',
      new Promise<void>((r) => {
        releaseEarlier = r;
      }).then(() => log.push('earlier request done')),
    );
    const moved: string[] = [];
    const store = new PartingStore(api, chains as Map<never, Promise<unknown>>, (n) => moved.push(n));
    const runs = [{}, {}];
    store.request('inception-v4', {}, 'a', 'b#second', runs);
    const key = partingKey('inception-v4', {}, 'a', 'b#second');
    expect(store.getSnapshot().get(key)).toEqual({ status: 'loading' });
    await settle();
    expect(log).toEqual([]);
    releaseEarlier();
    await settle();
    expect(log).toEqual(['earlier request done', 'partWays a b#second inception-v4 {}']);
    pending[0].resolve(POINTS);
    await settle();
    expect(store.getSnapshot().get(key)).toEqual({ status: 'done', value: POINTS });
    expect(moved).toEqual(['inception-v4']);
    // The same runs: answered from memory; new runs (a photo ran again): asked again.
    store.request('inception-v4', {}, 'a', 'b#second', [...runs]);
    await settle();
    expect(log).toHaveLength(2);
    store.request('inception-v4', {}, 'a', 'b#second', [runs[0], {}]);
    await settle();
    expect(log).toHaveLength(3);
  });

  it('a failure is kept with its message and asked again on request; a superseded answer is dropped', async () => {
    const { api, log, pending } = fakeWorker();
    const store = new PartingStore(api, new Map(), () => undefined);
    const key = partingKey('inception-resnet-v2', { 'inception-resnet-b': 0 }, 'a', 'b');
    const runs = [{}, {}];
    store.request('inception-resnet-v2', { 'inception-resnet-b': 0 }, 'a', 'b', runs);
    await settle();
    pending[0].reject(new InferenceFailure('no-photo', { code: 'worker.photo-gone', params: { slot: 'b', kept: 8 } }));
    await settle();
    expect(store.getSnapshot().get(key)).toMatchObject({ status: 'error', message: { code: 'worker.photo-gone' } });
    store.request('inception-resnet-v2', { 'inception-resnet-b': 0 }, 'a', 'b', runs);
    await settle();
    expect(log).toHaveLength(2);
    expect(log[1]).toBe('partWays a b inception-resnet-v2 {"inception-resnet-b":0}');
    // Newer runs arrive before the answer: the older answer is not shown.
    const newer = [{}, {}];
    store.request('inception-resnet-v2', { 'inception-resnet-b': 0 }, 'a', 'b', newer);
    pending[1].resolve(POINTS);
    await settle();
    expect(store.getSnapshot().get(key)).toEqual({ status: 'loading' });
    await settle();
    pending[2].resolve([{ ...POINTS[0], cosine: 0.5 }]);
    await settle();
    expect(store.getSnapshot().get(key)).toMatchObject({ status: 'done', value: [{ cosine: 0.5 }] });
  });
});
