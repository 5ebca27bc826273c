import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../runtime/training/protocol.ts';
import { FakeTrainingApi, type FakeTrainingOptions } from '../../testing/training/fake-training.ts';
import { placeholderEntries } from '../../testing/training/race-networks.ts';
import type { TrainingWorker } from './learn-state.ts';
import { LearnStore } from './learn-store.ts';
import { IndexedDbLabStorage, MemoryLabStorage, type LabStorage } from './persistence.ts';
import { presetSettings, PRESETS } from './presets.ts';
import { networkSeries } from './series.ts';
import { DEFAULT_SETTINGS, type LabSettings } from './settings.ts';

const SETTINGS: LabSettings = { ...DEFAULT_SETTINGS, epochs: 3, batch: 16 };
const IDS = ['inception-v4-s', 'inception-resnet-v2-s', 'inception-resnet-v2-s-no-shortcuts'];

function setup(options: FakeTrainingOptions = {}, storage: LabStorage = new MemoryLabStorage()) {
  const fake = new FakeTrainingApi({ stepsPerEpoch: 4, ...options });
  let ended: (why: string) => void = () => undefined;
  const gone = new Promise<string>((resolve) => (ended = resolve));
  const worker: TrainingWorker = { api: fake, gone, terminate: () => undefined };
  let n = 0;
  const store = new LearnStore({
    startWorker: () => worker,
    storage,
    entries: placeholderEntries,
    now: () => 1_000 + n * 10,
    newRunId: () => `run-${++n}`,
  });
  return { store, fake, storage, crash: (why: string) => ended(why) };
}

const phase = (store: LearnStore) => store.getSnapshot().run?.status?.phase;

describe('LearnStore', () => {
  it("starts a race of the chosen networks with the paper's recipe, and appends their records", async () => {
    const { store, fake } = setup();
    await store.start(SETTINGS);
    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0];
    expect(request.entries.map((e) => e.id)).toEqual(IDS);
    expect(request.data).toEqual({ kind: 'generated', seed: 1, size: 32, train: 2000, test: 500 });
    expect(request.config.optimizer).toEqual({
      kind: 'rmsprop',
      learningRate: 0.045,
      decay: 0.9,
      epsilon: 1,
      momentum: 0.9,
    });
    expect(request.backend).toBe('auto');
    expect(phase(store)).toBe('training');
    expect(store.getSnapshot().live).toBe(true);

    fake.step(6);
    await store.settled();
    await expect.poll(() => store.getSnapshot().run?.records.length).toBe(3 * 6 + 3);
    const series = networkSeries(store.getSnapshot().run!.records);
    expect(series.map((s) => [s.network, s.step, s.epochs])).toEqual(IDS.map((id) => [id, 6, 1]));
    expect(series[1].groups).toHaveProperty('inception-resnet-a');
  });

  it('pauses, resumes and stops through the worker; stopped records end every network', async () => {
    const { store, fake } = setup();
    await store.start(SETTINGS);
    await store.pause();
    expect(phase(store)).toBe('paused');
    fake.step(3);
    expect(store.getSnapshot().run!.records).toHaveLength(0);
    await store.resume();
    expect(phase(store)).toBe('training');
    fake.step(2);
    await store.stop();
    expect(phase(store)).toBe('stopped');
    const records = store.getSnapshot().run!.records;
    expect(
      records.filter((r) => r.type === 'stopped').map((r) => [r.network, r.type === 'stopped' && r.reason]),
    ).toEqual(IDS.map((id) => [id, 'stopped']));
    expect(fake.calls).toEqual(['start run-1', 'pause run-1', 'resume run-1', 'stop run-1']);
    expect(store.getSnapshot().runs.map((r) => [r.runId, r.phase])).toEqual([['run-1', 'stopped']]);
    // A stopped race is not paused or resumed again.
    await store.pause();
    await store.resume();
    expect(fake.calls).toHaveLength(4);
  });

  it('a network whose loss turns NaN stops alone; the others train to the end', async () => {
    const { store, fake } = setup({ nan: { network: 'inception-resnet-v2-s-no-shortcuts', step: 5 } });
    await store.start(SETTINGS);
    fake.step(5);
    await expect.poll(() => networkSeries(store.getSnapshot().run!.records)[2].stopped?.reason).toBe('nan');
    expect(phase(store)).toBe('training');
    fake.step(7);
    await expect.poll(() => phase(store)).toBe('finished');
    const series = networkSeries(store.getSnapshot().run!.records);
    expect(series.map((s) => [s.network, s.step, s.stopped?.reason])).toEqual([
      ['inception-v4-s', 12, 'finished'],
      ['inception-resnet-v2-s', 12, 'finished'],
      ['inception-resnet-v2-s-no-shortcuts', 5, 'nan'],
    ]);
    expect(series[2].testError).toHaveLength(1);
  });

  it('says why a race cannot start: networks that cannot be built, files not chosen', async () => {
    const { store, fake } = setup();
    const broken = new LearnStore({
      startWorker: () => ({ api: fake, gone: new Promise(() => undefined), terminate: () => undefined }),
      storage: new MemoryLabStorage(),
      entries: () => {
        throw new Error('no small networks here');
      },
    });
    await broken.start(SETTINGS);
    expect(broken.getSnapshot().problem).toEqual({
      kind: 'networks',
      failure: { code: 'error', params: { message: 'no small networks here' } },
    });
    await store.start({ ...SETTINGS, data: 'cifar10-files' });
    expect(store.getSnapshot().problem).toEqual({ kind: 'files', dataKind: 'cifar10-files' });
    const archive = new File([Uint8Array.of(1)], 'cifar-10-binary.tar.gz');
    store.chooseFiles({ kind: 'cifar10-files', name: archive.name, files: [archive] });
    await store.start({ ...SETTINGS, data: 'cifar10-files' });
    expect(fake.requests[0].data).toEqual({ kind: 'cifar10-files', files: [archive] });
    expect(store.getSnapshot().run!.stored.dataName).toBe('cifar-10-binary.tar.gz');
  });

  it("races a preset's networks each with its own residual scale", async () => {
    const { store, fake } = setup();
    await store.start(presetSettings(PRESETS[1]));
    expect(fake.requests[0].entries.map((e) => e.id)).toEqual([
      'inception-resnet-v2-s-w0.5-s1',
      'inception-resnet-v2-s-w0.5-s0.1',
    ]);
    expect(fake.requests[0].config.optimizer.learningRate).toBe(0.45);
    expect(fake.requests[0].config.residualScale).toBeUndefined();
  });

  it("returns once the race is under way, whether the worker answers start at once or at the race's end", async () => {
    const fake = new FakeTrainingApi({ stepsPerEpoch: 2 });
    const endless = Object.assign(Object.create(fake) as FakeTrainingApi, {
      start: (...args: Parameters<FakeTrainingApi['start']>) => {
        void fake.start(...args);
        return new Promise<void>(() => undefined);
      },
    });
    const store = new LearnStore({
      startWorker: () => ({ api: endless, gone: new Promise(() => undefined), terminate: () => undefined }),
      storage: new MemoryLabStorage(),
      entries: placeholderEntries,
    });
    await store.start(SETTINGS);
    expect(phase(store)).toBe('training');
    fake.step(2);
    await expect.poll(() => store.getSnapshot().run?.records.filter((r) => r.type === 'epoch')).toHaveLength(3);
    // A worker that refuses the race fails it with its reason.
    const refusing = new LearnStore({
      startWorker: () => ({
        api: { ...fake, start: () => Promise.reject(new Error('no backend')) } as unknown as FakeTrainingApi,
        gone: new Promise(() => undefined),
        terminate: () => undefined,
      }),
      storage: new MemoryLabStorage(),
      entries: placeholderEntries,
    });
    await refusing.start(SETTINGS);
    await expect
      .poll(() => refusing.getSnapshot().run?.status)
      .toMatchObject({ phase: 'failed', failure: { code: 'error', params: { message: 'no backend' } } });
  });

  it('a worker that dies fails the race with its reason', async () => {
    const { store, crash } = setup();
    await store.start(SETTINGS);
    crash('out of memory');
    await expect.poll(() => store.getSnapshot().runs[0]?.phase).toBe('failed');
    expect(store.getSnapshot().runs[0].failure).toEqual({ code: 'error', params: { message: 'out of memory' } });
    expect(store.getSnapshot().live).toBe(false);
  });

  it('says that a run is not kept, and why, when storage refuses it (a full quota, site data cleared)', async () => {
    for (const [error, failure] of [
      [new DOMException('', 'QuotaExceededError'), { kind: 'quota' }],
      [new DOMException('The database connection is closing.', 'InvalidStateError'), { kind: 'cleared' }],
    ] as const) {
      const refusing = new MemoryLabStorage();
      refusing.saveRun = () => Promise.reject(error);
      refusing.appendRecords = () => Promise.reject(error);
      const { store, fake } = setup({}, refusing);
      await store.start(SETTINGS);
      fake.step(2);
      await store.settled();
      await expect.poll(() => store.getSnapshot().storageNotice).toEqual({ kind: 'write-failed', failure });
    }
  });

  it('keeps runs in IndexedDB and resumes after a reload from the latest end-of-epoch snapshot', async () => {
    const prefix = `learn-test-${Math.random().toString(36).slice(2)}`;
    const first = setup({}, new IndexedDbLabStorage(prefix));
    await first.store.start(SETTINGS);
    first.fake.step(6); // one epoch (4 steps) and two steps into the next
    await first.store.settled();
    await expect.poll(() => first.store.getSnapshot().run?.stored.snapshotEpoch).toBe(1);
    await first.store.settled();

    // The page reloads: a new store, a new worker, the same database.
    const second = setup({}, new IndexedDbLabStorage(prefix));
    await second.store.restore();
    const shown = second.store.getSnapshot();
    expect(shown.live).toBe(false);
    expect(shown.run?.stored).toMatchObject({ runId: 'run-1', phase: 'training', snapshotEpoch: 1, networks: IDS });
    expect(shown.run?.records.filter((r) => r.type === 'step')).toHaveLength(18);
    await second.store.resume();
    expect(second.fake.calls).toEqual(['start run-1 from epoch 1']);
    expect(second.fake.requests[0].from).toMatchObject({ runId: 'run-1', epoch: 1, step: 4 });
    // The two steps after the snapshot are done again, not counted twice.
    const steps = () => second.store.getSnapshot().run!.records.filter((r): r is StepRecord => r.type === 'step');
    expect(
      steps()
        .map((r) => r.step)
        .filter((s, i, all) => all.indexOf(s) === i),
    ).toEqual([1, 2, 3, 4]);
    second.fake.step(8);
    await expect.poll(() => phase(second.store)).toBe('finished');
    await second.store.settled();

    // A run cut short can also be closed for good instead.
    const other = setup({}, new IndexedDbLabStorage(`${prefix}-other`));
    await other.store.start(SETTINGS);
    await other.store.settled();
    const reloaded = setup({}, new IndexedDbLabStorage(`${prefix}-other`));
    await reloaded.store.restore();
    await reloaded.store.stop();
    expect(reloaded.store.getSnapshot().run?.stored.phase).toBe('stopped');
    expect(reloaded.fake.calls).toEqual([]);

    const third = setup({}, new IndexedDbLabStorage(prefix));
    await third.store.restore();
    const records = third.store.getSnapshot().run!.records;
    const series = networkSeries(records);
    expect(series.map((s) => [s.step, s.epochs, s.stopped?.reason])).toEqual(IDS.map(() => [12, 3, 'finished']));
    expect(records.filter((r) => r.type === 'step' && r.network === IDS[0]).map((r) => r.step)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });

  it('lists, opens, compares and forgets stored runs', async () => {
    const { store, fake } = setup();
    await store.start(SETTINGS);
    fake.step(12);
    await expect.poll(() => phase(store)).toBe('finished');
    await store.start({ ...SETTINGS, seed: 2 });
    fake.step(2);
    expect(store.getSnapshot().runs.map((r) => r.runId)).toEqual(['run-2', 'run-1']);
    // While run-2 trains, opening run-1 overlays it.
    await store.open('run-1');
    expect(store.getSnapshot().run!.stored.runId).toBe('run-2');
    expect(store.getSnapshot().compare!.stored.runId).toBe('run-1');
    expect(networkSeries(store.getSnapshot().compare!.records)[0].epochs).toBe(3);
    await store.compareWith(undefined);
    expect(store.getSnapshot().compare).toBeUndefined();
    await store.remove('run-2');
    expect(store.getSnapshot().runs).toHaveLength(2);
    await store.stop();
    await store.open('run-1');
    expect(store.getSnapshot().run!.stored.runId).toBe('run-1');
    expect(store.getSnapshot().live).toBe(false);
    await store.remove('run-1');
    expect(store.getSnapshot().runs.map((r) => r.runId)).toEqual(['run-2']);
    expect(store.getSnapshot().run).toBeUndefined();
  });

  it('exports a network of the live race as safetensors', async () => {
    const { store, fake } = setup();
    await store.start(SETTINGS);
    fake.step(4);
    const file = await store.exportWeights('inception-resnet-v2-s');
    const bytes = new Uint8Array(file!);
    const length = Number(new DataView(file!).getBigUint64(0, true));
    expect(JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)))).toEqual({
      __metadata__: { network: 'inception-resnet-v2-s', runId: 'run-1' },
    });
    expect(await store.exportWeights('resnet-50')).toBeUndefined();
    // Kept as data, for the page to word in its reader's language.
    expect(store.getSnapshot().problem).toEqual({
      kind: 'worker',
      failure: { code: 'training.not-in-memory', params: { network: 'resnet-50' } },
    });
  });
});
