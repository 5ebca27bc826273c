import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryCacheStorage } from '../../testing/memory-cache-storage.ts';
import { WeightsServer } from '../../testing/weights-server.ts';
import { tensorSourceFromMap, type TensorSource } from '../weights/types.ts';
import { WeightsCache } from './cache.ts';
import { DownloadError } from './download.ts';
import { loadWeights, WeightsError, type LoadWeightsOptions } from './load-weights.ts';
import { HUGGING_FACE } from './sources.ts';

// Weights are the published checkpoint only when their SHA-256 is the pinned one, wherever they came
// from; the official source must serve exactly that file; a cached copy is hashed again before each use.
const GOOD = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
/** Valid for the stand-in parser too, but not the published file. */
const OTHER = new Uint8Array([1, 9, 9, 9, 9, 9, 9, 9]);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const CHECKPOINT = { repo: 'timm/tiny', file: 'model.safetensors', sha256: sha256(GOOD) };
const OTHER_CHECKPOINT = { repo: 'timm/other', file: 'model.safetensors', sha256: sha256(GOOD) };

function validate(bytes: Uint8Array, fileName: string): TensorSource {
  if (bytes.byteLength !== 8 || bytes[0] !== 1) throw new Error(`${fileName}: not the tiny test model`);
  const data = new Float32Array(bytes.buffer, bytes.byteOffset, 2);
  return tensorSourceFromMap(new Map([['w', { shape: [2], data }]]));
}

describe('loadWeights: the published checkpoint, proven by its SHA-256', () => {
  const mirror = new WeightsServer();
  let storage: MemoryCacheStorage;
  let cache: WeightsCache;
  const fromMirror = (kind: 'download' | 'auto') => ({ kind, baseUrl: mirror.baseUrl });
  const load = (options: Partial<LoadWeightsOptions> & Pick<LoadWeightsOptions, 'source'>) =>
    loadWeights({ checkpoint: CHECKPOINT, validate, cache, ...options });
  /** The error a load fails with (a load that succeeds fails the test). */
  const failureOf = (options: Partial<LoadWeightsOptions> & Pick<LoadWeightsOptions, 'source'>): Promise<Error> =>
    load(options).then(
      () => new Error('loaded'),
      (e: unknown) => e as Error,
    );
  beforeAll(async () => {
    await mirror.start();
    mirror.serve(CHECKPOINT.repo, CHECKPOINT.file, { bytes: GOOD });
    mirror.serve(OTHER_CHECKPOINT.repo, OTHER_CHECKPOINT.file, { bytes: OTHER });
  });
  afterAll(() => mirror.stop());
  beforeEach(() => {
    storage = new MemoryCacheStorage();
    cache = new WeightsCache(storage.asCacheStorage());
    mirror.requests.length = 0;
  });

  it('says it reads the cache only once there is a copy to read: a download with none starts by downloading', async () => {
    const phases: string[] = [];
    await load({ source: fromMirror('auto'), onProgress: (p) => phases.push(p.phase) });
    expect(phases[0]).toBe('download');
    phases.length = 0;
    await load({ source: fromMirror('auto'), onProgress: (p) => phases.push(p.phase) });
    expect(phases.slice(0, 2)).toEqual(['read-cache', 'validate']);
  });

  it('says whether weights are the published checkpoint, from a mirror or a file alike; others load', async () => {
    const downloaded = await load({ source: fromMirror('download') });
    expect(downloaded).toMatchObject({ sha256: sha256(GOOD), published: true });
    expect(downloaded.cached?.sha256).toBe(sha256(GOOD));
    const mirrorsOwn = await load({ checkpoint: OTHER_CHECKPOINT, source: fromMirror('download'), cache: undefined });
    expect(mirrorsOwn).toMatchObject({ sha256: sha256(OTHER), published: false });
    const file = (bytes: Uint8Array, name: string) => ({
      kind: 'file' as const,
      name,
      file: new Blob([bytes.slice()]),
    });
    expect(await load({ source: file(GOOD, 'mine.safetensors'), cache: undefined })).toMatchObject({
      sha256: sha256(GOOD),
      published: true,
    });
    expect(await load({ source: file(OTHER, 'stand-in.safetensors'), cache: undefined })).toMatchObject({
      sha256: sha256(OTHER),
      published: false,
    });
  });

  it('refuses from the official source anything but the published file, keeping nothing', async () => {
    const served = (async () => new Response(OTHER.slice())) as typeof fetch;
    const failure = await failureOf({ source: { kind: 'download', baseUrl: HUGGING_FACE }, fetch: served });
    expect(failure).toBeInstanceOf(DownloadError);
    expect(failure).toMatchObject({ kind: 'mismatch' });
    expect(failure.message).toContain(`has SHA-256 ${sha256(OTHER)}, not the published ${sha256(GOOD)}`);
    expect(storage.allKeys()).toEqual([]);
  });

  it('hashes a cached copy before use: one whose bytes are not those stored is removed, never used', async () => {
    await load({ source: fromMirror('download') });
    tamper(storage, OTHER);
    const provenance = { kind: 'mirror' as const, baseUrl: mirror.baseUrl };
    const failure = await failureOf({ source: { kind: 'cache', provenance } });
    expect(failure).toBeInstanceOf(WeightsError);
    expect(failure).toMatchObject({ problem: 'corrupt' });
    expect(failure.message).toBe(
      `the cached copy of model.safetensors of timm/tiny has SHA-256 ${sha256(OTHER)}, ` +
        `not the ${sha256(GOOD)} it was stored with: it was damaged or altered ` +
        '(the cached copy was removed; download it again)',
    );
    expect(storage.allKeys()).toEqual([]);

    // With "auto", the damaged copy gives way to a fresh download.
    await load({ source: fromMirror('download') });
    tamper(storage, OTHER);
    const again = await load({ source: fromMirror('auto') });
    expect(again.origin).toBe(`${mirror.baseUrl}/timm/tiny/resolve/main/model.safetensors`);
    expect(again.sha256).toBe(sha256(GOOD));
    expect(again.published).toBe(true);
    expect(mirror.requestsFor('timm/tiny/resolve/main/model.safetensors')).toHaveLength(3);
  });

  it('does not use a cached official copy that is not the published file (stored under an older pin)', async () => {
    await cache.put(CHECKPOINT, { kind: 'official' }, OTHER.slice(), 'https://huggingface.co/…', sha256(OTHER));
    const failure = await failureOf({ source: { kind: 'cache', provenance: { kind: 'official' } } });
    expect(failure.message).toBe(
      `the cached copy of model.safetensors of timm/tiny is not the published checkpoint ` +
        `(SHA-256 ${sha256(OTHER)}, published ${sha256(GOOD)}) (the cached copy was removed; download it again)`,
    );
    expect(storage.allKeys()).toEqual([]);
  });
});

/** Replaces the bytes of every cached entry, keeping its headers (a damaged or altered cache). */
function tamper(storage: MemoryCacheStorage, bytes: Uint8Array): void {
  for (const stored of storage.caches.values()) {
    for (const entry of stored.entries.values()) entry.body = bytes.slice().buffer;
  }
}
