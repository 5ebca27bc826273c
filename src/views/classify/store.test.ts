import { describe, expect, it } from 'vitest';
import { WeightsCache } from '../../runtime/loading/cache.ts';
import { fakeWorkers, type FakeWorkers } from '../../testing/worker/fake-workers.ts';
import { sessionPerTest } from '../../testing/worker/session-per-test.ts';
import { startClassifyStore } from '../../testing/classify-stores.ts';
import { MAX_KEPT_CROPS } from './photo-list.ts';
import { classifyShown } from '../../testing/said.ts';
import type { ClassifyStore } from './store.ts';
import { mergedMessages, type Message } from '../networks/networks-state.ts';
import type { ClassifySaid } from '../i18n/classify.ts';
import type { NetworksSaid } from '../i18n/networks.ts';
import { keepMirrorCopy, memoryWeightsCache } from '../../testing/worker/cached-weights.ts';
import { PhotoLibrary } from '../photos/library.ts';
import { MAX_INSIDE_RUNS } from '../../runtime/inside/protocol.ts';

// The page's store (and its networks store) through the app's session to the real worker service over a
// MessageChannel, with a small runtime (weights files whose first byte names the network; "photos" whose
// first byte is 0xff). The networks store's own tests are networks/networks-store.test.ts.
const openSession = sessionPerTest();
const startStore = (search = '?backend=wasm', cache?: WeightsCache, workers: FakeWorkers = fakeWorkers({ cache })) =>
  startClassifyStore(openSession(workers.start), search);

const photo = (name: string, second = 1) => new File([Uint8Array.of(0xff, second)], name, { type: 'image/jpeg' });
const weights = (name: string, idByte: number) => new File([Uint8Array.of(idByte)], name);
const settled = (store: ClassifyStore) =>
  expect.poll(() => store.getSnapshot().photos.every((p) => p.status === 'done' || p.status === 'error')).toBe(true);

describe('ClassifyStore', () => {
  it('keeps photos waiting until weights arrive, then classifies them, newest first in the list', async () => {
    const store = await startStore();
    await store.addFiles([photo('a.jpg', 1), photo('b.jpg', 2)]);
    expect(classifyShown(store).photos.map((p) => [p.name, p.status])).toEqual([
      ['b.jpg', 'waiting'],
      ['a.jpg', 'waiting'],
    ]);
    expect(classifyShown(store).messages.at(-1)?.text).toMatch(/Load the weights of a network/);

    await store.networks.loadFile('inception-v4', weights('v4.safetensors', 4));
    await settled(store);
    const [b, a] = classifyShown(store).photos;
    // The small runtime's "network" answers input + 1 on WebAssembly.
    expect(a.outcome?.results[0].top[0].classIndex).toBe(2);
    expect(b.outcome?.results[0].top[0].classIndex).toBe(3);
  });

  it('keeps what it says as data: a message already shown is said in the language switched to', async () => {
    const store = await startStore();
    await store.addFiles([weights('junk.safetensors', 9), new File(['hello'], 'notes.txt', { type: 'text/plain' })]);
    // Refusals first (before any file is read), then what the weights file turned out to be.
    const [notImage, fits] = mergedMessages<Message<NetworksSaid | ClassifySaid>>(
      store.networks.getSnapshot().messages,
      store.getSnapshot().messages,
    ).slice(-2);
    expect(fits!.text).toMatchObject({
      failure: { code: 'weights.fits-neither', params: { file: 'junk.safetensors' } },
    });
    expect(
      classifyShown(store, 'zh')
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

  it('classifies with both networks side by side when both are loaded', async () => {
    const store = await startStore();
    await store.addFiles([weights('v4.safetensors', 4), weights('irv2.safetensors', 2), photo('cat.jpg', 3)]);
    await settled(store);
    const results = classifyShown(store).photos[0].outcome!.results;
    expect(results.map((r) => r.network)).toEqual(['inception-v4', 'inception-resnet-v2']);
  });

  it('says what is wrong with a non-image and an undecodable photo, and goes on', async () => {
    const store = await startStore();
    await store.networks.loadFile('inception-v4', weights('v4.safetensors', 4));
    await store.addFiles([
      new File(['hello'], 'notes.txt', { type: 'text/plain' }),
      new File([Uint8Array.of(1, 2)], 'broken.jpg', { type: 'image/jpeg' }),
      photo('ok.jpg', 7),
    ]);
    await settled(store);
    const state = classifyShown(store);
    expect(state.messages.some((m) => m.text.startsWith('notes.txt is not an image (text/plain)'))).toBe(true);
    expect(state.photos.find((p) => p.name === 'broken.jpg')).toMatchObject({
      status: 'error',
      error: 'broken.jpg: not an image',
    });
    expect(state.photos.find((p) => p.name === 'ok.jpg')?.outcome?.results[0].top[0].classIndex).toBe(8);
  });

  it('removes photos', async () => {
    const store = await startStore();
    await store.addFiles([photo('x.jpg'), photo('y.jpg')]);
    store.removePhoto(classifyShown(store).photos[0].id);
    expect(classifyShown(store).photos.map((p) => p.name)).toEqual(['x.jpg']);
  });

  it('drops the hint to load weights once a network is loaded', async () => {
    const store = await startStore();
    await store.addFiles([photo('a.jpg', 1)]);
    expect(classifyShown(store).messages.map((m) => m.text)).toContain(
      'Load the weights of a network (above) to classify these photos.',
    );
    await store.networks.loadFile('inception-v4', weights('v4.safetensors', 4));
    await settled(store);
    expect(classifyShown(store).messages.map((m) => m.text)).not.toContain(
      'Load the weights of a network (above) to classify these photos.',
    );
  });

  it('keeps every result but only the newest crops, so kept results do not grow memory without bound', async () => {
    const store = await startStore();
    await store.networks.loadFile('inception-v4', weights('v4.safetensors', 4));
    await store.addFiles(Array.from({ length: MAX_KEPT_CROPS + 3 }, (_, i) => photo(`p${i}.jpg`, i % 10)));
    await settled(store);
    const photos = classifyShown(store).photos;
    expect(photos).toHaveLength(MAX_KEPT_CROPS + 3);
    expect(photos.every((p) => p.status === 'done' && p.outcome?.results[0].top.length === 5)).toBe(true);
    expect(photos.filter((p) => p.cropsReleased).map((p) => p.name)).toEqual(['p2.jpg', 'p1.jpg', 'p0.jpg']);
  });

  it('when the worker crashes: the photo in flight says so, results stay, the cached network is loaded again, and waiting photos go on', async () => {
    const cache = memoryWeightsCache();
    const workers = fakeWorkers({ cache });
    const mirror = 'http://127.0.0.1:8123';
    const store = await startStore(`?backend=wasm&weights=${encodeURIComponent(mirror)}`, cache, workers);
    // Downloaded weights are cached, so a new worker can load them again (a mirror's: the stand-in is not
    // the published file, which is all a copy from Hugging Face may be).
    await keepMirrorCopy(cache, mirror);
    await store.networks.download('inception-v4');
    await store.addFiles([photo('kept.jpg', 1)]);
    await settled(store);

    workers.started[0].runtime.hang = true;
    await store.addFiles([photo('in-flight.jpg', 2), photo('later.jpg', 3)]);
    await expect.poll(() => workers.started[0].runtime.inferring).toBe(1);
    workers.started[0].crash('an error in the worker: Uncaught Error: injected');
    await settled(store);

    const state = classifyShown(store);
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

  it("says bad settings from the URL, the networks' then the page's; dismisses either", async () => {
    const store = await startStore('?backend=tpu&crops=7');
    const texts = () => classifyShown(store).messages.map((m) => m.text);
    expect(texts()).toEqual([
      expect.stringMatching(/"backend": "tpu" is not one of/),
      expect.stringMatching(/"crops" \(crops per photo\): "7" is not one of 1, 12, 144/),
    ]);
    const [backend, crops] = classifyShown(store).messages;
    store.dismissMessage(backend.id);
    expect(texts()).toEqual([expect.stringMatching(/"crops"/)]);
    store.dismissMessage(crops.id);
    expect(texts()).toEqual([]);
  });
});

/** Inception-v4 loaded, and Inception-ResNet-v2 loading from `file` until `finishLoading` is called. */
async function whileSecondLoads(file: File) {
  const workers = fakeWorkers();
  const store = await startStore('?backend=wasm', undefined, workers);
  await store.networks.loadFile('inception-v4', weights('v4.safetensors', 4));
  let finishLoading!: () => void;
  workers.started[0].runtime.validating = new Promise((resolve) => (finishLoading = resolve));
  const loading = store.networks.loadFile('inception-resnet-v2', file);
  await expect.poll(() => store.networks.getSnapshot().weights['inception-resnet-v2'].loading).toBeDefined();
  return { store, finishLoading, loading };
}

describe('ClassifyStore sending photos to the worker', () => {
  it('sends photos dropped together a few at a time, so the worker infers them in batches; each keeps its own result', async () => {
    const workers = fakeWorkers();
    const store = await startStore('?backend=wasm', undefined, workers);
    await store.networks.loadFile('inception-v4', weights('v4.safetensors', 4));
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
    const photos = classifyShown(store).photos;
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

  it(`sends only the last ${MAX_INSIDE_RUNS} photos with their library slot; the others go without waiting for the library`, async () => {
    // Library writes held until released: a photo sent with its slot waits for its write.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const library = PhotoLibrary.inMemory();
    const add = library.add.bind(library);
    library.add = async (blob, name) => {
      await held;
      return add(blob, name);
    };
    const workers = fakeWorkers();
    const store = await startClassifyStore(openSession(workers.start), '?backend=wasm', library);
    await store.networks.loadFile('inception-v4', weights('v4.safetensors', 4));
    const runtime = workers.started[0].runtime;
    runtime.inferenceMs = 20;
    const names = Array.from({ length: 6 }, (_, i) => `p${i}.jpg`);
    await store.addFiles(names.map((name, i) => photo(name, i)));
    const status = () => names.map((name) => store.getSnapshot().photos.find((p) => p.name === name)?.status);
    // The first four are classified while every library write is still held; the last two wait for theirs.
    await expect.poll(status).toEqual(['done', 'done', 'done', 'done', 'classifying', 'classifying']);
    expect([...runtime.slots.keys()]).toEqual(names.slice(0, 4));
    release();
    await settled(store);
    const slots = new Map(store.getSnapshot().photos.map((p) => [p.name, p.slot]));
    expect(names.map((name) => runtime.slots.get(name))).toEqual([
      ...names.slice(0, 4).map(() => undefined),
      slots.get('p4.jpg'),
      slots.get('p5.jpg'),
    ]);
    // Each photo is kept in the library all the same (its card offers "Look inside").
    for (const name of names) expect(slots.get(name)).toMatch(/.+/);
    expect(new Set(slots.values()).size).toBe(6);
  });

  it('a photo removed while others are in flight is never classified, and the others are', async () => {
    const workers = fakeWorkers();
    const store = await startStore('?backend=wasm', undefined, workers);
    await store.networks.loadFile('inception-v4', weights('v4.safetensors', 4));
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
    expect(classifyShown(store).photos.find((p) => p.name === 'broken.jpg')).toMatchObject(broken);

    finishLoading();
    await loading;
    await expect
      .poll(() => cat().outcome?.results.map((r) => [r.network, r.top[0].classIndex]))
      .toEqual([
        ['inception-v4', 4],
        ['inception-resnet-v2', 4],
      ]);
    expect(cat()).toMatchObject({ status: 'done', awaiting: undefined });
    expect(classifyShown(store).photos.find((p) => p.name === 'broken.jpg')).toMatchObject(broken);
  });

  it('a photo no longer waits for a network whose loading failed', async () => {
    const { store, finishLoading, loading } = await whileSecondLoads(weights('wrong.safetensors', 4));
    await store.addFiles([photo('cat.jpg', 3)]);
    await settled(store);
    expect(store.getSnapshot().photos[0].awaiting).toEqual(['inception-resnet-v2']);
    finishLoading();
    await loading;
    expect(classifyShown(store).weights['inception-resnet-v2'].error).toBe(
      'wrong.safetensors: these are not the weights of Inception-ResNet-v2',
    );
    expect(store.getSnapshot().photos[0]).toMatchObject({ status: 'done', awaiting: undefined });
    expect(store.getSnapshot().photos[0].outcome?.results.map((r) => r.network)).toEqual(['inception-v4']);
  });
});
