import { expose } from 'comlink';
import { saidIn } from '../../testing/said.ts';
import { evaluateText } from '../i18n/evaluate.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { REAL_IMAGE_COUNT } from '../../runtime/evaluation/real-labels.ts';
import { wnidOfClass } from '../../runtime/evaluation/synsets.ts';
import { connectWorker, type InferenceClient } from '../../runtime/session/client.ts';
import { InferenceFailure } from '../../runtime/worker/errors.ts';
import { GradientRuntime } from '../../testing/worker/gradient-runtime.ts';
import { InferenceService } from '../../runtime/worker/service.ts';
import type { Predictor } from './evaluate-state.ts';
import { EvaluateStore } from './evaluate-store.ts';
import type { FolderFile } from './folder-files.ts';
import { MemoryRunStorage } from './persistence.ts';

// The evaluate page's store against the real worker service (over a MessageChannel) with a runtime whose
// "networks" answer from the pixels: class = brightness bucket; photos are files [0xff, brightness].
let client: InferenceClient | undefined;
afterEach(() => {
  client?.terminate();
  client = undefined;
});

/** The client as the store's Predictor (as the app's is, through the session). */
const predictorOf = (calls: InferenceClient): Predictor => ({
  predict: (image, request, { signal, onProgress }) => calls.with({ signal }).predict(image, request, onProgress),
});

async function setup(storage = new MemoryRunStorage()) {
  const runtime = new GradientRuntime();
  const service = new InferenceService(runtime, undefined);
  await service.setBackend('auto');
  await service.loadWeights('inception-v4', { kind: 'file', file: new Blob([Uint8Array.of(1)]), name: 'v4' });
  await service.loadWeights('inception-resnet-v2', { kind: 'file', file: new Blob([Uint8Array.of(1)]), name: 'irv2' });
  const channel = new MessageChannel();
  expose(service, channel.port1);
  client = connectWorker(channel.port2);
  const real = Object.assign(
    Array.from({ length: REAL_IMAGE_COUNT }, () => [0]),
    { 2: [] },
  );
  const store = new EvaluateStore(
    () => predictorOf(client!),
    storage,
    async () => real,
  );
  return { store, runtime, storage };
}

/** Six images in two classes; the fourth is unreadable. */
function folder(): FolderFile[] {
  const image = (n: number, cls: number, first = 0xff) => ({
    path: `val/${wnidOfClass(cls)}/ILSVRC2012_val_${String(n).padStart(8, '0')}.JPEG`,
    file: new File([Uint8Array.of(first, n * 30)], `ILSVRC2012_val_${n}.JPEG`, { type: 'image/jpeg' }),
  });
  return [
    image(1, 0),
    image(2, 0),
    image(3, 1),
    image(4, 1, 0x00),
    image(5, 0),
    image(6, 1),
    { path: 'val/notes.txt', file: new File(['x'], 'notes.txt') },
  ];
}

const finished = (store: EvaluateStore) =>
  expect.poll(() => store.getSnapshot().status, { timeout: 10_000 }).not.toBe('running');

describe('EvaluateStore', () => {
  it('labels the chosen folder, runs it, skips the unreadable image, and summarises', async () => {
    const { store } = await setup();
    await store.choose(folder());
    const chosen = store.getSnapshot().chosen!;
    expect(chosen).toMatchObject({ name: 'val', dataset: { layout: 'folders', classes: 2, otherFiles: 1 } });
    expect(chosen.dataset.images).toHaveLength(6);
    expect(store.startProblem([])).toBe('Load the weights of Inception-v4 first (above).');
    expect(store.startProblem(['inception-v4'])).toBeUndefined();

    await store.start();
    await finished(store);
    const state = store.getSnapshot();
    expect(state.status).toBe('done');
    expect(state.progress).toMatchObject({ done: 6, total: 6, skipped: 1 });
    expect(state.summary!.evaluated).toBe(5);
    expect(state.summary!.skipped.map((r) => r.path)).toEqual(['val/n01443537/ILSVRC2012_val_00000004.JPEG']);
    expect(state.summary!.skipped[0].error).toMatch(/not an image/);
    expect(state.summary!.modes.map((m) => m.key)).toEqual(['inception-v4/1']);
    expect(state.summary!.modes[0].top1.total).toBe(5);

    const csv = store.csv().split('\r\n');
    expect(csv).toHaveLength(8);
    expect(csv[0]).toMatch(/^index,path,label,wnid,class,status,inception-v4\/1 top1,/);
  });

  it('yields 1 and 12 crops for each network and the ensemble; counts ReaL when asked', async () => {
    const { store } = await setup();
    await store.choose(folder().slice(0, 3));
    store.setMode({ model: 'ensemble', crops: 12 });
    await store.start();
    await finished(store);
    expect(store.getSnapshot().summary!.modes.map((m) => m.key)).toEqual([
      'inception-v4/1',
      'inception-v4/12',
      'inception-resnet-v2/1',
      'inception-resnet-v2/12',
      'ensemble/1',
      'ensemble/12',
    ]);
    await store.setReal(true);
    const real = store.getSnapshot().summary!.modes[0].real!;
    expect(real).toMatchObject({ leftOut: 1, unknown: 0 });
    expect(real.top1.total).toBe(2);
    expect(store.csv().split('\r\n')[0]).toContain('real_labels');
  });

  it('pauses, keeps the records in storage, and resumes after a "reload" with the same folder only', async () => {
    const storage = new MemoryRunStorage();
    const first = await setup(storage);
    await first.store.choose(folder());
    first.store.setMode({ model: 'inception-v4', crops: 12 });
    void first.store.start();
    await expect.poll(() => first.store.records.length).toBeGreaterThanOrEqual(2);
    first.store.pause();
    await finished(first.store);
    expect(first.store.getSnapshot().status).toBe('paused');
    const kept = first.store.records.length;
    expect(kept).toBeLessThan(6);
    client?.terminate();

    // A new page: the stored run is shown, paused, and resumes only with the same set.
    const second = await setup(storage);
    await second.store.restore();
    expect(second.store.getSnapshot()).toMatchObject({
      status: 'paused',
      run: { status: 'paused', total: 6, datasetName: 'val', mode: { crops: 12 } },
    });
    expect(second.store.records).toHaveLength(kept);
    await second.store.choose(folder().slice(1));
    expect(second.store.resumable).toBe(false);
    await second.store.choose(folder());
    expect(second.store.resumable).toBe(true);
    second.runtime.passes = 0;
    await second.store.resume();
    expect(second.store.getSnapshot().status).toBe('done');
    expect(second.store.records.map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    // Only the images not done before ran (the unreadable one runs no pass).
    const left = [0, 1, 2, 4, 5].filter((i) => !first.store.records.some((r) => r.index === i)).length;
    expect(second.runtime.passes).toBe(left * 12);
  });

  it('says that results are not kept, and why, when storage refuses them; a reload claims only what was kept', async () => {
    const storage = new MemoryRunStorage();
    const add = storage.addRecord.bind(storage);
    // The quota runs out after two results (Chromium's QuotaExceededError has an empty message).
    storage.addRecord = async (record) => {
      if ((await storage.load())!.records.length >= 2) throw new DOMException('', 'QuotaExceededError');
      return add(record);
    };
    const first = await setup(storage);
    await first.store.choose(folder());
    await first.store.start();
    expect(first.store.getSnapshot().status).toBe('done');
    expect(first.store.records).toHaveLength(6);
    expect(first.store.getSnapshot().storageFailed).toBe(true);
    expect(saidIn(evaluateText, first.store.getSnapshot().storageNotice!)).toBe(
      'Results are not being kept in this browser: this site’s storage in this browser is full (its quota is ' +
        'exceeded). They will be lost if the page is reloaded; export them (CSV) to keep them.',
    );
    expect(saidIn(evaluateText, first.store.getSnapshot().storageNotice!, 'zh')).toContain('此浏览器');
    client?.terminate();

    // After a reload: not "done" with 2 of 6 results, but paused, saying what is missing.
    const second = await setup(storage);
    await second.store.restore();
    expect(second.store.records).toHaveLength(2);
    expect(second.store.getSnapshot().status).toBe('paused');
    expect(saidIn(evaluateText, second.store.getSnapshot().storageNotice!)).toBe(
      'Only 2 of the 6 results of the stored run are in this browser’s storage (the others could not be kept): ' +
        'resume to compute the rest again.',
    );
  });

  it('pauses when the inference worker stops under the run, leaving what became of it to the session', async () => {
    await setup(); // the client to a service with both networks loaded
    let calls = 0;
    const stopping = new EvaluateStore(
      () => ({
        predict: (image, request, options) =>
          ++calls === 3
            ? Promise.reject(
                new InferenceFailure('restarting', {
                  code: 'worker.stopped',
                  params: { cause: { code: 'error', params: { message: 'x' } } },
                }),
              )
            : predictorOf(client!).predict(image, request, options),
      }),
      new MemoryRunStorage(),
      async () => [],
    );
    await stopping.choose(folder());
    await stopping.start();
    expect(stopping.getSnapshot()).toMatchObject({ status: 'paused', workerStopped: true });
    // No sentence about the worker is kept: it would still say "being started again" after the session gave up.
    expect(stopping.getSnapshot().error).toBeUndefined();
    await stopping.resume();
    expect(stopping.getSnapshot()).toMatchObject({ status: 'done', workerStopped: undefined });
  });

  it('cancels for good, keeping the results so far; says what is wrong with a folder', async () => {
    const { store } = await setup();
    await store.choose(folder());
    store.setMode({ model: 'inception-v4', crops: 144 });
    void store.start();
    await expect.poll(() => store.getSnapshot().progress?.imagesPerSecond ?? 0).toBeGreaterThan(0);
    store.cancel();
    await finished(store);
    expect(store.getSnapshot().status).toBe('cancelled');
    expect(store.resumable).toBe(false);

    await store.choose([{ path: 'holiday/beach.jpg', file: new File(['x'], 'beach.jpg') }]);
    expect(saidIn(evaluateText, store.getSnapshot().chooseError!)).toMatch(
      /^holiday: none of the 1 image\(s\) could be labelled/,
    );
    // Kept as data: said again in Chinese once the reader switches, its reasons too.
    expect(saidIn(evaluateText, store.getSnapshot().chooseError!, 'zh')).toBe(
      'holiday：1 张图片都无法标注（1 张不在以 WordNet ID 命名的文件夹中（例如 n01440764/）：“holiday”）：' +
        '请把文件夹整理为每个类别一个以 WordNet ID 命名的子文件夹（n01440764/…，与 ImageNet 验证集相同），' +
        '或在图片旁加上 LOC_val_solution.csv',
    );
  });

  it("keeps the first network's pooled features of each evaluated image beside the records; a reload finds them", async () => {
    const storage = new MemoryRunStorage();
    const { store, runtime } = await setup(storage);
    await store.choose(folder());
    store.setMode({ model: 'ensemble', crops: 1 });
    await store.start();
    await finished(store);
    // Five readable images; Inception-v4's features (the gradient runtime's: mean, shift 0, pass number).
    expect([...store.features.keys()].sort()).toEqual([0, 1, 2, 4, 5]);
    for (const values of store.features.values()) expect(values[1]).toBe(0);
    expect(runtime.passes).toBe(10);
    const restored = new EvaluateStore(
      () => predictorOf(client!),
      storage,
      async () => [],
    );
    await restored.restore();
    expect([...restored.features.entries()]).toEqual([...store.features.entries()]);
    // A new run starts over: the features of images 4 and 5 of the last one are gone.
    await store.choose(folder().slice(0, 3));
    await store.start();
    await finished(store);
    expect([...store.features.keys()].sort()).toEqual([0, 1, 2]);
    expect([...(await storage.load())!.features.keys()].sort()).toEqual([0, 1, 2]);
  });
});
