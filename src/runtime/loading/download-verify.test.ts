import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveTestModel, TEST_BYTES, TEST_FILE, TEST_REPO } from '../../testing/served-test-model.ts';
import { WeightsServer } from '../../testing/weights-server.ts';
import { download, DownloadError } from './download.ts';

// What a download may be joined from, and what it must match: a resumed download is joined only with
// If-Range on a strong ETag the server gave; the finished bytes must match the SHA-256 the server states
// (and, where one is required, the pinned one). A mirror that splices another file into a resumed
// download is caught, and the file is fetched again from zero.
const REPO = TEST_REPO;
const FILE = TEST_FILE;
const BYTES = TEST_BYTES;
/** Another file of the same size: what a splicing mirror sends in place of the rest. */
const OTHER = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31) % 253);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const AT_40_PERCENT = 120_000;

describe('download: joining and verifying', () => {
  const { server, url: served } = serveTestModel();
  let url = '';
  beforeAll(() => {
    url = served();
  });

  const fast = { label: `${FILE} of ${REPO}`, backoffMs: 1 };
  const ranges = () => server.requestsFor(FILE).map((r) => r.headers.range);

  it("joins a resumed download only with If-Range on the server's strong ETag; returns its SHA-256", async () => {
    server.fail(REPO, FILE, { dropAfterBytes: AT_40_PERCENT, times: 1 });
    const file = await download(url, fast);
    expect(firstDifference(file.bytes, BYTES)).toBe(-1);
    expect(file.sha256).toBe(sha256(BYTES));
    expect(file.statedSha256).toBe(sha256(BYTES));
    const [first, resumed] = server.requestsFor(FILE);
    expect(first.headers['if-range']).toBeUndefined();
    expect(resumed.headers.range).toMatch(/^bytes=\d+-$/);
    expect(resumed.headers['if-range']).toBe(`"${sha256(BYTES)}"`);
  });

  it('joins on a strong ETag that is no hash too (If-Range is what proves it is the same file)', async () => {
    server.setOptions({ etag: 'opaque' });
    server.fail(REPO, FILE, { dropAfterBytes: AT_40_PERCENT, times: 1 });
    const file = await download(url, fast);
    expect(firstDifference(file.bytes, BYTES)).toBe(-1);
    expect(file.statedSha256).toBeUndefined();
    expect(server.requestsFor(FILE)[1].headers['if-range']).toBe('"v1-300000"');
  });

  it.each(['none', 'weak'] as const)('starts again from zero without a strong validator (ETag: %s)', async (etag) => {
    server.setOptions({ etag });
    server.fail(REPO, FILE, { dropAfterBytes: AT_40_PERCENT, times: 1 });
    const file = await download(url, fast);
    expect(firstDifference(file.bytes, BYTES)).toBe(-1);
    expect(ranges()).toEqual([undefined, undefined]);
  });

  it('refuses a resumed download that a mirror spliced with another file, and fetches it again from zero', async () => {
    // Dropped at 40 %, then the Range retry answered with a 206 whose Content-Range is right but whose
    // bytes are another file's: the whole does not match the SHA-256 the ETag states.
    server.fail(REPO, FILE, { dropAfterBytes: AT_40_PERCENT, times: 1 });
    server.fail(REPO, FILE, { spliceFrom: OTHER, times: 1 });
    const file = await download(url, fast);
    expect(firstDifference(file.bytes, BYTES)).toBe(-1);
    expect(file.sha256).toBe(sha256(BYTES));
    const requests = server.requestsFor(FILE);
    expect(requests).toHaveLength(3);
    expect(requests[1].headers.range).toMatch(/^bytes=\d+-$/);
    expect(requests[2].headers.range).toBeUndefined();
  });

  it('gives up on a mirror that keeps splicing, saying the file does not match the SHA-256 it states', async () => {
    for (let i = 0; i < 2; i++) {
      server.fail(REPO, FILE, { dropAfterBytes: AT_40_PERCENT, times: 1 });
      server.fail(REPO, FILE, { spliceFrom: OTHER, times: 1 });
    }
    const failure = (await download(url, fast).catch((e: unknown) => e)) as DownloadError;
    expect(failure).toBeInstanceOf(DownloadError);
    expect(failure.kind).toBe('mismatch');
    expect(failure.message).toMatch(
      new RegExp(
        `^model\\.safetensors of timm/test-model: the file from ${escape(url)} has SHA-256 [0-9a-f]{64}, ` +
          `not ${sha256(BYTES)} as the server states` +
          ': it was altered or mixed with another file on the way \\(gave up after 4 attempts\\)$',
      ),
    );
  });

  it('refuses, without retrying, a whole file that does not match the SHA-256 its server states', async () => {
    const lying = new WeightsServer();
    await lying.start();
    try {
      lying.serve(REPO, FILE, { bytes: BYTES, etag: `"${sha256(OTHER)}"` });
      const lyingUrl = `${lying.baseUrl}/${REPO}/resolve/main/${FILE}`;
      const failure = (await download(lyingUrl, fast).catch((e: unknown) => e)) as DownloadError;
      expect(failure.kind).toBe('mismatch');
      expect(failure.message).toContain(`has SHA-256 ${sha256(BYTES)}, not ${sha256(OTHER)} as the server states`);
      expect(lying.requestsFor(FILE)).toHaveLength(1);
    } finally {
      await lying.stop();
    }
  });

  it('does not join a 206 whose ETag is not the validator it was asked with', async () => {
    const etags = ['"first"', '"second"'];
    const answers = [
      () => dropAfter(BYTES.subarray(0, 1000), { 'Content-Length': String(BYTES.byteLength), ETag: etags[0] }),
      (init: RequestInit | undefined) => {
        expect(new Headers(init?.headers).get('If-Range')).toBe(etags[0]);
        return new Response(OTHER.slice(1000), {
          status: 206,
          headers: {
            'Content-Range': `bytes 1000-${BYTES.byteLength - 1}/${BYTES.byteLength}`,
            ETag: etags[1],
          },
        });
      },
      (init: RequestInit | undefined) => {
        expect(new Headers(init?.headers).get('Range')).toBeNull();
        return whole(BYTES, { ETag: etags[1] });
      },
    ];
    const file = await download(url, { ...fast, fetch: stub(answers) });
    expect(firstDifference(file.bytes, BYTES)).toBe(-1);
    expect(answers).toHaveLength(0);
  });

  it('after a resumed request that got no answer (as when CORS refuses If-Range), starts again from zero', async () => {
    const answers = [
      () => dropAfter(BYTES.subarray(0, 1000), { 'Content-Length': String(BYTES.byteLength), ETag: '"v1"' }),
      (init: RequestInit | undefined) => {
        expect(new Headers(init?.headers).get('If-Range')).toBe('"v1"');
        throw new TypeError('Failed to fetch');
      },
      (init: RequestInit | undefined) => {
        expect(new Headers(init?.headers).get('Range')).toBeNull();
        return whole(BYTES, { ETag: '"v1"' });
      },
    ];
    const file = await download(url, { ...fast, fetch: stub(answers) });
    expect(firstDifference(file.bytes, BYTES)).toBe(-1);
    expect(answers).toHaveLength(0);
  });

  it("takes X-Linked-Etag as the stated SHA-256, not the ETag of a redirected response (a CDN's own)", async () => {
    const linkedTo = (bytes: Uint8Array) => stub([() => whole(BYTES, { 'X-Linked-Etag': `"${sha256(bytes)}"` })]);
    const linked = await download(url, { ...fast, fetch: linkedTo(BYTES) });
    expect(linked.statedSha256).toBe(sha256(BYTES));
    const refused = await download(url, { ...fast, fetch: linkedTo(OTHER) }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: 'mismatch' });

    const redirected = whole(BYTES, { ETag: `"${sha256(OTHER)}"` });
    Object.defineProperty(redirected, 'redirected', { value: true });
    const cdn = await download(url, { ...fast, fetch: stub([() => redirected]) });
    expect(cdn.statedSha256).toBeUndefined();
    expect(cdn.sha256).toBe(sha256(BYTES));
  });

  describe('where there is no Web Crypto (a page that is not a secure context)', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('says that weights cannot be verified, at once, without downloading or retrying', async () => {
      vi.stubGlobal('crypto', {});
      const failure = (await download(url, fast).catch((e: unknown) => e)) as Error;
      expect(failure).not.toBeInstanceOf(DownloadError);
      expect(failure.message).toBe(
        'SHA-256 is not available here: Web Crypto needs a secure context ' +
          '(https or localhost), so weights cannot be verified; open the app over https (or from localhost)',
      );
      expect(server.requestsFor(FILE)).toHaveLength(0);
    });
  });

  it('with a required SHA-256, refuses any other file, and takes that one whatever the server states', async () => {
    const required = (bytes: Uint8Array) => ({ ...fast, expectedSha256: sha256(bytes), requireExpected: true });
    const refused = (await download(url, required(OTHER)).catch((e: unknown) => e)) as DownloadError;
    expect(refused.kind).toBe('mismatch');
    expect(refused.message).toBe(
      `${FILE} of ${REPO}: the file from ${url} has SHA-256 ${sha256(BYTES)}, ` +
        `not the published ${sha256(OTHER)}: it is not the published file (it was replaced, or altered on the way)`,
    );
    expect(server.requestsFor(FILE)).toHaveLength(1);

    const statingOther = stub([() => whole(BYTES, { ETag: `"${sha256(OTHER)}"` })]);
    const published = await download(url, { ...required(BYTES), fetch: statingOther });
    expect(published.sha256).toBe(sha256(BYTES));
  });
});

function stub(answers: ((init: RequestInit | undefined) => Response)[]): typeof fetch {
  return (async (_url: RequestInfo | URL, init?: RequestInit) => answers.shift()!(init)) as typeof fetch;
}

function whole(bytes: Uint8Array, headers: Record<string, string>): Response {
  const length = String(bytes.byteLength);
  return new Response(bytes.slice(), { status: 200, headers: { 'Content-Length': length, ...headers } });
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

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.byteLength, b.byteLength);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.byteLength === b.byteLength ? -1 : n;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
