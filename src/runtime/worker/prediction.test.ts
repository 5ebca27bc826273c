import { expose } from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectWorker, type InferenceClient } from '../session/client.ts';
import { InferenceFailure, installFailureTransfer } from './errors.ts';
import { GradientRuntime } from '../../testing/worker/gradient-runtime.ts';
import type { ClassifyImage, PredictProgress } from './protocol.ts';
import { InferenceService } from './service.ts';

const photo = (brightness: number, first = 0xff, name = 'cat.jpg'): ClassifyImage => ({
  kind: 'blob',
  blob: new Blob([Uint8Array.of(first, brightness)]),
  name,
});
const weights = (byte: number) => ({
  kind: 'file' as const,
  file: new Blob([Uint8Array.of(byte)]),
  name: 'w.safetensors',
});

describe('predict: multi-crop and the ensemble in the inference worker', () => {
  let runtime: GradientRuntime;
  let service: InferenceService;
  let client: InferenceClient | undefined;
  beforeAll(() => installFailureTransfer());
  afterEach(() => client?.terminate());

  async function start(networks: ('inception-v4' | 'inception-resnet-v2')[]) {
    runtime = new GradientRuntime();
    service = new InferenceService(runtime, undefined);
    await service.setBackend('auto');
    for (const n of networks) await service.loadWeights(n, weights(1));
  }

  it('1 crop gives what classify gives; 12 crops average 12 passes and also answer for 1 crop', async () => {
    await start(['inception-v4']);
    const classified = await service.classify(photo(60), ['inception-v4'], 3);
    const one = await service.predict(photo(60), { networks: ['inception-v4'], crops: 1, ensemble: false, topK: 3 });
    expect(one.modes).toEqual([{ model: 'inception-v4', crops: 1, passes: 1, top: classified.results[0].top }]);
    expect(one.networks).toMatchObject([{ network: 'inception-v4', passes: 1, backend: 'wasm' }]);
    expect(one.networks[0].crop).toBeUndefined();

    const progress: PredictProgress[] = [];
    runtime.passes = 0;
    const twelve = await service.predict(
      photo(60),
      { networks: ['inception-v4'], crops: 12, ensemble: false, topK: 3, crop: true },
      (p) => progress.push(p),
    );
    expect(runtime.passes).toBe(12);
    expect(progress.map((p) => `${p.done}/${p.total}`)).toEqual(Array.from({ length: 12 }, (_, i) => `${i + 1}/12`));
    expect(twelve.modes.map((m) => [m.model, m.crops, m.passes])).toEqual([
      ['inception-v4', 1, 1],
      ['inception-v4', 12, 12],
    ]);
    expect(twelve.modes[0].top).toEqual(classified.results[0].top);
    // The corner crops see darker and brighter parts of the gradient: the average differs from the centre crop.
    expect(twelve.modes[1].top[0].probability).not.toBeCloseTo(twelve.modes[0].top[0].probability, 4);
    expect(twelve.networks[0].crop).toMatchObject({ width: 299, height: 299 });
    expect(twelve.networks[0].timings.inferenceMs).toBeGreaterThan(0);
    expect(twelve.totalMs).toBeGreaterThanOrEqual(twelve.decodeMs);
  });

  it("returns the first network's pooled features of the centre crop from its first pass, without another pass", async () => {
    await start(['inception-v4', 'inception-resnet-v2']);
    const centre = await service.predict(photo(60), {
      networks: ['inception-v4'],
      crops: 1,
      ensemble: false,
      topK: 3,
      features: true,
    });
    expect(centre.features?.network).toBe('inception-v4');
    const centreMean = centre.features!.values[0];
    runtime.passes = 0;
    const outcome = await service.predict(photo(60), {
      networks: ['inception-v4', 'inception-resnet-v2'],
      crops: 12,
      ensemble: true,
      topK: 3,
      features: true,
    });
    expect(runtime.passes).toBe(24);
    // Inception-v4's (shift 0), its first pass (the centre crop: the same mean as the 1-crop prediction).
    expect([...outcome.features!.values]).toEqual([centreMean, 0, 1]);
    expect(outcome.features!.network).toBe('inception-v4');
    const without = await service.predict(photo(60), {
      networks: ['inception-v4'],
      crops: 1,
      ensemble: false,
      topK: 3,
    });
    expect(without.features).toBeUndefined();
  });

  it('averages both networks for the ensemble, and needs both loaded', async () => {
    await start(['inception-v4']);
    await expect(
      service.predict(photo(60), { networks: ['inception-v4'], crops: 1, ensemble: true, topK: 3 }),
    ).rejects.toMatchObject({
      kind: 'not-loaded',
      message: 'the ensemble averages Inception-v4 and Inception-ResNet-v2: load the weights of both',
    });
    await expect(
      service.predict(photo(60), { networks: ['inception-resnet-v2'], crops: 1, ensemble: false, topK: 3 }),
    ).rejects.toMatchObject({ kind: 'not-loaded', message: 'load the weights of Inception-ResNet-v2 first' });

    await service.loadWeights('inception-resnet-v2', weights(1));
    const outcome = await service.predict(photo(60), {
      networks: ['inception-v4', 'inception-resnet-v2'],
      crops: 1,
      ensemble: true,
      topK: 10,
    });
    expect(outcome.modes.map((m) => m.model)).toEqual(['inception-v4', 'inception-resnet-v2', 'ensemble']);
    const [v4, irv2, ensemble] = outcome.modes.map((m) => new Map(m.top.map((t) => [t.classIndex, t.probability])));
    for (let c = 0; c < 10; c++) expect(ensemble.get(c)).toBeCloseTo((v4.get(c)! + irv2.get(c)!) / 2, 6);
    expect(outcome.modes[2].passes).toBe(2);
  });

  it("decodes the next photo while the current one's forward passes run (an evaluation's pipeline)", async () => {
    await start(['inception-v4']);
    runtime.log.length = 0;
    const request = { networks: ['inception-v4' as const], crops: 12 as const, ensemble: false, topK: 3 };
    // The second photo arrives at the first one's second pass (not after a poll, which a fast machine outruns).
    const passesBefore = runtime.passes;
    let second: Promise<unknown> | undefined;
    runtime.onPass = (passes) => {
      if (passes === passesBefore + 2) second = service.predict(photo(90, 0xff, 'b.jpg'), request);
    };
    const first = service.predict(photo(60, 0xff, 'a.jpg'), request);
    await first;
    await second;
    runtime.onPass = undefined;
    const decodedB = runtime.log.indexOf('decode b.jpg');
    expect(runtime.log.slice(decodedB).filter((e) => e === 'pass').length).toBeGreaterThan(12);
  });

  it('names a photo it cannot decode, and keeps working', async () => {
    await start(['inception-v4']);
    await expect(
      service.predict(photo(60, 0x00), { networks: ['inception-v4'], crops: 12, ensemble: false, topK: 3 }),
    ).rejects.toMatchObject({ kind: 'image', message: 'cat.jpg: not an image' });
    expect(
      (await service.predict(photo(60), { networks: ['inception-v4'], crops: 1, ensemble: false, topK: 3 })).modes,
    ).toHaveLength(1);
  });

  it('lets other work through between forward passes, and cancels between passes through the client', async () => {
    await start(['inception-v4']);
    const channel = new MessageChannel();
    expose(service, channel.port1);
    client = connectWorker(channel.port2);
    const controller = new AbortController();
    const progress: PredictProgress[] = [];
    const long = client
      .with({ signal: controller.signal })
      .predict(photo(60), { networks: ['inception-v4'], crops: 144, ensemble: false, topK: 3 }, (p) =>
        progress.push(p),
      );
    await expect.poll(() => progress.length).toBeGreaterThanOrEqual(3);
    // A photo classified meanwhile does not wait for all 144 passes.
    const classified = await client.classify(photo(90), ['inception-v4'], 3);
    expect(classified.results).toHaveLength(1);
    expect(progress.length).toBeLessThan(144);
    controller.abort();
    const failure = await long.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InferenceFailure);
    expect(failure).toMatchObject({ kind: 'cancelled', message: 'cat.jpg: prediction cancelled' });
    const passes = runtime.passes;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runtime.passes).toBe(passes);
    expect(progress.at(-1)!.total).toBe(144);
  });
});
