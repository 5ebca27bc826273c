import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkExecutor } from '../executor/network.ts';
import { tinyExecutorOn } from '../../testing/tiny-executor.ts';
import { tinyNetwork } from '../../testing/tiny-network.ts';
import { memoryVisualizations } from '../inside/visualization-store.ts';
import type { VisualizeProgress, VisualizeRequest } from '../inside/visualize-protocol.ts';
import { rgba, VisualizeService } from './visualize-service.ts';
import { NETWORKS } from '../../model/networks/index.ts';

let executor: NetworkExecutor;
/** The tiny network with Inception-v4's preprocessing (the service reads it from the definition). */
const definition = { ...tinyNetwork, checkpoint: NETWORKS['inception-v4'].released!.checkpoint };
const store = memoryVisualizations();
let sha256 = 'a'.repeat(64);
let loaded = true;
const service = new VisualizeService({
  network: () => (loaded ? { executor, definition, sha256 } : undefined),
  store,
});
const request = (overrides: Partial<VisualizeRequest> = {}): VisualizeRequest => ({
  network: 'inception-v4',
  node: 'mixed',
  channel: 5,
  steps: 8,
  seed: 1,
  visualizeId: 'v1',
  ...overrides,
});

beforeAll(async () => {
  executor = await tinyExecutorOn('wasm');
});
afterAll(() => executor.dispose());

describe("the worker's feature visualisation", () => {
  it('reports every step with the image as it forms, then answers the same request from its store', async () => {
    const progress: VisualizeProgress[] = [];
    const first = await service.visualizeChannel(request(), (p) => progress.push(p));
    expect(progress.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Small runs show every step's image (about 16 previews per run).
    expect(progress.every((p) => p.image?.width === 17 && p.image.data.length === 17 * 17 * 4)).toBe(true);
    expect(first).toMatchObject({
      network: 'inception-v4',
      node: 'mixed',
      channel: 5,
      steps: 8,
      seed: 1,
      cached: false,
      backend: 'wasm',
    });
    expect(first.image.data).toEqual(progress[7].image!.data);
    expect(first.final).toBeGreaterThan(first.activations[0]);
    expect(store.size()).toBe(1);

    const again: VisualizeProgress[] = [];
    const second = await service.visualizeChannel(request({ visualizeId: 'v2' }), (p) => again.push(p));
    expect(again).toEqual([]);
    expect(second).toEqual({ ...first, cached: true });
    // Other weights (another SHA-256) are another network: computed again.
    sha256 = 'b'.repeat(64);
    expect((await service.visualizeChannel(request({ steps: 2, visualizeId: 'v3' }))).cached).toBe(false);
    expect(store.size()).toBe(2);
  });

  it('stops between steps when cancelled, with a "cancelled" failure, and keeps nothing', async () => {
    const before = store.size();
    const run = service.visualizeChannel(request({ seed: 9, visualizeId: 'stop' }), (p) => {
      if (p.step === 3) void service.cancelVisualization('stop');
    });
    await expect(run).rejects.toMatchObject({
      kind: 'cancelled',
      message: 'the visualisation of channel 5 of mixed was cancelled',
    });
    expect(store.size()).toBe(before);
  });

  it('says when the network is not loaded, or the node or channel does not exist', async () => {
    await expect(service.visualizeChannel(request({ channel: 99, seed: 5 }))).rejects.toMatchObject({
      kind: 'internal',
      message: 'mixed has channels 0–15; there is no channel 99',
    });
    loaded = false;
    await expect(service.visualizeChannel(request({ seed: 6 }))).rejects.toMatchObject({ kind: 'not-loaded' });
    loaded = true;
  });

  it('takes its turn in the queue one step at a time, and stops when the network is rebuilt under it', async () => {
    let queue: Promise<unknown> = Promise.resolve();
    const serial = <T>(task: () => Promise<T>): Promise<T> => {
      const run = queue.then(task);
      queue = run.catch(() => undefined);
      return run;
    };
    let current: NetworkExecutor = executor;
    const queued = new VisualizeService({
      network: () => ({ executor: current, definition, sha256 }),
      store: memoryVisualizations(),
      serial,
    });
    const order: string[] = [];
    await queued.visualizeChannel(request({ seed: 21, steps: 3, visualizeId: 'q' }), (p) => {
      order.push(`step ${p.step}`);
      if (p.step === 1) void serial(async () => void order.push('other work'));
    });
    expect(order).toEqual(['step 1', 'other work', 'step 2', 'step 3']);

    const rebuilt = queued.visualizeChannel(request({ seed: 22, steps: 5, visualizeId: 'r' }), (p) => {
      // A backend switch rebuilds the network: a new executor.
      if (p.step === 2) current = { ...executor } as NetworkExecutor;
    });
    await expect(rebuilt).rejects.toMatchObject({
      kind: 'not-loaded',
      message: 'Tiny test network was unloaded or rebuilt during the visualisation; start it again',
    });
  });

  it('turns RGB in [0, 1] into RGBA bytes', () => {
    expect(Array.from(rgba(Float32Array.from([0, 0.5, 1, 1, 0.25, 0]), 2, 1).data)).toEqual([
      0, 128, 255, 255, 255, 64, 0, 255,
    ]);
  });
});
