import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';
import { cspHeader } from '../scripts/csp.ts';
import { dropFiles, FILE, recipeWeights, shownTop, V4_REPO, weightsCard } from '../src/testing/pages/classify-page.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';

/**
 * The service worker (src/offline/service-worker.ts) against the production build: after one visit the
 * explorer and, with the weights cached by that visit, classification (of a sample photo too) work with
 * the network gone; on a
 * host that sends no COOP/COEP, the worker's headers make the page cross-origin isolated after one reload
 * and WebAssembly runs on its threads, and the page and its workers get the CSP, nosniff and
 * frame-ancestors from the worker too. Service workers are blocked in the other specs (playwright.config.ts).
 */
test.use({ serviceWorkers: 'allow' });
test.describe.configure({ mode: 'serial', timeout: 300_000 });

const PHOTO = {
  name: 'photo-444.jpg',
  mimeType: 'image/jpeg',
  buffer: readFileSync('fixtures/preprocess/photo-444.jpg'),
};
const weights = new WeightsServer({ bytesPerSecond: 200_000_000 });
let plain: PreviewServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await weights.start();
  weights.serve(V4_REPO, FILE, { path: await recipeWeights('inception-v4') });
  // The same build served with no COOP/COEP, as GitHub Pages would (no config file: no headers).
  plain = await preview({
    configFile: false,
    logLevel: 'warn',
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    build: { outDir: process.env.E2E_DIST ?? 'dist' },
  });
});
test.afterAll(async () => {
  await weights.stop();
  await plain?.close();
});

/** Until the page is controlled by an active service worker that has precached the app. */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
  });
}

test('after one visit, the explorer and classification with cached weights work offline', async ({ page, context }) => {
  const classify = `/classify?weights=${encodeURIComponent(weights.baseUrl)}&backend=wasm`;
  await page.goto(classify);
  await controlled(page);
  const card = weightsCard(page, 'inception-v4');
  await card.getByRole('button', { name: /^Download/ }).click();
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  // The weights are in the app's own cache entry, not the service worker's precache.
  const precached = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls: string[] = [];
    for (const name of names.filter((n) => n.startsWith('workbox-precache'))) {
      urls.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
    }
    return { names, urls };
  });
  expect(precached.urls.length).toBeGreaterThan(20);
  // No weights file is precached (a code chunk may be named after the format, e.g. safetensors-writer-….js).
  expect(precached.urls.filter((u) => new URL(u).pathname.endsWith('.safetensors'))).toEqual([]);
  // The sample photos and their licences are precached with the app.
  expect(
    precached.urls
      .map((u) => new URL(u).pathname)
      .filter((p) => p.startsWith('/samples/'))
      .sort(),
  ).toEqual([
    '/samples/LICENSE.txt',
    '/samples/astronaut.jpg',
    '/samples/chelsea.jpg',
    '/samples/coffee.jpg',
    '/samples/rocket.jpg',
  ]);

  await context.setOffline(true);
  // Explore: a deep link reloaded with no network at all, then a block opened.
  await page.goto('/inception-v4/paper');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inception-v4 (paper)');
  await page.goto('/inception-v4/paper/inception-a');
  await expect(page.locator('.ie-diagram [data-address]').first()).toBeVisible();

  // Classify: the weights come from this browser's cache, the photo is classified.
  await page.goto(classify);
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  await expect(card.locator('.weights-status')).toContainText('this browser’s cache');
  await dropFiles(page, [PHOTO]);
  expect(await shownTop(page, PHOTO.name, 'inception-v4')).toHaveLength(5);
  // A sample photo, one click, with no network.
  await page.getByRole('button', { name: 'Use the sample photo: a rocket launch' }).click();
  expect(await shownTop(page, 'rocket.jpg', 'inception-v4')).toHaveLength(5);
  await context.setOffline(false);
});

test('on a host without COOP/COEP, the service worker makes the page cross-origin isolated: WASM gets its threads', async ({
  page,
}) => {
  const base = plain!.resolvedUrls!.local[0]!.replace(/\/$/, '');
  const response = await page.goto(`${base}/classify?backend=wasm`);
  expect(response?.headers()['cross-origin-embedder-policy']).toBeUndefined();
  // The worker takes control and the page reloads itself once; from then on its responses carry the headers.
  await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 60_000 }).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const threads = Math.max(1, Math.min(8, cores));
  await expect(page.locator('.backend-active')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(page.locator('.backend-panel')).toContainText(threads === 1 ? 'single thread' : `${threads} threads`);
});

test('on a host without headers, the service worker adds the CSP, nosniff and frame-ancestors: the page cannot be framed', async ({
  page,
}) => {
  const base = plain!.resolvedUrls!.local[0]!.replace(/\/$/, '');
  await page.goto(`${base}/`);
  await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 60_000 }).toBe(true);
  // A navigation and a script (as the inference worker's is fetched) answered through the worker.
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  expect(reloaded?.headers()['content-security-policy']).toBe(cspHeader());
  const script = await page.evaluate(async () => {
    const src = document.querySelector<HTMLScriptElement>('script[type="module"][src]')!.src;
    return Object.fromEntries((await fetch(src)).headers);
  });
  expect(script['content-security-policy']).toBe(cspHeader());
  expect(script['x-content-type-options']).toBe('nosniff');
  // frame-ancestors 'none': the app framed by a page of its own origin shows the browser's error page.
  const framed = await page.evaluate(
    (src) =>
      new Promise<boolean>((resolve) => {
        const frame = document.createElement('iframe');
        frame.src = src;
        frame.onload = () => resolve(frame.contentDocument?.querySelector('#root') != null);
        document.body.append(frame);
      }),
    `${base}/`,
  );
  expect(framed).toBe(false);
});
