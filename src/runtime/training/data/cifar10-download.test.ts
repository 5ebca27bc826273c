import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cifarArchive, labelOf, sameBytes } from '../../../testing/cifar10-files.ts';
import { MemoryCacheStorage } from '../../../testing/memory-cache-storage.ts';
import { WeightsServer } from '../../../testing/weights-server.ts';
import { WeightsCache } from '../../loading/cache.ts';
import { DownloadError } from '../../loading/download.ts';
import {
  CIFAR10_CACHE_ENTRY,
  CIFAR10_DOWNLOAD,
  DATASETS_CACHE_NAME,
  loadCifar10,
  sha256Hex,
  type Cifar10LoadProgress,
} from './cifar10-download.ts';
import { DataError } from './labelled-images.ts';

// The generated archive, served by a local server as the official host would serve the real one.
// Stored uncompressed (gzip level 0): 550 kB, so that a download takes many reads.
const ARCHIVE = cifarArchive({ recordsPerBatch: 30 }, 0);
const CHECKSUM = { bytes: ARCHIVE.byteLength, sha256: createHash('sha256').update(ARCHIVE).digest('hex') };
const KEYS = 'https://weights.inception-explorer.invalid';
const OFFICIAL_KEY = `${KEYS}/official/cifar-10/cifar-10-binary.tar.gz`;

describe('loadCifar10', () => {
  const server = new WeightsServer();
  let url = '';
  let storage: MemoryCacheStorage;
  let cache: WeightsCache;
  beforeAll(async () => {
    await server.start();
    server.serve('kriz', 'cifar-10-binary.tar.gz', { bytes: ARCHIVE });
    url = `${server.baseUrl}/kriz/resolve/main/cifar-10-binary.tar.gz`;
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.clearFaults();
    server.setOptions({});
    server.requests.length = 0;
    storage = new MemoryCacheStorage();
    cache = new WeightsCache(storage.asCacheStorage(), DATASETS_CACHE_NAME);
  });
  const fast = { retries: 2, backoffMs: 1, checksum: CHECKSUM };

  it('downloads with progress, checks the SHA-256, reads the archive, and keeps it once', async () => {
    const progress: Cifar10LoadProgress[] = [];
    const onProgress = (p: Cifar10LoadProgress) => progress.push(p);
    const loaded = await loadCifar10({ ...fast, source: { kind: 'download', url }, cache, onProgress });
    expect(loaded.origin).toBe(url);
    expect(loaded.provenance).toEqual({ kind: 'mirror', baseUrl: url });
    expect(loaded.data.train.count).toBe(150);
    expect(loaded.data.test.labels[29]).toBe(labelOf(5, 29));
    expect(progress.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1])).toEqual([
      'read-cache',
      'download',
      'verify',
      'read',
      'store',
    ]);
    expect(progress.filter((p) => p.phase === 'download').at(-1)).toMatchObject({
      received: ARCHIVE.byteLength,
      total: ARCHIVE.byteLength,
    });
    expect(loaded.cached).toMatchObject({
      checkpoint: 'cifar-10/cifar-10-binary.tar.gz',
      bytes: ARCHIVE.byteLength,
      origin: url,
    });

    // Again, and from the cache alone: no request.
    const again = await loadCifar10({ ...fast, source: { kind: 'download', url }, cache });
    const cachedOnly = await loadCifar10({ ...fast, source: { kind: 'cache' }, cache });
    for (const copy of [again, cachedOnly]) {
      expect(copy.origin).toBe('cache');
      expect(sameBytes(copy.data.train.images, loaded.data.train.images)).toBe(true);
    }
    expect(server.requestsFor('cifar-10-binary.tar.gz')).toHaveLength(1);
    expect(storage.allKeys()).toEqual([`${KEYS}/mirror/${encodeURIComponent(url)}/cifar-10/cifar-10-binary.tar.gz`]);
  });

  it('resumes after a dropped connection with a Range request', async () => {
    // The connection drops after three of the server's 64 KiB pieces.
    server.fail('kriz', 'cifar-10-binary.tar.gz', { dropAfterBytes: 3 * 65_536, times: 1 });
    const loaded = await loadCifar10({ ...fast, source: { kind: 'download', url }, cache });
    expect(loaded.data.test.count).toBe(30);
    const requests = server.requestsFor('cifar-10-binary.tar.gz');
    expect(requests.map((r) => r.headers.range)).toEqual([undefined, 'bytes=196608-']);
  });

  it('cancels a download and keeps nothing', async () => {
    server.setOptions({ bytesPerSecond: 1_000_000 });
    const controller = new AbortController();
    const failure = await loadCifar10({
      ...fast,
      source: { kind: 'download', url },
      cache,
      signal: controller.signal,
      onProgress: (p) => (p.received ?? 0) > 0 && controller.abort(),
    }).catch((e: unknown) => e);
    expect((failure as DownloadError).kind).toBe('cancelled');
    expect(storage.allKeys()).toEqual([]);
  });

  it('refuses a file that is not the official archive, keeping nothing', async () => {
    const other = { bytes: ARCHIVE.byteLength, sha256: CIFAR10_DOWNLOAD.sha256 };
    const failure = await loadCifar10({ ...fast, checksum: other, source: { kind: 'download', url }, cache }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(DataError);
    expect((failure as Error).message).toBe(
      `cifar-10-binary.tar.gz from ${url} is not the official archive: ` +
        `its SHA-256 is ${CHECKSUM.sha256}, not ${CIFAR10_DOWNLOAD.sha256}: ` +
        'the mirror must serve the official file byte for byte; ' +
        'use the official source, or download it again',
    );
    const oneMore = { ...CHECKSUM, bytes: ARCHIVE.byteLength + 1 };
    const larger = await loadCifar10({ ...fast, checksum: oneMore, source: { kind: 'download', url } }).catch(
      (e: unknown) => e,
    );
    expect((larger as Error).message).toMatch(/is .* \(\d+ bytes\), not the \d+ bytes of the official archive/);
    expect(storage.allKeys()).toEqual([]);
  });

  it('says what to do when the server fails, and when nothing is cached', async () => {
    server.fail('kriz', 'cifar-10-binary.tar.gz', { status: 503 });
    const failure = await loadCifar10({ ...fast, source: { kind: 'download', url }, cache }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DownloadError);
    const message = (failure as Error).message;
    expect(message).toMatch(/the server answered 503 .* \(gave up after 3 attempts\)\. Or download /);
    expect(message.split('. Or ')[1]).toBe(
      'download cifar-10-binary.tar.gz yourself ' +
        '(from https://www.cs.toronto.edu/~kriz/cifar.html) and give the file',
    );
    const none = await loadCifar10({ ...fast, source: { kind: 'cache' }, cache }).catch((e: unknown) => e);
    expect((none as Error).message).toBe("cifar-10-binary.tar.gz is not in this browser's cache: download it first");
  });

  it('removes a damaged cached copy and downloads again', async () => {
    const damaged = ARCHIVE.slice(0, 5000);
    await cache.put(CIFAR10_CACHE_ENTRY, { kind: 'mirror', baseUrl: url }, damaged, url, await sha256Hex(damaged));
    const loaded = await loadCifar10({ ...fast, source: { kind: 'download', url }, cache });
    expect(loaded.origin).toBe(url);
    expect(server.requestsFor('cifar-10-binary.tar.gz')).toHaveLength(1);
    expect((await cache.info(CIFAR10_CACHE_ENTRY))?.bytes).toBe(ARCHIVE.byteLength);
  });

  it("knows the official archive: its URL, size and SHA-256 (checked against Node's own hash)", async () => {
    expect(CIFAR10_DOWNLOAD.url).toBe('https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz');
    expect(CIFAR10_DOWNLOAD.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await sha256Hex(ARCHIVE as Uint8Array<ArrayBuffer>)).toBe(CHECKSUM.sha256);
    expect(`${KEYS}/official/${CIFAR10_CACHE_ENTRY.repo}/${CIFAR10_CACHE_ENTRY.file}`).toBe(OFFICIAL_KEY);
  });
});
