// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PartingApi, PartingPoint } from '../../runtime/inside/parting-protocol.ts';
import type { InsideApi, LookInsideResult } from '../../runtime/inside/protocol.ts';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import { PhotoLibrary } from '../photos/library.ts';
import { ComparisonContext, secondPhotoApi } from './comparison-stores.ts';
import { CompareSection } from './CompareSection.tsx';
import { InsideStore } from './inside-store.ts';
import { PartingStore } from './parting-store.ts';
import { InsideContext } from './useInside.ts';

afterEach(cleanup);

const POINTS: PartingPoint[] = [
  { address: 'stem', label: 'Stem', index: 0, cosine: 0.95 },
  { address: 'inception-resnet-a/0', label: 'Inception-ResNet-A 1', index: 1, cosine: 0.9 },
  { address: 'inception-resnet-a/1', label: 'Inception-ResNet-A 2', index: 2, cosine: 0.45 },
  { address: 'head', label: 'Classifier', index: 3, cosine: 0.5 },
];

const result = (slot: string): LookInsideResult => ({
  slot,
  network: 'inception-resnet-v2',
  scales: {},
  logits: new Float32Array(2),
  depth: [],
  inferenceMs: 1,
  backend: 'wasm',
  top: [],
  crop: { width: 299, height: 299 } as ImageBitmap,
});

async function setUp() {
  const library = PhotoLibrary.inMemory();
  const first = await library.add(new Blob(['a']), 'dog.jpg');
  const second = await library.add(new Blob(['b']), 'dog-mirrored.png');
  const looked: string[] = [];
  const worker: InsideApi = {
    attachPhoto: async () => ({ width: 640, height: 480 }),
    lookInside: async (slot) => {
      looked.push(slot);
      return result(slot);
    },
    summaries: async () => [],
    detail: async () => {
      throw new Error('not asked');
    },
    channelMaxima: async () => {
      throw new Error('not asked');
    },
    classMaps: async () => [],
    cancelGradCam: async () => undefined,
    releasePhoto: vi.fn(async () => undefined),
  };
  const gate = { isLoaded: () => true, subscribe: () => () => undefined };
  const chains = new Map<InferenceNetwork, Promise<unknown>>();
  const firstStore = new InsideStore(worker, library, gate, chains);
  const secondStore = new InsideStore(secondPhotoApi(worker), library, gate, chains);
  const partWays = vi.fn<PartingApi['partWays']>(async () => POINTS);
  const parting = new PartingStore({ partWays }, chains, (n) =>
    [firstStore, secondStore].forEach((s) => s.workerMoved(n)),
  );
  await firstStore.show(first);
  firstStore.run('inception-resnet-v2');
  return { first, second, firstStore, secondStore, parting, partWays, looked, worker };
}

describe('<CompareSection>', () => {
  it('with a second photo: runs it under its own slot, then shows where the two part; "Stop comparing" asks for none', async () => {
    const s = await setUp();
    const onCompare = vi.fn();
    render(
      <InsideContext.Provider value={s.firstStore}>
        <ComparisonContext.Provider value={{ second: s.secondStore, parting: s.parting }}>
          <CompareSection
            network="inception-resnet-v2"
            slot={s.first}
            compare={s.second}
            scales={{}}
            onCompare={onCompare}
          />
        </ComparisonContext.Provider>
      </InsideContext.Provider>,
    );
    const chart = await screen.findByRole('img', {
      name: 'Cosine similarity of the outputs for dog.jpg and dog-mirrored.png, block by block along depth',
    });
    expect(s.looked).toEqual([s.first, `${s.second}#second`]);
    expect(s.partWays).toHaveBeenCalledWith(s.first, `${s.second}#second`, 'inception-resnet-v2', {});
    expect(chart.querySelectorAll('circle')).toHaveLength(4);
    expect(screen.getByText(/Largest drop at Inception-ResNet-A 2: 0\.90 → 0\.45\./)).toBeTruthy();
    expect(screen.getByText('Left: dog.jpg; right: dog-mirrored.png.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop comparing' }));
    expect(onCompare).toHaveBeenCalledWith(undefined);
  });

  it('without one: says what comparing shows and offers "Compare with…"; a failure can be asked again', async () => {
    const s = await setUp();
    const { rerender } = render(
      <InsideContext.Provider value={s.firstStore}>
        <ComparisonContext.Provider value={{ second: s.secondStore, parting: s.parting }}>
          <CompareSection
            network="inception-resnet-v2"
            slot={s.first}
            compare={undefined}
            scales={{}}
            onCompare={() => undefined}
          />
        </ComparisonContext.Provider>
      </InsideContext.Provider>,
    );
    expect(screen.getByRole('button', { name: 'Compare with…' })).toBeTruthy();
    expect(screen.getByText(/every box then shows both/)).toBeTruthy();

    s.partWays.mockRejectedValueOnce(new Error('the worker stopped'));
    rerender(
      <InsideContext.Provider value={s.firstStore}>
        <ComparisonContext.Provider value={{ second: s.secondStore, parting: s.parting }}>
          <CompareSection
            network="inception-resnet-v2"
            slot={s.first}
            compare={s.second}
            scales={{}}
            onCompare={() => undefined}
          />
        </ComparisonContext.Provider>
      </InsideContext.Provider>,
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^The photos could not be compared: the worker stopped/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('img', { name: /^Cosine similarity/ });
    await waitFor(() => expect(s.partWays).toHaveBeenCalledTimes(2));
  });
});
