import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveTestModel, TEST_BYTES, TEST_FILE, TEST_REPO } from '../../testing/served-test-model.ts';
import { download, DownloadError } from './download.ts';

// A mirror that stalls (part of the file, then nothing, the connection held open) must not show progress
// for ever: no bytes for `stallTimeoutMs` abandons the attempt, which is retried (resumed with If-Range
// where the server gave a strong ETag), and after the retries the download fails saying so.
const REPO = TEST_REPO;
const FILE = TEST_FILE;
const BYTES = TEST_BYTES;

describe('download: a stalled transfer', () => {
  const { server, url: served } = serveTestModel();
  let url = '';
  beforeAll(() => {
    url = served();
  });

  const fast = { label: `${FILE} of ${REPO}`, backoffMs: 1, stallTimeoutMs: 300 };

  it('gives up an attempt that receives nothing for the stall timeout, and resumes it', async () => {
    server.fail(REPO, FILE, { stallAfterBytes: 100_000, times: 1 });
    const file = await download(url, fast);
    expect(file.bytes).toEqual(BYTES);
    const [first, resumed] = server.requestsFor(FILE);
    expect(first.headers.range).toBeUndefined();
    expect(resumed.headers.range).toMatch(/^bytes=\d+-$/);
    expect(resumed.headers['if-range']).toBe(`"${file.sha256}"`);
  });

  it('after the retries, says that the server stopped sending, how far it got, and what to do', async () => {
    // 50 kB more each time (resumed from where it stopped), 150 kB of 300 kB in the end.
    server.fail(REPO, FILE, { stallAfterBytes: 50_000 });
    const started = performance.now();
    const failure = (await download(url, { ...fast, retries: 2 }).catch((e: unknown) => e)) as DownloadError;
    expect(failure).toBeInstanceOf(DownloadError);
    expect(failure.kind).toBe('stalled');
    expect(failure.message).toBe(
      `${FILE} of ${REPO}: the server stopped sending ` +
        `(nothing for 0.3 s, at 150.0 kB of 300.0 kB) from ${url}; it may be overloaded or stuck: ` +
        'try again later, or use another download source (gave up after 3 attempts)',
    );
    expect(server.requestsFor(FILE)).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('does not take a slow download that keeps moving for a stalled one', async () => {
    server.setOptions({ bytesPerSecond: 300_000 });
    const file = await download(url, { ...fast, stallTimeoutMs: 1000 });
    expect(file.bytes).toEqual(BYTES);
    expect(server.requestsFor(FILE)).toHaveLength(1);
  });

  it('is cancelled, not stalled, when its signal aborts while it waits for bytes', async () => {
    server.fail(REPO, FILE, { stallAfterBytes: 100_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const failure = (await download(url, { ...fast, stallTimeoutMs: 60_000, signal: controller.signal }).catch(
      (e: unknown) => e,
    )) as DownloadError;
    expect(failure.kind).toBe('cancelled');
  });
});

describe('download: a server that accepts the connection and never answers', () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  let url = '';
  beforeAll(async () => {
    silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(silent.address() as { port: number }).port}/${REPO}/resolve/main/${FILE}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('times out waiting for the response too', async () => {
    const failure = (await download(url, { label: FILE, backoffMs: 1, stallTimeoutMs: 200, retries: 1 }).catch(
      (e: unknown) => e,
    )) as DownloadError;
    expect(failure.kind).toBe('stalled');
    expect(failure.message).toMatch(
      /^model\.safetensors: the server stopped sending \(nothing for 0\.2 s, before the response\) /,
    );
    expect(failure.message).toMatch(/\(gave up after 2 attempts\)$/);
  });
});
