import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WeightsServer } from '../../testing/weights-server.ts';
import { parseSafetensors } from '../weights/safetensors.ts';
import { serializeSafetensors } from '../weights/safetensors-writer.ts';
import { isStandIn, STAND_IN_METADATA } from '../weights/stand-in.ts';
import { tensorSourceFromMap, type TensorSource } from '../weights/types.ts';
import { WeightsCache, WEIGHTS_CACHE_NAME } from './cache.ts';
import { DownloadError } from './download.ts';
import { MemoryCacheStorage } from '../../testing/memory-cache-storage.ts';
import { loadWeights, WeightsError, type LoadProgress } from './load-weights.ts';
import { englishFailure } from '../failure-words.ts';
import { memoryWeightsCache } from '../../testing/worker/cached-weights.ts';

// Cache Storage exists only in browsers: the cache paths are tested in Chromium (e2e/classify-weights.spec.ts).
const CHECKPOINT = { repo: 'timm/tiny', file: 'model.safetensors' };
const GOOD = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);

/** Accepts exactly GOOD, as one tensor "w" viewing the bytes, like a parser that validates. */
function validate(bytes: Uint8Array, fileName: string): TensorSource {
  if (bytes.byteLength !== 8 || bytes[0] !== 1) throw new Error(`${fileName}: not the tiny test model`);
  return tensorSourceFromMap(
    new Map([['w', { shape: [2], data: new Float32Array(bytes.buffer, bytes.byteOffset, 2) }]]),
  );
}

describe('loadWeights without a cache', () => {
  const server = new WeightsServer();
  beforeAll(async () => {
    await server.start();
    server.serve(CHECKPOINT.repo, CHECKPOINT.file, { bytes: GOOD });
    server.serve('timm/other', 'model.safetensors', { bytes: new Uint8Array(16) });
  });
  afterAll(() => server.stop());

  it('downloads from the base URL, validates, and says nothing was kept', async () => {
    const phases: LoadProgress['phase'][] = [];
    const loaded = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'auto', baseUrl: server.baseUrl },
      validate,
      onProgress: (p) => phases.push(p.phase),
    });
    expect(loaded.origin).toBe(`${server.baseUrl}/timm/tiny/resolve/main/model.safetensors`);
    expect(loaded.bytes).toBe(8);
    expect([...loaded.tensors.get('w')!.data]).toEqual([...new Float32Array(GOOD.buffer)]);
    expect(loaded.cached).toBeUndefined();
    expect(englishFailure(loaded.storeError!)).toBe('Cache Storage is not available here');
    expect(loaded.timings.readMs).toBeGreaterThan(0);
    expect(loaded.timings.validateMs).toBeGreaterThanOrEqual(0);
    expect(loaded.timings.storeMs).toBe(0);
    expect(phases[0]).toBe('download');
    expect(phases.at(-1)).toBe('validate');
  });

  it('turns invalid bytes into a WeightsError naming the file', async () => {
    const failure = await loadWeights({
      checkpoint: { repo: 'timm/other', file: 'model.safetensors' },
      source: { kind: 'download', baseUrl: server.baseUrl },
      validate,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WeightsError);
    expect((failure as Error).message).toBe('model.safetensors of timm/other: not the tiny test model');
  });

  it('passes download failures through with their kind', async () => {
    const failure = await loadWeights({
      checkpoint: { repo: 'timm/missing', file: 'model.safetensors' },
      source: { kind: 'download', baseUrl: server.baseUrl },
      validate,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DownloadError);
    expect((failure as DownloadError).status).toBe(404);
  });

  it('reads a picked file and names it in errors', async () => {
    const loaded = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'file', file: new Blob([GOOD]), name: 'mine.safetensors' },
      validate,
    });
    expect(loaded.origin).toBe('file:mine.safetensors');
    const failure = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'file', file: new Blob([new Uint8Array(3)]), name: 'cut.safetensors' },
      validate,
    }).catch((e: unknown) => e);
    expect((failure as Error).message).toBe('cut.safetensors: not the tiny test model');
  });

  it('says a cache-only load is impossible when nothing is cached', async () => {
    const failure = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'cache', provenance: { kind: 'official' } },
      validate,
    }).catch((e: unknown) => e);
    expect((failure as Error).message).toBe("model.safetensors of timm/tiny is not in this browser's cache");
  });

  it('stops before validating when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'download', baseUrl: server.baseUrl },
      validate,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((failure as DownloadError).kind).toBe('cancelled');
  });
});

describe('loadWeights with a cache: the source is part of the key', () => {
  const server = new WeightsServer();
  const mirrorServer = new WeightsServer();
  let storage: MemoryCacheStorage;
  let cache: WeightsCache;
  beforeAll(async () => {
    await server.start();
    await mirrorServer.start();
    server.serve(CHECKPOINT.repo, CHECKPOINT.file, { bytes: GOOD });
    mirrorServer.serve(CHECKPOINT.repo, CHECKPOINT.file, { bytes: GOOD });
  });
  afterAll(async () => {
    await server.stop();
    await mirrorServer.stop();
  });
  beforeEach(() => {
    storage = new MemoryCacheStorage();
    cache = new WeightsCache(storage.asCacheStorage());
    server.requests.length = 0;
    mirrorServer.requests.length = 0;
  });

  it('tells the validator which bytes are a cached copy whose hash matched (their values were checked when stored)', async () => {
    const calls: boolean[] = [];
    const noting = (bytes: Uint8Array, fileName: string, cachedCopy: boolean) => {
      calls.push(cachedCopy);
      return validate(bytes, fileName);
    };
    const source = { kind: 'auto', baseUrl: server.baseUrl } as const;
    expect((await loadWeights({ checkpoint: CHECKPOINT, source, validate: noting, cache })).origin).not.toBe('cache');
    expect((await loadWeights({ checkpoint: CHECKPOINT, source, validate: noting, cache })).origin).toBe('cache');
    expect(calls).toEqual([false, true]);
  });

  it("never serves a mirror's cached copy where another source is asked for, and keeps one copy per checkpoint", async () => {
    const fromMirror = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'auto', baseUrl: mirrorServer.baseUrl },
      validate,
      cache,
    });
    expect(fromMirror.provenance).toEqual({ kind: 'mirror', baseUrl: mirrorServer.baseUrl });
    expect(fromMirror.cached?.provenance).toEqual({ kind: 'mirror', baseUrl: mirrorServer.baseUrl });
    expect(await cache.info(CHECKPOINT)).toMatchObject({
      provenance: { kind: 'mirror', baseUrl: mirrorServer.baseUrl },
    });

    // The same mirror again: from the cache, no request.
    const again = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'auto', baseUrl: mirrorServer.baseUrl },
      validate,
      cache,
    });
    expect(again).toMatchObject({ origin: 'cache', provenance: { kind: 'mirror', baseUrl: mirrorServer.baseUrl } });
    expect(mirrorServer.requests).toHaveLength(1);

    // Another source (here standing in for the official host) does not get the mirror's bytes: it downloads,
    // and its copy replaces the mirror's.
    const other = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'auto', baseUrl: server.baseUrl },
      validate,
      cache,
    });
    expect(other.origin).toBe(`${server.baseUrl}/timm/tiny/resolve/main/model.safetensors`);
    expect(server.requests).toHaveLength(1);
    expect(storage.allKeys()).toEqual([
      `https://weights.inception-explorer.invalid/mirror/${encodeURIComponent(server.baseUrl)}/timm/tiny/model.safetensors`,
    ]);
    expect(await cache.get(CHECKPOINT, { kind: 'mirror', baseUrl: mirrorServer.baseUrl })).toBeUndefined();
    expect(await cache.get(CHECKPOINT, { kind: 'official' })).toBeUndefined();
    const failure = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'cache', provenance: { kind: 'official' } },
      validate,
      cache,
    }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ problem: 'not-cached' });
  });

  it('says why the weights could not be kept when the quota is exceeded (an empty message before)', async () => {
    (await storage.open(WEIGHTS_CACHE_NAME)).onPut = () => {
      throw new DOMException('', 'QuotaExceededError');
    };
    const loaded = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'auto', baseUrl: server.baseUrl },
      validate,
      cache,
    });
    expect(loaded.cached).toBeUndefined();
    expect(englishFailure(loaded.storeError!)).toBe(
      "could not keep model.safetensors of timm/tiny in the browser's cache: " +
        'this site’s storage in this browser is full (its quota is exceeded)',
    );
  });

  it('keeps a picked file under its own provenance', async () => {
    const picked = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'file', file: new Blob([GOOD]), name: 'mine.safetensors' },
      validate,
      cache,
    });
    expect(picked.cached?.provenance).toEqual({ kind: 'file', name: 'mine.safetensors' });
    const reread = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'cache', provenance: { kind: 'file', name: 'mine.safetensors' } },
      validate,
      cache,
    });
    expect(reread).toMatchObject({ origin: 'cache', provenance: { kind: 'file', name: 'mine.safetensors' } });
  });

  it('cancelled while storing: fails as cancelled and leaves no entry', async () => {
    const controller = new AbortController();
    const cacheOfStorage = await storage.open(WEIGHTS_CACHE_NAME);
    cacheOfStorage.onPut = () => controller.abort();
    const failure = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'download', baseUrl: server.baseUrl },
      validate,
      cache,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((failure as DownloadError).kind).toBe('cancelled');
    expect(storage.allKeys()).toEqual([]);
    expect(await cache.info(CHECKPOINT)).toBeUndefined();
  });
});

describe('loadWeights of stand-in weights', () => {
  // make-weights marks its files in their "__metadata__" (weights/stand-in.ts); the loader says so, read from
  // the file or from the cached copy, and says nothing of a file without the mark.
  const tensor = { name: 'w', shape: [2], data: new Float32Array([0.5, -1]) };
  const marked = serializeSafetensors([tensor], STAND_IN_METADATA) as Uint8Array<ArrayBuffer>;
  const plain = serializeSafetensors([tensor]) as Uint8Array<ArrayBuffer>;
  const parse = (bytes: Uint8Array, fileName: string) => parseSafetensors(bytes, fileName);

  it('reports a marked file as stand-in weights, from the file and again from the cache', async () => {
    const cache = memoryWeightsCache();
    const file = { kind: 'file', file: new Blob([marked]), name: 'recipe.safetensors' } as const;
    const loaded = await loadWeights({ checkpoint: CHECKPOINT, source: file, validate: parse, cache });
    expect([loaded.standIn, loaded.published]).toEqual([true, false]);
    // The entry keeps the mark, so that what is cached but not loaded yet can already be called a stand-in.
    expect(loaded.cached?.standIn).toBe(true);
    expect((await cache.info(CHECKPOINT))?.standIn).toBe(true);
    const again = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'cache', provenance: loaded.provenance },
      validate: parse,
      cache,
    });
    expect([again.origin, again.standIn]).toEqual(['cache', true]);
  });

  it('reports any other file as not stand-in weights', async () => {
    const cache = memoryWeightsCache();
    const loaded = await loadWeights({
      checkpoint: CHECKPOINT,
      source: { kind: 'file', file: new Blob([plain]), name: 'other.safetensors' },
      validate: parse,
      cache,
    });
    expect(loaded.standIn).toBe(false);
    expect((await cache.info(CHECKPOINT))?.standIn).toBe(false);
    expect(isStandIn({ format: 'pt' })).toBe(false);
    expect(isStandIn(undefined)).toBe(false);
  });
});
