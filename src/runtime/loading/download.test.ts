import { beforeAll, describe, expect, it } from 'vitest';
import { serveTestModel, TEST_BYTES, TEST_FILE, TEST_REPO } from '../../testing/served-test-model.ts';
import { download, DownloadError, formatBytes, type DownloadProgress } from './download.ts';
import { wordFailure } from '../failure-words.ts';
import { failuresText } from '../../views/i18n/failures.ts';

const REPO = TEST_REPO;
const FILE = TEST_FILE;
const BYTES = TEST_BYTES;

describe('download', () => {
  const { server, url: served } = serveTestModel();
  let url = '';
  beforeAll(() => {
    url = served();
  });

  const fast = { label: `${FILE} of ${REPO}`, backoffMs: 1 };

  it('receives the whole file, reporting progress that rises to the total', async () => {
    server.setOptions({ bytesPerSecond: 3_000_000 });
    const seen: DownloadProgress[] = [];
    const { bytes } = await download(url, { ...fast, progressIntervalMs: 0, onProgress: (p) => seen.push({ ...p }) });
    expect(bytes).toEqual(BYTES);
    expect(seen.length).toBeGreaterThan(3);
    // At once, before any answer: connecting (the size is not known yet).
    expect(seen.shift()).toEqual({
      received: 0,
      total: undefined,
      bytesPerSecond: 0,
      attempt: 1,
      attempts: 4,
      connecting: true,
    });
    expect(seen.every((p) => p.total === BYTES.byteLength && !p.connecting)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i].received).toBeGreaterThanOrEqual(seen[i - 1].received);
    expect(seen.at(-1)!.received).toBe(BYTES.byteLength);
    // Paced at 3 MB/s: the measured speed must be of that order (loose: the machine is shared).
    const speeds = seen.map((p) => p.bytesPerSecond).filter((s) => s > 0);
    expect(Math.max(...speeds)).toBeGreaterThan(300_000);
    expect(Math.max(...speeds)).toBeLessThan(30_000_000);
  });

  it('retries a server error with backoff and then succeeds', async () => {
    server.fail(REPO, FILE, { status: 503, times: 2 });
    const { bytes } = await download(url, fast);
    expect(bytes).toEqual(BYTES);
    expect(server.requestsFor(FILE)).toHaveLength(3);
  });

  it('reports each attempt as it starts, so a source that cannot be reached shows as connecting and retried', async () => {
    // Nothing listens on this port: every attempt fails to connect.
    const unreachable = 'http://127.0.0.1:9/timm/test-model/resolve/main/model.safetensors';
    const seen: DownloadProgress[] = [];
    const failure = await download(unreachable, { ...fast, retries: 2, onProgress: (p) => seen.push({ ...p }) }).catch(
      (e: unknown) => e,
    );
    expect((failure as DownloadError).kind).toBe('network');
    expect(seen.map((p) => [p.attempt, p.attempts, p.connecting])).toEqual([
      [1, 3, true],
      [2, 3, true],
      [3, 3, true],
    ]);
  });

  it('gives up after the bounded retries with a message naming the file and the status', async () => {
    server.fail(REPO, FILE, { status: 500 });
    const failure = await download(url, { ...fast, retries: 2 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DownloadError);
    expect((failure as DownloadError).kind).toBe('http');
    expect((failure as DownloadError).status).toBe(500);
    expect((failure as DownloadError).message).toMatch(
      /model\.safetensors of timm\/test-model: the server answered 500/,
    );
    expect((failure as DownloadError).message).toMatch(/gave up after 3 attempts/);
    // The failure's data says it too, so the page words it in either language.
    expect(wordFailure(failuresText.zh, (failure as DownloadError).detail)).toMatch(/（尝试 3 次后放弃）$/);
    expect(server.requestsFor(FILE)).toHaveLength(3);
  });

  it('does not retry a 404, and says the file was not found', async () => {
    const failure = (await download(`${server.baseUrl}/${REPO}/resolve/main/missing.safetensors`, fast).catch(
      (e: unknown) => e,
    )) as DownloadError;
    expect(failure.kind).toBe('http');
    expect(failure.message).toBe(
      `model.safetensors of timm/test-model: not found at ${server.baseUrl}/${REPO}/resolve/main/missing.safetensors (the server answered 404 Not Found)`,
    );
    expect(server.requestsFor('missing.safetensors')).toHaveLength(1);
  });

  it('resumes a dropped connection with a Range request, without fetching the start again', async () => {
    server.fail(REPO, FILE, { dropAfterBytes: 100_000, times: 1 });
    const { bytes } = await download(url, fast);
    expect(bytes).toEqual(BYTES);
    const requests = server.requestsFor(FILE);
    expect(requests).toHaveLength(2);
    expect(requests[0].headers.range).toBeUndefined();
    const resumedFrom = Number(/bytes=(\d+)-/.exec(requests[1].headers.range ?? '')?.[1]);
    expect(resumedFrom).toBeGreaterThan(0);
    expect(resumedFrom).toBeLessThanOrEqual(100_000);
  });

  it('starts over when the server ignores Range', async () => {
    server.setOptions({ ranges: false });
    server.fail(REPO, FILE, { dropAfterBytes: 100_000, times: 1 });
    expect((await download(url, fast)).bytes).toEqual(BYTES);
  });

  it('starts over after a dropped connection when the size was never announced (no Content-Length)', async () => {
    server.setOptions({ contentLength: false });
    server.fail(REPO, FILE, { dropAfterBytes: 100_000, times: 1 });
    const { bytes } = await download(url, fast);
    expect(bytes.byteLength).toBe(BYTES.byteLength);
    expect(firstDifference(bytes, BYTES)).toBe(-1);
    const requests = server.requestsFor(FILE);
    expect(requests).toHaveLength(2);
    expect(requests[1].headers.range).toBeUndefined();
  });

  it('starts over when a resumed response is not a 206 for the same file at the same offset', async () => {
    // A 206 whose Content-Range names another total (the file changed on the server), then a 206 at the
    // wrong offset: neither may be appended to what arrived before.
    const answers: ((init: RequestInit | undefined) => Response)[] = [
      () => dropAfter(BYTES.subarray(0, 1000), { 'Content-Length': String(BYTES.byteLength), ETag: '"v1"' }),
      (init) => {
        expect(new Headers(init?.headers).get('Range')).toBe('bytes=1000-');
        const changed = new Uint8Array(BYTES.byteLength - 1000).fill(7);
        return new Response(changed, {
          status: 206,
          headers: {
            'Content-Range': `bytes 1000-${BYTES.byteLength - 1}/${BYTES.byteLength + 5}`,
            'Content-Length': String(changed.byteLength),
            ETag: '"v1"',
          },
        });
      },
      () => new Response(BYTES, { status: 200, headers: { 'Content-Length': String(BYTES.byteLength) } }),
    ];
    const fetchStub = (async (_url: RequestInfo | URL, init?: RequestInit) => answers.shift()!(init)) as typeof fetch;
    const { bytes } = await download(url, { ...fast, fetch: fetchStub });
    expect(firstDifference(bytes, BYTES)).toBe(-1);
    expect(answers).toHaveLength(0);
  });

  it('reports a truncated transfer when the connection keeps dropping', async () => {
    server.fail(REPO, FILE, { dropAfterBytes: 0 });
    const failure = (await download(url, { ...fast, retries: 1 }).catch((e: unknown) => e)) as DownloadError;
    expect(failure).toBeInstanceOf(DownloadError);
    expect(['truncated', 'network']).toContain(failure.kind);
    expect(failure.message).toMatch(/model\.safetensors of timm\/test-model/);
    expect(server.requestsFor(FILE)).toHaveLength(2);
  });

  it('reports a network failure when nothing listens', async () => {
    const failure = (await download('http://127.0.0.1:9/x/resolve/main/model.safetensors', {
      ...fast,
      retries: 1,
    }).catch((e: unknown) => e)) as DownloadError;
    expect(failure.kind).toBe('network');
    expect(failure.message).toMatch(/network failure fetching http:\/\/127\.0\.0\.1:9\//);
  });

  it('is cancelled by its AbortSignal mid-transfer', async () => {
    server.setOptions({ bytesPerSecond: 200_000 });
    const controller = new AbortController();
    const failure = (await download(url, {
      ...fast,
      progressIntervalMs: 0,
      signal: controller.signal,
      onProgress: (p) => p.received > 50_000 && controller.abort(),
    }).catch((e: unknown) => e)) as DownloadError;
    expect(failure.kind).toBe('cancelled');
    expect(failure.message).toBe('model.safetensors of timm/test-model: download cancelled');
    expect(server.requestsFor(FILE)).toHaveLength(1);
  });

  it('is cancelled while waiting to retry', async () => {
    server.fail(REPO, FILE, { status: 503 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const failure = (await download(url, { ...fast, backoffMs: 60_000, signal: controller.signal }).catch(
      (e: unknown) => e,
    )) as DownloadError;
    expect(failure.kind).toBe('cancelled');
  });

  it('refuses a file larger than allowed before receiving it', async () => {
    const failure = (await download(url, { ...fast, maxBytes: 1000 }).catch((e: unknown) => e)) as DownloadError;
    expect(failure.kind).toBe('too-large');
    expect(failure.message).toMatch(/300\.0 kB is larger than the 1\.0 kB allowed/);
  });
});

/** Index of the first byte that differs (or the shorter length), -1 when equal: no huge diff on failure. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.byteLength, b.byteLength);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.byteLength === b.byteLength ? -1 : n;
}

/** A 200 response that sends `bytes` and then fails, like a dropped connection. */
function dropAfter(bytes: Uint8Array, headers: Record<string, string>): Response {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) return controller.error(new TypeError('network connection lost'));
      sent = true;
      controller.enqueue(bytes.slice());
    },
  });
  return new Response(body, { status: 200, headers });
}

describe('formatBytes', () => {
  it('uses decimal units with one decimal', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(171_234_567)).toBe('171.2 MB');
    expect(formatBytes(2_500_000_000)).toBe('2.5 GB');
  });
});
