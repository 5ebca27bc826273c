import { describe, expect, it } from 'vitest';
import type { InsideApi, LookInsideResult } from '../../../runtime/inside/protocol.ts';
import { TopExamples, type ChannelMaxima } from '../../../runtime/inside/top-examples.ts';
import { PhotoLibrary } from '../../photos/library.ts';
import { examplesKey, memoryExamplesStore } from './examples-store.ts';
import { EXAMPLES_PER_CHANNEL, ExamplesIndexer, INDEX_SLOT, type IndexTarget } from './indexer.ts';

const TARGET: IndexTarget = { network: 'inception-v4', sha256: 'abc', node: 'stem/3', shape: [4, 5, 3] };

/** Maxima that depend on the photo's bytes: channel k's maximum is ((n · (k + 3)) mod 7), at cell n mod 20. */
function maximaOf(text: string): ChannelMaxima {
  const n = Number(text.replace(/\D/g, ''));
  return {
    max: Float32Array.from({ length: 3 }, (_, k) => (n * (k + 3)) % 7),
    position: Int32Array.from({ length: 3 }, () => n % 20),
  };
}

/** A worker stand-in that records its calls; it can pause before a photo until released. */
function fakeWorker() {
  const calls: string[] = [];
  let attached = '';
  const api: Pick<InsideApi, 'attachPhoto' | 'lookInside' | 'channelMaxima' | 'releasePhoto'> = {
    attachPhoto: async (slot, image) => {
      attached = image.kind === 'blob' ? await image.blob.text() : '';
      calls.push(`attach ${slot} ${attached}`);
      return { width: 10, height: 10 };
    },
    lookInside: async () => ({ crop: { close: () => undefined, label: attached } }) as unknown as LookInsideResult,
    channelMaxima: async (_slot, _network, addresses) => {
      calls.push(`maxima ${addresses.join(' ')}`);
      return [maximaOf(attached)];
    },
    releasePhoto: async (slot) => void calls.push(`release ${slot}`),
  };
  return { api, calls };
}

async function setUp(count: number) {
  const library = PhotoLibrary.inMemory();
  for (let i = 0; i < count; i++) {
    await library.add(new Blob([`photo ${i + 1}`]), `p${i + 1}.jpg`);
    await new Promise((r) => setTimeout(r, 2));
  }
  const worker = fakeWorker();
  const store = memoryExamplesStore();
  const indexer = new ExamplesIndexer({
    api: worker.api,
    library,
    store,
    toBlob: async (bitmap) => new Blob([(bitmap as unknown as { label: string }).label]),
  });
  return { library, worker, store, indexer };
}

/** The table a brute force builds from all photos at once. */
function bruteForce(count: number) {
  const table = new TopExamples(3, EXAMPLES_PER_CHANNEL, 5);
  for (let i = 0; i < count; i++) table.add(i, maximaOf(`photo ${i + 1}`));
  return table.state;
}

describe('ExamplesIndexer', () => {
  it("indexes the kept photos, oldest first, into the top-K table a brute force gives; keeps only the examples' views", async () => {
    const { worker, store, indexer } = await setUp(9);
    await indexer.index(TARGET);
    const record = (await store.get(examplesKey('inception-v4', 'abc', 'stem/3')))!;
    expect(record.photos.map((p) => p.name)).toEqual(Array.from({ length: 9 }, (_, i) => `p${i + 1}.jpg`));
    expect(record.done).toBe(9);
    expect(record.table).toEqual(bruteForce(9));
    const examples = new TopExamples(3, EXAMPLES_PER_CHANNEL, 5, record.table).images();
    expect(Object.keys(record.views).map(Number).sort()).toEqual([...examples].sort());
    expect(await record.views[[...examples][0]].text()).toBe(`photo ${[...examples][0] + 1}`);
    expect(worker.calls.filter((c) => c.startsWith('maxima'))).toEqual(Array(9).fill('maxima stem/3'));
    expect(worker.calls.at(-1)).toBe(`release ${INDEX_SLOT}`);
    expect(indexer.getSnapshot().get(record.key)).toMatchObject({ status: 'idle', record: { done: 9 } });
  });

  it('Cancel stops after the photo in progress; indexing again resumes there and adds photos kept since', async () => {
    const { library, worker, store, indexer } = await setUp(4);
    const key = examplesKey('inception-v4', 'abc', 'stem/3');
    const unsubscribe = indexer.subscribe(() => {
      const state = indexer.getSnapshot().get(key);
      if (state?.status === 'running' && state.record?.done === 2) indexer.cancel(TARGET);
    });
    await indexer.index(TARGET);
    unsubscribe();
    expect(indexer.getSnapshot().get(key)).toMatchObject({ status: 'cancelled', record: { done: 2 } });
    expect((await store.get(key))!.done).toBe(2);

    await library.add(new Blob(['photo 5']), 'p5.jpg');
    worker.calls.length = 0;
    await indexer.index(TARGET);
    expect(worker.calls.filter((c) => c.startsWith('attach'))).toEqual(
      [3, 4, 5].map((n) => `attach ${INDEX_SLOT} photo ${n}`),
    );
    const record = (await store.get(key))!;
    expect(record.done).toBe(5);
    expect(record.table).toEqual(bruteForce(5));
  });

  it('a second layer asked for while one is indexed waits its turn (the photos are not interleaved); asking twice runs once', async () => {
    const { worker, store, indexer } = await setUp(2);
    const other: IndexTarget = { ...TARGET, node: 'stem/4' };
    const first = indexer.index(TARGET);
    void indexer.index(TARGET);
    const second = indexer.index(other);
    expect(indexer.getSnapshot().get(examplesKey('inception-v4', 'abc', 'stem/4'))).toMatchObject({
      status: 'running',
    });
    await Promise.all([first, second]);
    expect(worker.calls.filter((c) => c.startsWith('maxima'))).toEqual([
      'maxima stem/3',
      'maxima stem/3',
      'maxima stem/4',
      'maxima stem/4',
    ]);
    expect((await store.get(examplesKey('inception-v4', 'abc', 'stem/4')))!.table).toEqual(bruteForce(2));
  });

  it('a fresh indexer reads the kept index; a worker failure is said and resumable', async () => {
    const { worker, store, indexer } = await setUp(3);
    let calls = 0;
    const channelMaxima = worker.api.channelMaxima;
    worker.api.channelMaxima = async (...args) => {
      if (++calls === 2) throw new Error('the worker stopped');
      return channelMaxima(...args);
    };
    await indexer.index(TARGET);
    const key = examplesKey('inception-v4', 'abc', 'stem/3');
    expect(indexer.getSnapshot().get(key)).toMatchObject({
      status: 'error',
      message: { code: 'error', params: { message: 'the worker stopped' } },
      record: { done: 1 },
    });
    const again = new ExamplesIndexer({
      api: worker.api,
      library: PhotoLibrary.inMemory(),
      store,
      toBlob: async () => new Blob(),
    });
    await again.open(TARGET);
    expect(again.getSnapshot().get(key)).toMatchObject({ status: 'idle', record: { done: 1 } });
    await indexer.index(TARGET);
    expect((await store.get(key))!.table).toEqual(bruteForce(3));
  });
});
