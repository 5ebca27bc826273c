import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { FILE, recipeWeights, V4_REPO, weightsCard } from '../src/testing/pages/classify-page.ts';
import { callHarness, openHarness } from '../src/testing/pages/harness-page.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';

/**
 * Weights proven to be the file the server states, in Chromium against the production build: a mirror
 * that drops the download at 40 % and answers the Range retry with another file's bytes (Content-Range
 * right) is caught by the SHA-256 its ETag states and the file fetched again from zero; the recipe
 * weights (standing in for the published file) load, marked "not the published checkpoint"; a cached
 * copy altered in Cache Storage is never used; a mirror that stalls is given up on, saying so.
 */
const server = new WeightsServer({ bytesPerSecond: 60_000_000 });
let size = 0;

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const v4 = await recipeWeights('inception-v4');
  await server.start();
  server.serve(V4_REPO, FILE, { path: v4 });
  // Another file of the same size: the same header and, from 40 % on, every float halved (finite, so
  // only the hash can tell).
  const spliced = new Uint8Array(readFileSync(v4));
  size = spliced.byteLength;
  const view = new DataView(spliced.buffer);
  const dataStart = 8 + Number(view.getBigUint64(0, true));
  for (let at = dataStart + Math.ceil((size * 0.4 - dataStart) / 4) * 4; at + 4 <= size; at += 4) {
    view.setFloat32(at, view.getFloat32(at, true) * 0.5, true);
  }
  const small = Uint8Array.from({ length: 400_000 }, (_, i) => (i === 0 ? 1 : i % 251));
  server.serve('t/good', FILE, { bytes: small });
  server.serve('t/stalls', FILE, { bytes: small });
  server.fail('t/stalls', FILE, { stallAfterBytes: 100_000 });
  server.fail(V4_REPO, FILE, { dropAfterBytes: Math.floor(size * 0.4), times: 1 });
  server.fail(V4_REPO, FILE, { spliceFrom: spliced, times: 1 });
});
test.afterAll(() => server.stop());

test('a mirror splicing the resumed download: refused, fetched again, marked not published', async ({ page }) => {
  await page.goto(`/classify?weights=${encodeURIComponent(server.baseUrl)}&backend=wasm`);
  const card = weightsCard(page, 'inception-v4');
  await expect(page.locator('.backend-active')).toHaveAttribute('data-backend', 'wasm');
  await card.getByRole('button', { name: /^Download/ }).click();
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });

  const requests = server.requestsFor(`${V4_REPO}/resolve/main/${FILE}`);
  expect(requests.map((r) => [r.headers.range, r.headers['if-range']])).toEqual([
    [undefined, undefined],
    [expect.stringMatching(/^bytes=\d+-$/), `"${server.sha256Of(V4_REPO, FILE)}"`],
    [undefined, undefined],
  ]);
  // The bytes used are the served file's, not the splice: their SHA-256 says so, and that they are not
  // the published checkpoint (these are the recipe weights, which make-weights marks as stand-ins).
  const mark = card.locator('.weights-checkpoint');
  await expect(mark).toHaveAttribute('data-sha256', server.sha256Of(V4_REPO, FILE));
  await expect(mark).toHaveAttribute('data-published', 'false');
  await expect(mark).toHaveAttribute('data-stand-in', 'true');
  await expect(mark).toContainText('Stand-in weights: the predictions mean nothing.');
  await expect(card.locator('.error')).toHaveCount(0);

  // The next visit reads the verified copy from the cache, with no request, and says the same.
  await page.reload();
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await expect(card.locator('.weights-status')).toContainText(`from this browser’s cache (mirror ${server.baseUrl})`);
  await expect(mark).toHaveAttribute('data-sha256', server.sha256Of(V4_REPO, FILE));
  expect(server.requestsFor(`${V4_REPO}/resolve/main/${FILE}`)).toHaveLength(3);
});

async function harness(page: Page) {
  await openHarness(page);
  await page.evaluate(async () => (await window.harness.load('weights-cache')).clear());
}

const call = (page: Page, fn: string, ...args: unknown[]) => callHarness<unknown>(page, 'weights-cache', fn, ...args);

test('a cached copy altered in Cache Storage is hashed, refused and removed before use', async ({ page }) => {
  await harness(page);
  const source = { kind: 'mirror', baseUrl: server.baseUrl };
  const first = await call(page, 'load', 't/good', { kind: 'download', baseUrl: server.baseUrl });
  expect(first).toMatchObject({ ok: true, sha256: server.sha256Of('t/good', FILE), published: false });
  await call(page, 'alterCache', 't/good');
  const altered = await call(page, 'load', 't/good', { kind: 'cache', provenance: source });
  expect(altered).toMatchObject({ ok: false, kind: 'WeightsError' });
  const stored = server.sha256Of('t/good', FILE);
  expect((altered as { error: string }).error).toMatch(
    new RegExp(
      `^the cached copy of model\\.safetensors of t/good has SHA-256 [0-9a-f]{64}, not the ${stored} it was stored with: ` +
        'it was damaged or altered \\(the cached copy was removed; download it again\\)$',
    ),
  );
  expect(await call(page, 'cachedSize', 't/good')).toBeNull();
});

test('a mirror that stalls: retried, resumed, then given up, saying so', async ({ page }) => {
  test.setTimeout(60_000);
  await harness(page);
  // A stall timeout of 0.5 s and one retry (the app's: 30 s and 3).
  const stalled = await call(page, 'load', 't/stalls', { kind: 'download', baseUrl: server.baseUrl }, undefined, 500);
  expect(stalled).toMatchObject({ ok: false, kind: 'stalled' });
  expect((stalled as { error: string }).error).toBe(
    'model.safetensors of t/stalls: the server stopped sending ' +
      `(nothing for 0.5 s, at 200.0 kB of 400.0 kB) from ${server.baseUrl}/t/stalls/resolve/main/${FILE}; ` +
      'it may be overloaded or stuck: try again later, or use another download source (gave up after 2 attempts)',
  );
  const requests = server.requestsFor(`t/stalls/resolve/main/${FILE}`);
  expect(requests.map((r) => r.headers['if-range'])).toEqual([undefined, `"${server.sha256Of('t/stalls', FILE)}"`]);
  expect(await call(page, 'cachedSize', 't/stalls')).toBeNull();
});
