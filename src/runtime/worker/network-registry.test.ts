import { describe, expect, it } from 'vitest';
import type { NetworkDefinition } from '../../model/types.ts';
import { trainedTestFile } from '../../testing/trained-file.ts';
import { SmallRuntime } from '../../testing/worker/small-runtime.ts';
import { NetworkRegistry } from './network-registry.ts';
import type { WorkerEvent } from './protocol.ts';

const v4File = () => ({ kind: 'file' as const, file: new Blob([Uint8Array.of(4)]), name: 'v4.safetensors' });
const trainedBlob = () => new Blob([trainedTestFile() as Uint8Array<ArrayBuffer>]);

/** A registry over the small runtime on WASM, whose builds say when they are let go and can outlive a device. */
function registry() {
  const runtime = new SmallRuntime();
  runtime.active = 'wasm';
  let epoch = 0;
  const lose = { duringBuild: false };
  const disposed: string[] = [];
  const events: WorkerEvent[] = [];
  const build = runtime.build.bind(runtime);
  runtime.build = async (network: NetworkDefinition) => {
    const built = await build(network);
    if (lose.duringBuild) epoch++;
    return { ...built, dispose: () => void disposed.push(network.id) };
  };
  const networks = new NetworkRegistry({
    runtime,
    cache: undefined,
    serial: (task) => task(),
    emit: (event) => events.push(event),
    backend: {
      report: () => ({ choice: 'auto', active: 'wasm', skipped: [] }),
      epoch: () => epoch,
      activate: async () => undefined,
    },
  });
  return { networks, lose, disposed, events };
}

describe('NetworkRegistry: weights and trained networks are built and registered the same way', () => {
  it('each is built on the active backend with its warm-up timed apart, and replaces its old build', async () => {
    const { networks, disposed, events } = registry();
    const state = await networks.loadWeights('inception-v4', v4File());
    expect(state.loaded).toMatchObject({ backend: 'wasm', origin: 'file:v4.safetensors', timings: { warmUpMs: 7 } });
    const built = networks.get('inception-v4')!.built;
    await networks.loadWeights('inception-v4', v4File());
    expect(disposed).toEqual(['inception-v4']); // the old build, once the new one was ready
    expect(networks.get('inception-v4')!.built).not.toBe(built);

    const trained = await networks.loadTrained(trainedBlob(), 'irv2-s.safetensors');
    expect(trained.loaded).toMatchObject({
      backend: 'wasm',
      origin: 'file:irv2-s.safetensors',
      timings: { storeMs: 0, warmUpMs: 7 },
    });
    const definition = networks.get(trained.network)!.definition.id;
    await networks.loadTrained(trainedBlob(), 'irv2-s.safetensors');
    expect(disposed).toEqual(['inception-v4', definition]);
    expect(events.map((e) => e.kind)).toEqual(['weights', 'weights', 'trained', 'trained']);
  });

  it('a build that finished after the device was lost is let go, and what was loaded stays, for both', async () => {
    const { networks, lose, disposed } = registry();
    await networks.loadWeights('inception-v4', v4File());
    const trained = await networks.loadTrained(trainedBlob(), 'irv2-s.safetensors');
    const loaded = [networks.get('inception-v4')!.built, networks.get(trained.network)!.built];
    lose.duringBuild = true;
    expect(await networks.loadWeights('inception-v4', v4File()).catch((e: unknown) => e)).toMatchObject({
      kind: 'backend',
      detail: { code: 'worker.built-when-lost', params: { network: 'Inception-v4', trained: false } },
    });
    expect(await networks.loadTrained(trainedBlob(), 'irv2-s.safetensors').catch((e: unknown) => e)).toMatchObject({
      kind: 'backend',
      detail: { code: 'worker.built-when-lost', params: { trained: true } },
    });
    expect(disposed).toEqual(['inception-v4', networks.get(trained.network)!.definition.id]); // the new builds
    expect(networks.get('inception-v4')!.built).toBe(loaded[0]);
    expect(networks.get(trained.network)!.built).toBe(loaded[1]);
  });
});
