import { expose } from 'comlink';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WeightsServer } from '../../testing/weights-server.ts';
import { WeightsCache, WEIGHTS_CACHE_NAME } from '../loading/cache.ts';
import { MemoryCacheStorage } from '../../testing/memory-cache-storage.ts';
import { connectWorker, type InferenceClient } from '../session/client.ts';
import { InferenceFailure, installFailureTransfer } from './errors.ts';
import type { LoadPhaseProgress, WorkerEvent } from './protocol.ts';
import { InferenceService } from './service.ts';
import { topClasses } from '../top-k.ts';
import { DEVICE_LOST, SmallRuntime } from '../../testing/worker/small-runtime.ts';
import { englishFailure } from '../failure-words.ts';

describe('InferenceService over a message channel', () => {
  const server = new WeightsServer({ bytesPerSecond: 2_000_000 });
  let runtime: SmallRuntime;
  let client: InferenceClient;

  beforeAll(async () => {
    installFailureTransfer();
    await server.start();
    server.serve('timm/inception_v4.tf_in1k', 'model.safetensors', { bytes: new Uint8Array(200_000).fill(4) });
    server.serve('timm/inception_resnet_v2.tf_in1k', 'model.safetensors', { bytes: new Uint8Array(1000).fill(4) });
  });
  afterAll(() => server.stop());

  function start() {
    runtime = new SmallRuntime();
    const channel = new MessageChannel();
    expose(new InferenceService(runtime, undefined), channel.port1);
    client = connectWorker(channel.port2);
  }
  afterEach(() => client?.terminate());

  const photo = (second: number, first = 0xff) => ({
    kind: 'blob' as const,
    blob: new Blob([Uint8Array.of(first, second)]),
    name: 'cat.jpg',
  });

  it('loads weights with progress, then classifies with the top classes, timings and backend', async () => {
    start();
    const progress: LoadPhaseProgress[] = [];
    const state = await client.loadWeights('inception-v4', { kind: 'download', baseUrl: server.baseUrl }, (p) =>
      progress.push(p),
    );
    expect(state.loaded).toMatchObject({
      origin: `${server.baseUrl}/timm/inception_v4.tf_in1k/resolve/main/model.safetensors`,
      bytes: 200_000,
      backend: 'webgpu',
    });
    expect(state.loaded?.timings.warmUpMs).toBe(7); // reported apart from the build
    // Progress callbacks travel on their own channel: the last ones may arrive after the call returned.
    await expect
      .poll(() => progress.map((p) => p.phase))
      .toEqual(expect.arrayContaining(['download', 'validate', 'build']));
    expect(progress.some((p) => p.phase === 'download' && p.received === 200_000 && p.total === 200_000)).toBe(true);

    const outcome = await client.classify(photo(3), ['inception-v4'], 3);
    expect(outcome).toMatchObject({ width: 640, height: 480 });
    expect(outcome.results).toHaveLength(1);
    expect(outcome.results[0].top.map((t) => t.classIndex)).toEqual([3, 0, 1]);
    expect(outcome.results[0].top[0]).toEqual({
      classIndex: 3,
      label: 'label 3',
      probability: expect.closeTo(0.91, 6),
    });
    expect(outcome.results[0].backend).toBe('webgpu');
    expect(outcome.results[0].timings.inferenceMs).toBeGreaterThanOrEqual(0);
  });

  it('rejects weights of another model with a message, and keeps working', async () => {
    start();
    const failure = await client
      .loadWeights('inception-resnet-v2', { kind: 'download', baseUrl: server.baseUrl })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InferenceFailure);
    expect(failure).toMatchObject({
      kind: 'weights',
      message:
        'model.safetensors of timm/inception_resnet_v2.tf_in1k: these are not the weights of Inception-ResNet-v2',
    });
    const state = await client.loadWeights('inception-v4', {
      kind: 'file',
      file: new Blob([Uint8Array.of(4)]),
      name: 'v4.safetensors',
    });
    expect(state.loaded?.origin).toBe('file:v4.safetensors');
  });

  it('matches a file to the network it fits, without disturbing a download of the other', async () => {
    start();
    server.setOptions({ bytesPerSecond: 400_000 });
    const download = client.loadWeights('inception-v4', { kind: 'download', baseUrl: server.baseUrl });
    const dropped = await client.loadWeights('any', {
      kind: 'file',
      file: new Blob([Uint8Array.of(2)]),
      name: 'irv2.safetensors',
    });
    expect(dropped.network).toBe('inception-resnet-v2');
    expect(dropped.loaded?.origin).toBe('file:irv2.safetensors');
    expect((await client.weightsState('inception-v4')).loaded).toBeUndefined();
    expect((await download).loaded?.bytes).toBe(200_000);
    server.setOptions({ bytesPerSecond: 2_000_000 });
  });

  it('says which network must be loaded first, and names a photo that is not one', async () => {
    start();
    expect(await client.classify(photo(1), ['inception-resnet-v2']).catch((e: unknown) => e)).toMatchObject({
      kind: 'not-loaded',
      message: 'load the weights of Inception-ResNet-v2 first',
    });
    await client.loadWeights('inception-v4', {
      kind: 'file',
      file: new Blob([Uint8Array.of(4)]),
      name: 'v4.safetensors',
    });
    expect(await client.classify(photo(1, 0x00), ['inception-v4']).catch((e: unknown) => e)).toMatchObject({
      kind: 'image',
      message: 'cat.jpg: not an image',
    });
    expect((await client.classify(photo(2), ['inception-v4'])).results[0].top[0].classIndex).toBe(2);
  });

  it('infers photos that pile up together, each getting its own result', async () => {
    start();
    await client.loadWeights('inception-v4', {
      kind: 'file',
      file: new Blob([Uint8Array.of(4)]),
      name: 'v4.safetensors',
    });
    runtime.inferenceMs = 30;
    const outcomes = await Promise.all(
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => client.classify(photo(i), ['inception-v4'], 1)),
    );
    expect(outcomes.map((o) => o.results[0].top[0].classIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // The first photo alone (nothing waited yet), then the rest in batches of at most 4.
    expect(runtime.batches.length).toBeGreaterThan(0);
    expect(Math.max(...runtime.batches)).toBeLessThanOrEqual(4);
    expect(runtime.batches.reduce((a, b) => a + b, 0)).toBeLessThan(9);
    expect(await client.classify(photo(1, 0x00), ['inception-v4']).catch((e: unknown) => e)).toMatchObject({
      kind: 'image',
    });
  });

  it('cancels a download through its AbortSignal', async () => {
    start();
    server.setOptions({ bytesPerSecond: 200_000 });
    const controller = new AbortController();
    const failure = await client
      .with({ signal: controller.signal })
      .loadWeights(
        'inception-v4',
        { kind: 'download', baseUrl: server.baseUrl },
        (p) => (p.received ?? 0) > 20_000 && controller.abort(),
      )
      .catch((e: unknown) => e);
    server.setOptions({ bytesPerSecond: 2_000_000 });
    expect(failure).toMatchObject({ kind: 'cancelled' });
    expect((await client.weightsState('inception-v4')).loaded).toBeUndefined();
  });

  it('a load cancelled while the file is being stored leaves no cache entry', async () => {
    runtime = new SmallRuntime();
    const storage = new MemoryCacheStorage();
    const cache = new WeightsCache(storage.asCacheStorage());
    const channel = new MessageChannel();
    expose(new InferenceService(runtime, cache), channel.port1);
    client = connectWorker(channel.port2);
    // Storing takes a while (as 200 MB do): the user's cancel arrives while it runs.
    (await storage.open(WEIGHTS_CACHE_NAME)).onPut = () => new Promise((resolve) => setTimeout(resolve, 300));
    const controller = new AbortController();
    const failure = await client
      .with({ signal: controller.signal })
      .loadWeights(
        'inception-v4',
        { kind: 'download', baseUrl: server.baseUrl },
        (p) => p.phase === 'store' && controller.abort(),
      )
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'cancelled' });
    expect(await client.weightsState('inception-v4')).toMatchObject({ cached: undefined, loaded: undefined });
    expect(storage.allKeys()).toEqual([]);
  });

  it('recovers from a lost device on the next backend, rebuilding the loaded networks, and says so', async () => {
    start();
    const events: WorkerEvent[] = [];
    await client.subscribe((e) => events.push(e));
    await client.loadWeights('inception-v4', {
      kind: 'file',
      file: new Blob([Uint8Array.of(4)]),
      name: 'v4.safetensors',
    });
    expect((await client.classify(photo(5), ['inception-v4'])).results[0].top[0].classIndex).toBe(5);

    runtime.loseDevice('GPU process crashed');
    await expect.poll(async () => (await client.backend()).active).toBe('wasm');
    const report = await client.backend();
    expect(englishFailure(report.notice!)).toBe(
      'WebGPU stopped working (GPU process crashed); the networks now run on WebAssembly.',
    );
    expect(report.skipped).toEqual([{ backend: 'webgpu', reason: DEVICE_LOST }]);
    expect(runtime.builds).toEqual(['inception-v4@webgpu', 'inception-v4@wasm']);
    const after = await client.classify(photo(5), ['inception-v4']);
    expect(after.results[0].backend).toBe('wasm');
    expect(after.results[0].top[0].classIndex).toBe(6);
    expect(events.some((e) => e.kind === 'backend' && e.report.active === 'wasm')).toBe(true);
  });
});

describe('InferenceService.exportOnnx', () => {
  it('needs the network loaded, and names the network and the problem when the weights do not export', async () => {
    installFailureTransfer();
    const channel = new MessageChannel();
    expose(new InferenceService(new SmallRuntime(), undefined), channel.port1);
    const client = connectWorker(channel.port2);
    try {
      expect(await client.exportOnnx('inception-v4').catch((e: unknown) => e)).toMatchObject({
        kind: 'not-loaded',
        message: 'load the weights of Inception-v4 first',
      });
      // The small runtime's "weights" hold no tensors: the export says which are missing.
      await client.loadWeights('inception-v4', {
        kind: 'file',
        file: new Blob([Uint8Array.of(4)]),
        name: 'v4.safetensors',
      });
      const failure = await client.exportOnnx('inception-v4').catch((e: unknown) => e);
      expect(failure).toMatchObject({ kind: 'weights' });
      expect((failure as Error).message).toMatch(
        /^Inception-v4 could not be exported as ONNX: .*tensor features\.0\.conv\.weight is missing/,
      );
    } finally {
      client.terminate();
    }
  });
});

describe('InferenceService when the backend fails', () => {
  let runtime: SmallRuntime;
  let client: InferenceClient;
  const photo = (second: number) => ({
    kind: 'blob' as const,
    blob: new Blob([Uint8Array.of(0xff, second)]),
    name: 'cat.jpg',
  });
  const v4File = { kind: 'file' as const, file: new Blob([Uint8Array.of(4)]), name: 'v4.safetensors' };

  beforeAll(() => installFailureTransfer());
  function start() {
    runtime = new SmallRuntime();
    const channel = new MessageChannel();
    expose(new InferenceService(runtime, undefined), channel.port1);
    client = connectWorker(channel.port2);
  }
  afterEach(() => client?.terminate());

  it('a device lost during an inference fails that inference at once, recovers first, and classifies after', async () => {
    start();
    await client.loadWeights('inception-v4', v4File);
    runtime.hang = true;
    const stuck = client.classify(photo(3), ['inception-v4']).catch((e: unknown) => e);
    const waiting = client.classify(photo(4), ['inception-v4']);
    await expect.poll(() => runtime.inferring).toBe(1);
    runtime.hang = false;
    runtime.loseDevice('the WebGL context was lost');

    expect(await stuck).toMatchObject({
      kind: 'backend',
      message: 'WebGPU stopped working during this task (the WebGL context was lost); try again',
    });
    // The photo queued behind the lost one runs after the recovery, on the new backend.
    const after = (await waiting).results[0];
    expect([after.backend, after.top[0].classIndex]).toEqual(['wasm', 5]);
    expect((await client.backend()).active).toBe('wasm');
    expect(runtime.builds).toEqual(['inception-v4@webgpu', 'inception-v4@wasm']);
  });

  it('a backend switch whose rebuild fails keeps the networks where they were, and says so', async () => {
    start();
    await client.loadWeights('inception-v4', v4File);
    runtime.failBuildOn = 'cpu';
    const failure = await client.setBackend('cpu').catch((e: unknown) => e);
    expect(failure).toMatchObject({
      kind: 'backend',
      message: 'Inception-v4 could not be moved to CPU (JavaScript): out of memory on cpu; the networks stay on WebGPU',
    });
    expect((await client.backend()).active).toBe('webgpu');
    expect((await client.weightsState('inception-v4')).loaded?.backend).toBe('webgpu');
    // Not "used after dispose": the old build is still the registered one.
    const kept = (await client.classify(photo(2), ['inception-v4'])).results[0];
    expect([kept.backend, kept.top[0].classIndex]).toEqual(['webgpu', 2]);
    runtime.failBuildOn = undefined;
    await client.setBackend('cpu');
    const moved = (await client.classify(photo(2), ['inception-v4'])).results[0];
    expect([moved.backend, moved.top[0].classIndex]).toEqual(['cpu', 4]);
  });

  it('after a lost device, a network that cannot be rebuilt is unloaded and the notice says so', async () => {
    start();
    const events: WorkerEvent[] = [];
    await client.subscribe((e) => events.push(e));
    await client.loadWeights('inception-v4', v4File);
    runtime.failBuildOn = 'wasm';
    runtime.loseDevice('GPU process crashed');
    await expect
      .poll(async () => englishFailure((await client.backend()).notice ?? { code: 'error', params: { message: '' } }))
      .toBe(
        'WebGPU stopped working (GPU process crashed); the networks now run on WebAssembly. Inception-v4 could not be rebuilt (out of memory on wasm); load it again.',
      );
    expect((await client.weightsState('inception-v4')).loaded).toBeUndefined();
    expect(await client.classify(photo(1), ['inception-v4']).catch((e: unknown) => e)).toMatchObject({
      kind: 'not-loaded',
    });
    await expect
      .poll(() => events.some((e) => e.kind === 'weights' && e.state.network === 'inception-v4' && !e.state.loaded))
      .toBe(true);
  });
});

describe('topClasses', () => {
  it('orders by probability and labels each class', () => {
    expect(topClasses(Float32Array.of(0.1, 0.5, 0.2, 0.2), 2, ['a', 'b', 'c', 'd']).map((t) => t.label)).toEqual([
      'b',
      'c',
    ]);
  });
});
