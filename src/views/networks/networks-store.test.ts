import { describe, expect, it } from 'vitest';
import { WeightsCache } from '../../runtime/loading/cache.ts';
import { networksShown } from '../../testing/said.ts';
import { fakeWorkers, type FakeWorkers } from '../../testing/worker/fake-workers.ts';
import { TRUNCATED_BYTE } from '../../testing/worker/small-runtime.ts';
import { weightsGate } from '../inside/app-inside-store.ts';
import { startNetworksStore } from '../../testing/classify-stores.ts';
import { sessionPerTest } from '../../testing/worker/session-per-test.ts';
import { keepMirrorCopy, memoryWeightsCache } from '../../testing/worker/cached-weights.ts';

// The networks store alone (no classify page: what the evaluate page and look inside use) through the
// app's session to the real worker service over a MessageChannel, with a small runtime (weights files
// whose first byte names the network).
const openSession = sessionPerTest();
const startStore = (search = '?backend=wasm', cache?: WeightsCache, workers: FakeWorkers = fakeWorkers({ cache })) =>
  startNetworksStore(openSession(workers.start), search);

const weights = (name: string, idByte: number) => new File([Uint8Array.of(idByte)], name);

describe('NetworksStore', () => {
  it('starts the backend and knows nothing is loaded', async () => {
    const store = await startStore();
    const state = networksShown(store.getSnapshot());
    expect(state.backend?.active).toBe('wasm');
    expect(state.weights['inception-v4'].state?.loaded).toBeUndefined();
    expect(store.loadedNetworks()).toEqual([]);
  });

  it("tells look inside's gate when a network is loaded, and those waiting for one that it is ready", async () => {
    const store = await startStore();
    const gate = weightsGate(store);
    let ready = 0;
    store.onReady(() => ready++);
    let changes = 0;
    gate.subscribe(() => changes++);
    expect(gate.isLoaded('inception-v4')).toBe(false);
    await store.loadFile('inception-v4', weights('v4.safetensors', 4));
    expect(gate.isLoaded('inception-v4')).toBe(true);
    expect(changes).toBeGreaterThan(0);
    expect(ready).toBe(1);
    expect(gate.stopped?.()).toBeUndefined();
  });

  it('loads a dropped weights file into the network it fits, and says when it fits neither', async () => {
    const store = await startStore();
    await store.loadDroppedWeights(weights('irv2.safetensors', 2));
    expect(store.loadedNetworks()).toEqual(['inception-resnet-v2']);
    expect(networksShown(store.getSnapshot()).weights['inception-v4'].error).toBeUndefined();

    await store.loadDroppedWeights(weights('junk.safetensors', 9));
    const messages = networksShown(store.getSnapshot()).messages;
    expect(messages.at(-1)?.text).toBe(
      'junk.safetensors fits neither Inception-v4 nor Inception-ResNet-v2: junk.safetensors: these are not the weights of Inception-v4; ' +
        'junk.safetensors: these are not the weights of Inception-ResNet-v2',
    );
    // The notice that it was being read is gone once it was.
    expect(messages.some((m) => m.text.startsWith('Loading'))).toBe(false);
    expect(store.loadedNetworks()).toEqual(['inception-resnet-v2']);
  });

  it('says a dropped truncated file is truncated (not that it fits neither network), leading with what to do', async () => {
    const store = await startStore();
    await store.loadDroppedWeights(weights('cut.safetensors', TRUNCATED_BYTE));
    expect(networksShown(store.getSnapshot()).messages.at(-1)).toMatchObject({
      tone: 'error',
      advice: 'This file is incomplete: download it (or copy it) again, then retry.',
      text: 'cut.safetensors is truncated: it is the Inception-v4 checkpoint cut short',
    });
  });

  it('shows a wrong file picked for a network on that network', async () => {
    const store = await startStore();
    await store.loadFile('inception-v4', weights('other.safetensors', 2));
    expect(networksShown(store.getSnapshot()).weights['inception-v4'].error).toBe(
      'other.safetensors: these are not the weights of Inception-v4',
    );
    await store.loadFile('inception-v4', weights('cut.safetensors', TRUNCATED_BYTE));
    expect(networksShown(store.getSnapshot()).weights['inception-v4']).toMatchObject({
      error: 'cut.safetensors is truncated: it is the Inception-v4 checkpoint cut short',
      advice: 'This file is incomplete: download it (or copy it) again, then retry.',
    });
  });

  it("offers a file picked on the wrong card, identified as the other network's, to that one; loads it", async () => {
    const store = await startStore();
    await store.loadFile('inception-v4', weights('irv2.safetensors', 2));
    expect(networksShown(store.getSnapshot()).weights['inception-v4']).toMatchObject({
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
    const cache = memoryWeightsCache();
    const mirror = 'http://127.0.0.1:8123';
    await keepMirrorCopy(cache, mirror);

    const official = await startStore('?backend=wasm', cache);
    expect(official.getSnapshot().weights['inception-v4']).toMatchObject({
      state: { loaded: undefined, cached: { provenance: { kind: 'mirror', baseUrl: mirror } } },
    });
    expect(official.getSnapshot().weights['inception-v4'].loading).toBeUndefined();

    const viaMirror = await startStore(`?backend=wasm&weights=${encodeURIComponent(mirror)}`, cache);
    expect(viaMirror.getSnapshot().weights['inception-v4'].state?.loaded).toMatchObject({
      origin: 'cache',
      provenance: { kind: 'mirror', baseUrl: mirror },
    });
  });

  it('says that weights could not be kept for next time, in the language switched to', async () => {
    const store = await startStore();
    await store.loadFile('inception-v4', weights('v4.safetensors', 4));
    const said = (locale: 'en' | 'zh') =>
      networksShown(store.getSnapshot(), locale).messages.map((m) => m.text as string);
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
    const state = networksShown(store.getSnapshot());
    expect(state.settings.backend).toBe('wasm');
    expect(state.backend?.active).toBe('wasm');
    expect(state.backendNotice).toBe(
      'WebGPU could not be used (this browser has no WebGPU (navigator.gpu is missing)); WebAssembly runs instead.',
    );
    // Kept as data: said again in Chinese once the reader switches, the reason too.
    expect(networksShown(store.getSnapshot(), 'zh').backendNotice).toBe(
      '无法使用 WebGPU（此浏览器没有 WebGPU（缺少 navigator.gpu））；改用 WebAssembly 运行。',
    );
  });

  it('when the worker crashes: says so, and loads the cached network again in the new worker', async () => {
    const cache = memoryWeightsCache();
    const workers = fakeWorkers({ cache });
    const mirror = 'http://127.0.0.1:8123';
    const store = await startStore(`?backend=wasm&weights=${encodeURIComponent(mirror)}`, cache, workers);
    await keepMirrorCopy(cache, mirror);
    await store.download('inception-v4');
    let ready = 0;
    store.onReady(() => ready++);

    workers.started[0].crash('an error in the worker: Uncaught Error: injected');
    // Told twice: the network loaded again, then the restart done (the gate open).
    await expect.poll(() => ready).toBe(2);
    expect(store.getSnapshot().weights['inception-v4'].state?.loaded?.origin).toBe('cache');
    expect(networksShown(store.getSnapshot()).messages.at(-1)?.text).toBe(
      'The inference worker stopped (an error in the worker: Uncaught Error: injected) and was started again. ' +
        'The networks are being loaded again from this browser’s cache.',
    );
    expect(workers.alive().map((w) => w.generation)).toEqual([2]);
  });

  it('a worker that cannot start: a bounded number of tries, then a message to reload', async () => {
    const workers = fakeWorkers({ behaviour: () => 'fails to load' });
    const store = await startStore('?backend=wasm', undefined, workers);
    await expect.poll(() => store.getSnapshot().session.phase).toBe('failed');
    expect(workers.started).toHaveLength(4);
    expect(networksShown(store.getSnapshot()).messages.at(-1)?.text).toBe(
      'The inference worker keeps stopping (its script could not be loaded). Reload the page to start it again.',
    );
    expect(weightsGate(store).stopped?.()).toMatchObject({ code: expect.any(String) });
  });

  it('reports bad settings from the URL as messages, and dismisses them', async () => {
    const store = await startStore('?backend=tpu');
    const [problem] = networksShown(store.getSnapshot()).messages;
    expect(problem.text).toMatch(/"tpu" is not one of/);
    store.dismissMessage(problem.id);
    expect(store.getSnapshot().messages).toEqual([]);
  });
});
