import { describe, expect, it } from 'vitest';
import { GradientRuntime } from '../../testing/worker/gradient-runtime.ts';
import { workersServing } from '../../testing/worker/fake-workers.ts';
import { sessionPerTest } from '../../testing/worker/session-per-test.ts';
import { readClassifyMode, storeClassifyMode, withEta, lastPassMs, modeProblems } from './prediction-mode.ts';
import { startClassifyStore } from '../../testing/classify-stores.ts';
import { classifyText } from '../i18n/classify.ts';
import { classifyShown, saidIn } from '../../testing/said.ts';
import type { ClassifyStore } from './store.ts';

// The page's store in multi-crop and ensemble modes, against the real worker service over a MessageChannel
// with a runtime whose "networks" answer from the pixels (so each crop counts).
const openSession = sessionPerTest();

async function startStore() {
  const runtime = new GradientRuntime();
  const store = await startClassifyStore(openSession(workersServing(runtime)));
  return { store, runtime };
}

const photo = (name: string, brightness = 60) =>
  new File([Uint8Array.of(0xff, brightness)], name, { type: 'image/jpeg' });
const weights = (name: string) => new File([Uint8Array.of(1)], name);
const settled = (store: ClassifyStore) =>
  expect.poll(() => store.getSnapshot().photos.every((p) => p.status === 'done' || p.status === 'error')).toBe(true);

describe('ClassifyStore prediction modes', () => {
  it('classifies in 12 crops with progress, keeping the mode on the photo', async () => {
    const { store, runtime } = await startStore();
    await store.networks.loadFile('inception-v4', weights('v4.safetensors'));
    store.setMode({ crops: 12, ensemble: false });
    const seen: number[] = [];
    const unsubscribe = store.subscribe(() => {
      const done = store.getSnapshot().photos[0]?.progress?.done;
      if (done !== undefined && seen.at(-1) !== done) seen.push(done);
    });
    await store.addFiles([photo('cat.jpg')]);
    await settled(store);
    unsubscribe();
    const entry = classifyShown(store).photos[0];
    expect(entry).toMatchObject({ status: 'done', mode: { crops: 12, ensemble: false } });
    expect(entry.outcome).toBeUndefined();
    expect(entry.progress).toBeUndefined();
    expect(entry.prediction!.modes.map((m) => `${m.model}/${m.crops}`)).toEqual(['inception-v4/1', 'inception-v4/12']);
    expect(entry.prediction!.networks[0]).toMatchObject({ passes: 12, crop: { width: 299, height: 299 } });
    expect(runtime.passes).toBe(12);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBeLessThanOrEqual(12);
  });

  it('predicts a photo again with both networks (and their ensemble) once the one still loading is ready', async () => {
    const { store, runtime } = await startStore();
    await store.networks.loadFile('inception-v4', weights('v4.safetensors'));
    store.setMode({ crops: 12, ensemble: true });
    let finishLoading!: () => void;
    runtime.validating = new Promise((resolve) => (finishLoading = resolve));
    const loading = store.networks.loadFile('inception-resnet-v2', weights('irv2.safetensors'));
    await expect.poll(() => store.networks.getSnapshot().weights['inception-resnet-v2'].loading).toBeDefined();
    await store.addFiles([photo('cat.jpg')]);
    await settled(store);
    expect(store.getSnapshot().photos[0]).toMatchObject({
      status: 'done',
      mode: { crops: 12, ensemble: false },
      awaiting: ['inception-resnet-v2'],
    });

    finishLoading();
    await loading;
    await expect.poll(() => store.getSnapshot().photos[0].mode?.ensemble).toBe(true);
    const entry = store.getSnapshot().photos[0];
    expect(entry).toMatchObject({ status: 'done', awaiting: undefined });
    expect(entry.prediction!.networks.map((n) => n.network)).toEqual(['inception-v4', 'inception-resnet-v2']);
    expect(entry.prediction!.modes.some((m) => m.model === 'ensemble')).toBe(true);
  });

  it('averages both networks in the ensemble when both are loaded, each network alone otherwise', async () => {
    const { store } = await startStore();
    await store.networks.loadFile('inception-v4', weights('v4.safetensors'));
    store.setMode({ crops: 1, ensemble: true });
    await store.addFiles([photo('one.jpg')]);
    await settled(store);
    expect(classifyShown(store).photos[0]).toMatchObject({
      status: 'done',
      mode: { crops: 1, ensemble: false },
    });
    expect(classifyShown(store).photos[0].prediction!.modes.map((m) => m.model)).toEqual(['inception-v4']);

    await store.networks.loadFile('inception-resnet-v2', weights('irv2.safetensors'));
    await store.addFiles([photo('both.jpg')]);
    await settled(store);
    const entry = classifyShown(store).photos[0];
    expect(entry).toMatchObject({ name: 'both.jpg', mode: { crops: 1, ensemble: true } });
    expect(entry.prediction!.modes.map((m) => m.model)).toEqual(['inception-v4', 'inception-resnet-v2', 'ensemble']);
  });

  it('cancels a 144-crop photo, says so, and goes on with the next', async () => {
    const { store, runtime } = await startStore();
    await store.networks.loadFile('inception-v4', weights('v4.safetensors'));
    store.setMode({ crops: 144, ensemble: false });
    await store.addFiles([photo('long.jpg')]);
    await expect.poll(() => classifyShown(store).photos[0].progress?.done ?? 0).toBeGreaterThanOrEqual(2);
    expect(classifyShown(store).photos[0].progress).toMatchObject({
      total: 144,
      etaMs: expect.any(Number),
    });
    store.setMode({ crops: 1, ensemble: false });
    await store.addFiles([photo('next.jpg')]);
    store.cancelPhoto(classifyShown(store).photos.find((p) => p.name === 'long.jpg')!.id);
    await settled(store);
    const [next, long] = classifyShown(store).photos;
    expect(long).toMatchObject({ status: 'error', error: 'Cancelled.' });
    expect(next).toMatchObject({ status: 'done' });
    expect(next.outcome!.results[0].top).toHaveLength(5);
    expect(runtime.passes).toBeLessThan(144);
  });
});

describe('prediction mode settings', () => {
  const storage = () => {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
  };

  it('reads the mode from the URL first, then this browser, else 1 crop', () => {
    const s = storage();
    expect(readClassifyMode('', s)).toEqual({ crops: 1, ensemble: false });
    storeClassifyMode(s, { crops: 144, ensemble: true });
    expect(readClassifyMode('', s)).toEqual({ crops: 144, ensemble: true });
    expect(readClassifyMode('?crops=12', s)).toEqual({ crops: 12, ensemble: false });
    expect(readClassifyMode('?ensemble', s)).toEqual({ crops: 1, ensemble: true });
    expect(readClassifyMode('?crops=10', s)).toEqual({ crops: 144, ensemble: true });
    s.setItem('inception-explorer.prediction-mode', '{not json');
    expect(readClassifyMode('', s)).toEqual({ crops: 1, ensemble: false });
  });

  it('says which crop counts a link may ask for when it asks for another (the mode then ignores it)', () => {
    for (const crops of ['1e9', '-1', '99999', 'NaN', '']) {
      expect(modeProblems(`?crops=${crops}`).map((p) => saidIn(classifyText, p))).toEqual([
        `URL parameter "crops" (crops per photo): "${crops}" is not one of 1, 12, 144`,
      ]);
    }
    for (const crops of ['1', '12', '144']) expect(modeProblems(`?crops=${crops}`)).toEqual([]);
    expect(modeProblems('?backend=wasm')).toEqual([]);
  });

  it('estimates the time left from the pace so far', () => {
    expect(withEta({ done: 0, total: 144 }, 0, 1000)).toEqual({ done: 0, total: 144 });
    expect(withEta({ done: 4, total: 144 }, 1000, 3000)).toEqual({ done: 4, total: 144, etaMs: 70_000 });
  });

  it('knows the last time of one forward pass', () => {
    expect(lastPassMs([])).toBeUndefined();
    const outcome = {
      width: 1,
      height: 1,
      decodeMs: 1,
      results: [{ timings: { inferenceMs: 600, preprocessMs: 5 } }],
    } as never;
    const prediction = { networks: [{ passes: 12, timings: { inferenceMs: 6000, preprocessMs: 50 } }] } as never;
    expect(lastPassMs([{ outcome }])).toBe(600);
    expect(lastPassMs([{ prediction }, { outcome }])).toBe(500);
  });
});
