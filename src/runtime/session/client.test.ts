import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClassMap } from '../inside/protocol.ts';
import { installFailureTransfer, InferenceFailure } from '../worker/errors.ts';
import { exposedCalls } from '../worker/expose-calls.ts';
import type { InferenceApi, PredictProgress, PredictRequest } from '../worker/protocol.ts';
import { connectWorker, type InferenceClient } from './client.ts';

const photo = { kind: 'blob' as const, blob: new Blob([Uint8Array.of(1)]), name: 'cat.jpg' };
const request: PredictRequest = { networks: ['inception-v4'], crops: 12, ensemble: false, topK: 5 };

/** A worker whose predictions run until cancelled, telling their progress, and which records what it was sent. */
function fakeWorker() {
  const sent: { method: string; id?: string }[] = [];
  const running = new Map<string, (failure: InferenceFailure) => void>();
  const kept = { map: new Float32Array(4) };
  const service = {
    async subscribe() {},
    async predict(_image: unknown, req: PredictRequest, onProgress?: (p: PredictProgress) => void) {
      sent.push({ method: 'predict', id: req.predictId });
      onProgress?.({ done: 1, total: 12 });
      return new Promise((_resolve, reject) => running.set(req.predictId ?? '', reject));
    },
    async cancelPrediction(id: string) {
      sent.push({ method: 'cancelPrediction', id });
      running.get(id)?.(new InferenceFailure('cancelled', { code: 'worker.cancelled', params: {} }));
    },
    async loadWeights() {
      sent.push({ method: 'loadWeights' });
      return { network: 'inception-v4', cached: undefined, loaded: undefined };
    },
    async classMaps(): Promise<ClassMap[]> {
      const map = { width: 2, height: 2, data: kept.map };
      return [{ classIndex: 1, label: 'x', logit: 0, method: 'cam', node: 'head', map, backend: 'cpu', ms: 1 }];
    },
  } as unknown as InferenceApi;
  const channel = new MessageChannel();
  expose(
    exposedCalls(service, async () => ({ lock: undefined })),
    channel.port1,
  );
  return { client: connectWorker(channel.port2), sent, kept, endpoint: channel.port2 };
}

let client: InferenceClient | undefined;
afterEach(() => client?.terminate());

describe('the client derived from the API and its table of calls', () => {
  it('an aborted signal cancels a running call with the id it was sent under; its callbacks arrive', async () => {
    installFailureTransfer();
    const worker = fakeWorker();
    client = worker.client;
    const controller = new AbortController();
    const progress: PredictProgress[] = [];
    const running = client
      .with({ signal: controller.signal })
      .predict(photo, request, (p) => progress.push(p))
      .catch((e: unknown) => e);
    await expect.poll(() => progress).toEqual([{ done: 1, total: 12 }]);
    controller.abort();
    expect(await running).toMatchObject({ kind: 'cancelled' });
    const [predict, cancel] = worker.sent;
    expect(predict.method).toBe('predict');
    expect(predict.id).toMatch(/^predict-\d+$/);
    expect(cancel).toEqual({ method: 'cancelPrediction', id: predict.id });
  });

  it('a signal aborted before the call fails it at once with its row’s reason, and nothing is sent', async () => {
    const worker = fakeWorker();
    client = worker.client;
    const aborted = client.with({ signal: AbortSignal.abort() });
    expect(await aborted.predict(photo, request).catch((e: unknown) => e)).toMatchObject({
      kind: 'cancelled',
      detail: { code: 'worker.cancelled', params: { file: 'cat.jpg' } },
    });
    expect(
      await aborted
        .visualizeChannel({ network: 'inception-v4', node: 'stem', channel: 0, steps: 1, seed: 1 })
        .catch((e: unknown) => e),
    ).toMatchObject({ kind: 'cancelled', detail: { code: 'worker.visualisation-cancelled' } });
    expect(
      await aborted.loadWeights('inception-v4', { kind: 'download', baseUrl: 'x' }).catch((e: unknown) => e),
    ).toMatchObject({ kind: 'cancelled', detail: { code: 'worker.cancelled', params: {} } });
    expect(worker.sent).toEqual([]);
    // A call its row gives no cancel for runs whatever the signal.
    expect(await aborted.classMaps('a', 'inception-v4', [1])).toHaveLength(1);
  });

  it('an answer comes back with what its row transfers, and a terminated client fails its calls', async () => {
    const worker = fakeWorker();
    client = worker.client;
    const [map] = await client.classMaps('a', 'inception-v4', [1]);
    expect(map.map.data).toHaveLength(4);
    expect(worker.kept.map.byteLength).toBe(0); // transferred, not copied
    const pending = client
      .with({})
      .predict(photo, request)
      .catch((e: unknown) => e);
    client.terminate();
    expect(await pending).toMatchObject({ kind: 'internal', detail: { code: 'worker.terminated' } });
    await expect(client.loadWeights('inception-v4', { kind: 'download', baseUrl: 'x' })).rejects.toBeInstanceOf(
      InferenceFailure,
    );
  });

  it('a client whose worker crashed still ends the worker when terminated', async () => {
    // Before, terminate() returned early once crashed: the worker that reported an error was left running.
    const worker = fakeWorker();
    client = worker.client;
    const close = vi.spyOn(worker.endpoint, 'close');
    client.crash({ code: 'worker.crashed', params: { detail: 'injected' } });
    client.terminate();
    expect(close).toHaveBeenCalledTimes(1);
    client.terminate();
    expect(close).toHaveBeenCalledTimes(1);
    await expect(client.loadWeights('inception-v4', { kind: 'download', baseUrl: 'x' })).rejects.toMatchObject({
      detail: { code: 'worker.crashed' },
    });
  });
});
