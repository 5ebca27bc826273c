import { afterEach, describe, expect, it } from 'vitest';
import { NETWORKS } from '../../model/networks/index.ts';
import { WeightsCache } from '../../runtime/loading/cache.ts';
import { sha256Hex } from '../../runtime/loading/sha256.ts';
import { MemoryCacheStorage } from '../../testing/memory-cache-storage.ts';
import { fakeWorkers, type FakeWorkers } from '../../testing/worker/fake-workers.ts';
import { InferenceSession } from '../../runtime/session/inference-session.ts';
import { TRUNCATED_BYTE } from '../../testing/worker/small-runtime.ts';
import { MAX_KEPT_CROPS } from './photo-list.ts';
import { describeProgress } from './progress.ts';
import { classifyText } from '../i18n/classify.ts';
import { readClassifySettings } from './settings.ts';
import { classifyShown } from '../../testing/said.ts';
import { ClassifyStore } from './store.ts';

// The page's store through the app's session to the real worker service over a MessageChannel, with a
// small runtime (weights files whose first byte names the network; "photos" whose first byte is 0xff).
let session: InferenceSession | undefined;
afterEach(() => {
  session?.close();
  session = undefined;
});

async function startStore(
  search = '?backend=wasm',
  cache?: WeightsCache,
  workers: FakeWorkers = fakeWorkers({ cache }),
) {
  session = new InferenceSession(workers.start, { backoffMs: 10 });
  const store = new ClassifyStore(session, readClassifySettings(search, undefined));
  await store.start();
  return store;
}

const photo = (name: string, second = 1) => new File([Uint8Array.of(0xff, second)], name, { type: 'image/jpeg' });
const weights = (name: string, idByte: number) => new File([Uint8Array.of(idByte)], name);
const settled = (store: ClassifyStore) =>
  expect.poll(() => store.getSnapshot().photos.every((p) => p.status === 'done' || p.status === 'error')).toBe(true);

describe('ClassifyStore', () => {
  it('starts the backend and knows nothing is loaded', async () => {
    const store = await startStore();
    const state = classifyShown(store.getSnapshot());
    expect(state.backend?.active).toBe('wasm');
    expect(state.weights['inception-v4'].state?.loaded).toBeUndefined();
  });

  it('keeps photos waiting until weights arrive, then classifies them, newest first in the list', async () => {
    const store = await startStore();
    await store.addFiles([photo('a.jpg', 1), photo('b.jpg', 2)]);
    expect(classifyShown(store.getSnapshot()).photos.map((p) => [p.name, p.status])).toEqual([
      ['b.jpg', 'waiting'],
      ['a.jpg', 'waiting'],
    ]);
    expect(classifyShown(store.getSnapshot()).messages.at(-1)?.text).toMatch(/Load the weights of a network/);

    await store.loadFile('inception-v4', weights('v4.safetensors', 4));
    await settled(store);
    const [b, a] = classifyShown(store.getSnapshot()).photos;
    // The small runtime's "network" answers input + 1 on WebAssembly.
    expect(a.outcome?.results[0].top[0].classIndex).toBe(2);
    expect(b.outcome?.results[0].top[0].classIndex).toBe(3);
  });

  it('offers a dropped weights file to each network and keeps it where it fits', async () => {
    const store = await startStore();
    await store.addFiles([weights('irv2.safetensors', 2)]);
    expect(store.loadedNetworks()).toEqual(['inception-resnet-v2']);
    expect(classifyShown(store.getSnapshot()).weights['inception-v4'].error).toBeUndefined();

    await store.addFiles([weights('junk.safetensors', 9)]);
    expect(classifyShown(store.getSnapshot()).messages.at(-1)?.text).toBe(
      'junk.safetensors fits neither Inception-v4 nor Inception-ResNet-v2: junk.safetensors: these are not the weights of Inception-v4; ' +
        'junk.safetensors: these are not the weights of Inception-ResNet-v2',
    );
    expect(classifyShown(store.getSnapshot()).messages.some((m) => m.text.startsWith('Loading'))).toBe(false);
    expect(store.loadedNetworks()).toEqual(['inception-resnet-v2']);
  });

  it('keeps what it says as data: a message already shown is said in the language switched to', async () => {
    const store = await startStore();
    await store.addFiles([weights('junk.safetensors', 9), new File(['hello'], 'notes.txt', { type: 'text/plain' })]);
    // Refusals first (before any file is read), then what the weights file turned out to be.
    const [notImage, fits] = store.getSnapshot().messages.slice(-2);
    expect(fits!.text).toMatchObject({
      failure: { code: 'weights.fits-neither', params: { file: 'junk.safetensors' } },
    });
    expect(
      classifyShown(store.getSnapshot(), 'zh')
        .messages.slice(-2)
        .map((m) => m.text),
    ).toEqual([
      expect.stringMatching(/^notes\.txt 不是图片/),
      // (the test runtime's own reasons are plain errors, quoted as they came)
      'junk.safetensors 既不符合 Inception-v4，也不符合 Inception-ResNet-v2：junk.safetensors: these are not the weights of Inception-v4；' +
        'junk.safetensors: these are not the weights of Inception-ResNet-v2',
    ]);
    expect(notImage!.text).toEqual({ code: 'inputs.notImage', params: ['notes.txt', 'text/plain'] });
  });

  it('says a dropped truncated file is truncated (not that it fits neither network), leading with what to do', async () => {
    const store = await startStore();
    await store.addFiles([weights('cut.safetensors', TRUNCATED_BYTE)]);
    expect(classifyShown(store.getSnapshot()).messages.at(-1)).toMatchObject({
      tone: 'error',
      advice: 'This file is incomplete: download it (or copy it) again, then retry.',
      text: 'cut.safetensors is truncated: it is the Inception-v4 checkpoint cut short',
    });
  });

  it('classifies with both networks side by side when both are loaded', async () => {
    const store = await startStore();
    await store.addFiles([weights('v4.safetensors', 4), weights('irv2.safetensors', 2), photo('cat.jpg', 3)]);
    await settled(store);
    const results = classifyShown(store.getSnapshot()).photos[0].outcome!.results;
    expect(results.map((r) => r.network)).toEqual(['inception-v4', 'inception-resnet-v2']);
  });

  it('says what is wrong with a non-image and an undecodable photo, and goes on', async () => {
    const store = await startStore();
    await store.loadFile('inception-v4', weights('v4.safetensors', 4));
    await store.addFiles([
      new File(['hello'], 'notes.txt', { type: 'text/plain' }),
      new File([Uint8Array.of(1, 2)], 'broken.jpg', { type: 'image/jpeg' }),
      photo('ok.jpg', 7),
    ]);
    await settled(store);
    const state = classifyShown(store.getSnapshot());
    expect(state.messages.some((m) => m.text.startsWith('notes.txt is not an image (text/plain)'))).toBe(true);
    expect(state.photos.find((p) => p.name === 'broken.jpg')).toMatchObject({
      status: 'error',
      error: 'broken.jpg: not an image',
    });
    expect(state.photos.find((p) => p.name === 'ok.jpg')?.outcome?.results[0].top[0].classIndex).toBe(8);
  });

  it('shows a wrong file picked for a network on that network, and removes photos', async () => {
    const store = await startStore();
    await store.loadFile('inception-v4', weights('other.safetensors', 2));
    expect(classifyShown(store.getSnapshot()).weights['inception-v4'].error).toBe(
      'other.safetensors: these are not the weights of Inception-v4',
    );
    await store.loadFile('inception-v4', weights('cut.safetensors', TRUNCATED_BYTE));
    expect(classifyShown(store.getSnapshot()).weights['inception-v4']).toMatchObject({
      error: 'cut.safetensors is truncated: it is the Inception-v4 checkpoint cut short',
      advice: 'This file is incomplete: download it (or copy it) again, then retry.',
    });
    await store.addFiles([photo('x.jpg')]);
    store.removePhoto(classifyShown(store.getSnapshot()).photos[0].id);
    expect(classifyShown(store.getSnapshot()).photos).toEqual([]);
  });

  it("offers a file picked on the wrong card, identified as the other network's, to that one; loads it", async () => {
    const store = await startStore();
    await store.loadFile('inception-v4', weights('irv2.safetensors', 2));
    expect(classifyShown(store.getSnapshot()).weights['inception-v4']).toMatchObject({
      error: 'irv2.safetensors: these are not the weights of Inception-v4',
      advice: 'This file holds the weights of Inception-ResNet-v2, not of Inception-v4.',
      misplaced: { fits: 'inception-resnet-v2', name: 'irv2.safetensors' },
    });
    await store.loadWhereItFits('inception-v4');
    expect(store.loadedNetworks()).toEqual(['inception-resnet-v2']);
    expect(store.getSnapshot().weights['inception-resnet-v2'].state?.loaded?.provenance).toEqual({
      kind: 'file',
      name: 'irv2.safetensors',
    });
    expect(store.getSnapshot().weights['inception-v4']).toMatchObject({
      error: undefined,
      advice: undefined,
      misplaced: undefined,
    });

    // A file that fits no network is refused without the offer.
    await store.loadFile('inception-v4', weights('junk.safetensors', 9));
    expect(store.getSnapshot().weights['inception-v4'].misplaced).toBeUndefined();
  });

  it('loads a cached copy at start only when it is from the current download source (a mirror never stands in)', async () => {
    const cache = new WeightsCache(new MemoryCacheStorage().asCacheStorage());
    const mirror = 'http://127.0.0.1:8123';
    const v4 = NETWORKS['inception-v4'].released!.checkpoint!;
    const bytes = Uint8Array.of(4);
    await cache.put(v4, { kind: 'mirror', baseUrl: mirror }, bytes, `${mirror}/x`, await sha256Hex(bytes));

    const official = await startStore('?backend=wasm', cache);
    expect(official.getSnapshot().weights['inception-v4']).toMatchObject({
      state: { loaded: undefined, cached: { provenance: { kind: 'mirror', baseUrl: mirror } } },
    });
    expect(official.getSnapshot().weights['inception-v4'].loading).toBeUndefined();
    session?.close();

    const viaMirror = await startStore(`?backend=wasm&weights=${encodeURIComponent(mirror)}`, cache);
    expect(viaMirror.getSnapshot().weights['inception-v4'].state?.loaded).toMatchObject({
      origin: 'cache',
      provenance: { kind: 'mirror', baseUrl: mirror },
    });
  });

  it('drops the hint to load weights once a network is loaded', async () => {
    const store = await startStore();
    await store.addFiles([photo('a.jpg', 1)]);
    expect(classifyShown(store.getSnapshot()).messages.map((m) => m.text)).toContain(
      'Load the weights of a network (above) to classify these photos.',
    );
    await store.loadFile('inception-v4', weights('v4.safetensors', 4));
    await settled(store);
    expect(classifyShown(store.getSnapshot()).messages.map((m) => m.text)).not.toContain(
      'Load the weights of a network (above) to classify these photos.',
    );
  });

  it('says that weights could not be kept for next time, in the language switched to', async () => {
    const store = await startStore();
    await store.loadFile('inception-v4', weights('v4.safetensors', 4));
    const said = (locale: 'en' | 'zh') =>
      classifyShown(store.getSnapshot(), locale).messages.map((m) => m.text as string);
    await expect
      .poll(() => said('en'))
      .toContain('Cache Storage is not available here. The weights work now but will be loaded again next time.');
    expect(said('zh')).toContain('这里没有可用的 Cache Storage。权重现在可以使用，但下次会重新加载。');
  });

  it('a chosen backend that is not available: the menu shows what runs, and says why', async () => {
    const store = await startStore(
      '?backend=wasm',
      undefined,
      fakeWorkers({
        configure: (runtime) => {
          runtime.backends = ['wasm', 'cpu'];
        },
      }),
    );
    await store.setBackend('webgpu');
    const state = classifyShown(store.getSnapshot());
    expect(state.settings.backend).toBe('wasm');
    expect(state.backend?.active).toBe('wasm');
    expect(state.backendNotice).toBe(
      'WebGPU could not be used (this browser has no WebGPU (navigator.gpu is missing)); WebAssembly runs instead.',
    );
    // Kept as data: said again in Chinese once the reader switches, the reason too.
    expect(classifyShown(store.getSnapshot(), 'zh').backendNotice).toBe(
      '无法使用 WebGPU（此浏览器没有 WebGPU（缺少 navigator.gpu））；改用 WebAssembly 运行。',
    );
  });

  it('keeps every result but only the newest crops, so kept results do not grow memory without bound', async () => {
    const store = await startStore();
    await store.loadFile('inception-v4', weights('v4.safetensors', 4));
    await store.addFiles(Array.from({ length: MAX_KEPT_CROPS + 3 }, (_, i) => photo(`p${i}.jpg`, i % 10)));
    await settled(store);
    const photos = classifyShown(store.getSnapshot()).photos;
    expect(photos).toHaveLength(MAX_KEPT_CROPS + 3);
    expect(photos.every((p) => p.status === 'done' && p.outcome?.results[0].top.length === 5)).toBe(true);
    expect(photos.filter((p) => p.cropsReleased).map((p) => p.name)).toEqual(['p2.jpg', 'p1.jpg', 'p0.jpg']);
  });

  it('when the worker crashes: the photo in flight says so, results stay, the cached network is loaded again, and waiting photos go on', async () => {
    const cache = new WeightsCache(new MemoryCacheStorage().asCacheStorage());
    const workers = fakeWorkers({ cache });
    const mirror = 'http://127.0.0.1:8123';
    const store = await startStore(`?backend=wasm&weights=${encodeURIComponent(mirror)}`, cache, workers);
    // Downloaded weights are cached, so a new worker can load them again (a mirror's: the stand-in is not
    // the published file, which is all a copy from Hugging Face may be).
    const v4 = NETWORKS['inception-v4'].released!.checkpoint!;
    const bytes = Uint8Array.of(4);
    await cache.put(v4, { kind: 'mirror', baseUrl: mirror }, bytes, `${mirror}/x`, await sha256Hex(bytes));
    await store.download('inception-v4');
    await store.addFiles([photo('kept.jpg', 1)]);
    await settled(store);

    workers.started[0].runtime.hang = true;
    await store.addFiles([photo('in-flight.jpg', 2), photo('later.jpg', 3)]);
    await expect.poll(() => workers.started[0].runtime.inferring).toBe(1);
    workers.started[0].crash('an error in the worker: Uncaught Error: injected');
    await settled(store);

    const state = classifyShown(store.getSnapshot());
    expect(state.photos.find((p) => p.name === 'kept.jpg')?.status).toBe('done');
    expect(state.photos.find((p) => p.name === 'in-flight.jpg')).toMatchObject({
      status: 'error',
      error:
        'The inference worker stopped (an error in the worker: Uncaught Error: injected); it is being started again',
    });
    expect(state.photos.find((p) => p.name === 'later.jpg')?.outcome?.results[0].top[0].classIndex).toBe(4);
    expect(state.messages.at(-1)?.text).toBe(
      'The inference worker stopped (an error in the worker: Uncaught Error: injected) and was started again. ' +
        'The networks are being loaded again from this browser’s cache.',
    );
    expect(state.weights['inception-v4'].state?.loaded?.origin).toBe('cache');
    expect(workers.alive().map((w) => w.generation)).toEqual([2]);
  });

  it('a worker that cannot start: a bounded number of tries, then a message to reload', async () => {
    const workers = fakeWorkers({ behaviour: () => 'fails to load' });
    const store = await startStore('?backend=wasm', undefined, workers);
    await expect.poll(() => classifyShown(store.getSnapshot()).session.phase).toBe('failed');
    expect(workers.started).toHaveLength(4);
    expect(classifyShown(store.getSnapshot()).messages.at(-1)?.text).toBe(
      'The inference worker keeps stopping (its script could not be loaded). Reload the page to start it again.',
    );
  });

  it('reports bad settings from the URL as messages', async () => {
    const store = await startStore('?backend=tpu');
    expect(classifyShown(store.getSnapshot()).messages[0].text).toMatch(/"tpu" is not one of/);
  });
});

/** Inception-v4 loaded, and Inception-ResNet-v2 loading from `file` until `finishLoading` is called. */
async function whileSecondLoads(file: File) {
  const workers = fakeWorkers();
  const store = await startStore('?backend=wasm', undefined, workers);
  await store.loadFile('inception-v4', weights('v4.safetensors', 4));
  let finishLoading!: () => void;
  workers.started[0].runtime.validating = new Promise((resolve) => (finishLoading = resolve));
  const loading = store.loadFile('inception-resnet-v2', file);
  await expect.poll(() => store.getSnapshot().weights['inception-resnet-v2'].loading).toBeDefined();
  return { store, finishLoading, loading };
}

describe('ClassifyStore sending photos to the worker', () => {
  it('sends photos dropped together a few at a time, so the worker infers them in batches; each keeps its own result', async () => {
    const workers = fakeWorkers();
    const store = await startStore('?backend=wasm', undefined, workers);
    await store.loadFile('inception-v4', weights('v4.safetensors', 4));
    const runtime = workers.started[0].runtime;
    runtime.inferenceMs = 20;
    await store.addFiles([
      ...Array.from({ length: 5 }, (_, i) => photo(`p${i}.jpg`, i)),
      new File([Uint8Array.of(1, 2)], 'broken.jpg', { type: 'image/jpeg' }),
      ...Array.from({ length: 4 }, (_, i) => photo(`q${i}.jpg`, 5 + i)),
    ]);
    await settled(store);
    // Batches of more than one photo (single photos are not counted), never more than the worker's 4.
    expect(runtime.batches.length).toBeGreaterThan(0);
    expect(Math.max(...runtime.batches)).toBeGreaterThan(1);
    expect(Math.max(...runtime.batches)).toBeLessThanOrEqual(4);
    const photos = classifyShown(store.getSnapshot()).photos;
    // The small runtime's "network" answers input + 1 on WebAssembly: each photo has its own answer.
    for (let i = 0; i < 5; i++)
      expect(photos.find((p) => p.name === `p${i}.jpg`)?.outcome?.results[0].top[0].classIndex).toBe(i + 1);
    for (let i = 0; i < 4; i++)
      expect(photos.find((p) => p.name === `q${i}.jpg`)?.outcome?.results[0].top[0].classIndex).toBe(i + 6);
    expect(photos.find((p) => p.name === 'broken.jpg')).toMatchObject({
      status: 'error',
      error: 'broken.jpg: not an image',
    });
    expect(photos.map((p) => p.name)).toEqual([
      'q3.jpg',
      'q2.jpg',
      'q1.jpg',
      'q0.jpg',
      'broken.jpg',
      'p4.jpg',
      'p3.jpg',
      'p2.jpg',
      'p1.jpg',
      'p0.jpg',
    ]);
  });

  it('a photo removed while others are in flight is never classified, and the others are', async () => {
    const workers = fakeWorkers();
    const store = await startStore('?backend=wasm', undefined, workers);
    await store.loadFile('inception-v4', weights('v4.safetensors', 4));
    workers.started[0].runtime.inferenceMs = 20;
    await store.addFiles(Array.from({ length: 8 }, (_, i) => photo(`p${i}.jpg`, i)));
    const last = store.getSnapshot().photos[0];
    expect(last).toMatchObject({ name: 'p7.jpg', status: 'waiting' });
    store.removePhoto(last.id);
    await settled(store);
    const photos = store.getSnapshot().photos;
    expect(photos.map((p) => [p.name, p.status])).toEqual(
      Array.from({ length: 7 }, (_, i) => [`p${6 - i}.jpg`, 'done']),
    );
  });

  it('a photo classified while the other network loads is classified by it too once it is ready, and says it waits meanwhile', async () => {
    const { store, finishLoading, loading } = await whileSecondLoads(weights('irv2.safetensors', 2));
    await store.addFiles([photo('cat.jpg', 3), new File([Uint8Array.of(1, 2)], 'broken.jpg', { type: 'image/jpeg' })]);
    await settled(store);
    const cat = () => store.getSnapshot().photos.find((p) => p.name === 'cat.jpg')!;
    const broken = { status: 'error', error: 'broken.jpg: not an image', awaiting: undefined };
    expect(cat()).toMatchObject({ status: 'done', awaiting: ['inception-resnet-v2'] });
    expect(cat().outcome?.results.map((r) => r.network)).toEqual(['inception-v4']);
    // A photo that failed waits for nothing.
    expect(classifyShown(store.getSnapshot()).photos.find((p) => p.name === 'broken.jpg')).toMatchObject(broken);

    finishLoading();
    await loading;
    await expect
      .poll(() => cat().outcome?.results.map((r) => [r.network, r.top[0].classIndex]))
      .toEqual([
        ['inception-v4', 4],
        ['inception-resnet-v2', 4],
      ]);
    expect(cat()).toMatchObject({ status: 'done', awaiting: undefined });
    expect(classifyShown(store.getSnapshot()).photos.find((p) => p.name === 'broken.jpg')).toMatchObject(broken);
  });

  it('a photo no longer waits for a network whose loading failed', async () => {
    const { store, finishLoading, loading } = await whileSecondLoads(weights('wrong.safetensors', 4));
    await store.addFiles([photo('cat.jpg', 3)]);
    await settled(store);
    expect(store.getSnapshot().photos[0].awaiting).toEqual(['inception-resnet-v2']);
    finishLoading();
    await loading;
    expect(classifyShown(store.getSnapshot()).weights['inception-resnet-v2'].error).toBe(
      'wrong.safetensors: these are not the weights of Inception-ResNet-v2',
    );
    expect(store.getSnapshot().photos[0]).toMatchObject({ status: 'done', awaiting: undefined });
    expect(store.getSnapshot().photos[0].outcome?.results.map((r) => r.network)).toEqual(['inception-v4']);
  });
});

describe('describeProgress', () => {
  it('shows bytes, percent, speed and retries of a download', () => {
    expect(
      describeProgress({
        phase: 'download',
        received: 12_300_000,
        total: 171_200_000,
        bytesPerSecond: 4_100_000,
        attempt: 2,
      }),
    ).toBe('12.3 MB of 171.2 MB (7 %), 4.1 MB/s, attempt 2');
    expect(describeProgress({ phase: 'download', received: 5000 })).toBe('5.0 kB');
    expect(describeProgress({ phase: 'validate' })).toBe('checking the weights…');
  });

  it('says a download is connecting, and retrying, until an answer comes: not what the card said before (the cache)', () => {
    const connecting = (attempt: number) =>
      ({
        phase: 'download',
        received: 0,
        total: undefined,
        bytesPerSecond: 0,
        attempt,
        attempts: 4,
        connecting: true,
      }) as const;
    expect(describeProgress(connecting(1))).toBe('connecting…');
    expect(describeProgress(connecting(3))).toBe('no answer yet, trying again (attempt 3 of 4)…');
    expect(describeProgress(connecting(2), classifyText.zh)).toBe('尚无应答，正在重试（第 2 次，共 4 次）…');
  });
});
