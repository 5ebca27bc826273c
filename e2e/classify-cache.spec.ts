import { expect, test, type Page } from '@playwright/test';
import { WeightsServer } from '../src/testing/weights-server.ts';
import { callHarness, openHarness } from '../src/testing/pages/harness-page.ts';

// The weights loader against Chromium's real Cache Storage: only validated files are kept; a later load
// comes from the cache without any request; failures, cancellations and invalid files leave nothing.
const server = new WeightsServer({ bytesPerSecond: 2_000_000 });
const GOOD = Uint8Array.from({ length: 400_000 }, (_, i) => (i === 0 ? 1 : i % 251));
const BAD = new Uint8Array(1000);

test.beforeAll(async () => {
  await server.start();
  server.serve('t/good', 'model.safetensors', { bytes: GOOD });
  server.serve('t/bad', 'model.safetensors', { bytes: BAD });
  server.serve('t/fails', 'model.safetensors', { bytes: GOOD });
  server.fail('t/fails', 'model.safetensors', { status: 500 });
});
test.afterAll(() => server.stop());

async function harness(page: Page) {
  await openHarness(page);
  await page.evaluate(async () => (await window.harness.load('weights-cache')).clear());
}

const call = (page: Page, fn: string, ...args: unknown[]) => callHarness<unknown>(page, 'weights-cache', fn, ...args);

test('a validated download is cached, and the next load reads the cache without a request', async ({ page }) => {
  await harness(page);
  const base = server.baseUrl;
  const first = await call(page, 'load', 't/good', { kind: 'auto', baseUrl: base });
  expect(first).toMatchObject({
    ok: true,
    origin: `${base}/t/good/resolve/main/model.safetensors`,
    bytes: 400_000,
    cachedBytes: 400_000,
    provenance: { kind: 'mirror', baseUrl: base },
  });
  expect(await call(page, 'cachedSize', 't/good')).toBe(400_000);
  const requestsBefore = server.requests.length;

  await page.reload();
  const second = await call(page, 'load', 't/good', { kind: 'auto', baseUrl: base });
  expect(second).toMatchObject({ ok: true, origin: 'cache', bytes: 400_000 });
  expect(server.requests.length).toBe(requestsBefore);
});

test('an invalid file, a server error and a cancelled download leave nothing in the cache', async ({ page }) => {
  await harness(page);
  const base = server.baseUrl;
  const bad = await call(page, 'load', 't/bad', { kind: 'download', baseUrl: base });
  expect(bad).toMatchObject({ ok: false, error: 'model.safetensors of t/bad: invalid test weights' });
  expect(await call(page, 'cachedSize', 't/bad')).toBeNull();

  const failed = await call(page, 'load', 't/fails', { kind: 'download', baseUrl: base });
  expect(failed).toMatchObject({ ok: false, kind: 'http' });
  expect((failed as { error: string }).error).toMatch(/model\.safetensors of t\/fails: the server answered 500/);
  expect(await call(page, 'cachedSize', 't/fails')).toBeNull();

  const cancelled = await call(page, 'load', 't/good', { kind: 'download', baseUrl: base }, 100_000);
  expect(cancelled).toMatchObject({ ok: false, kind: 'cancelled' });
  expect(await call(page, 'cachedSize', 't/good')).toBeNull();

  // Cancelled while the validated file is being stored: nothing stays behind either.
  const cancelledStoring = await call(page, 'load', 't/good', { kind: 'download', baseUrl: base }, 'store');
  expect(cancelledStoring).toMatchObject({ ok: false, kind: 'cancelled' });
  expect(await call(page, 'cachedSize', 't/good')).toBeNull();
});

test('a picked file is validated and cached; a damaged cache entry is removed with a message', async ({ page }) => {
  await harness(page);
  const picked = await call(page, 'loadFile', 't/good', [1, 2, 3], 'mine.safetensors');
  expect(picked).toMatchObject({ ok: true, origin: 'file:mine.safetensors', cachedBytes: 3 });
  const rejected = await call(page, 'loadFile', 't/other', [0, 2, 3], 'wrong.safetensors');
  expect(rejected).toMatchObject({ ok: false, error: 'wrong.safetensors: invalid test weights' });

  await call(page, 'corruptCache', 't/good');
  expect(await call(page, 'cachedProvenance', 't/good')).toEqual({ kind: 'file', name: 'mine.safetensors' });
  const damaged = await call(page, 'load', 't/good', {
    kind: 'cache',
    provenance: { kind: 'file', name: 'mine.safetensors' },
  });
  expect(damaged).toMatchObject({ ok: false });
  expect((damaged as { error: string }).error).toMatch(
    /the cached copy of model\.safetensors of t\/good: invalid test weights \(the cached copy was removed/,
  );
  expect(await call(page, 'cachedSize', 't/good')).toBeNull();

  // With "auto", a damaged copy is replaced by a fresh download.
  await call(page, 'corruptCache', 't/good', { kind: 'mirror', baseUrl: server.baseUrl });
  const replaced = await call(page, 'load', 't/good', { kind: 'auto', baseUrl: server.baseUrl });
  expect(replaced).toMatchObject({
    ok: true,
    origin: `${server.baseUrl}/t/good/resolve/main/model.safetensors`,
    cachedBytes: 400_000,
  });
});
