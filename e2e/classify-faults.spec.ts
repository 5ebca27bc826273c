import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dropFiles, recipeWeights, shownTop, weightsCard } from '../src/testing/pages/classify-page.ts';
import {
  countInferenceWorkers,
  inferenceWorkerCensus,
  listedInferenceWorkers,
} from '../src/testing/pages/worker-census.ts';
import { rendererRss } from '../src/testing/renderer-memory.ts';

/**
 * Faults of the inference worker, injected into the production build: its script failing to load
 * (a route), an uncaught error in it and it closing itself mid-inference (evaluated in the worker's own
 * context through the DevTools protocol), it closing while looking inside and during a Grad-CAM, a backend
 * switch whose rebuild fails (the cache emptied under it), and a photo file deleted after it was added.
 * After each: a message, no hang, one live worker (started and not terminated by the page: see
 * worker-census.ts for why not the workers Playwright lists).
 */
const PHOTO = readFileSync('fixtures/preprocess/photo-420.jpg');
const photo = (name: string) => ({ name, mimeType: 'image/jpeg', buffer: PHOTO });
let v4Weights = '';

test.describe.configure({ mode: 'serial', timeout: 240_000 });
test.beforeAll(async () => {
  test.setTimeout(300_000);
  v4Weights = await recipeWeights('inception-v4');
});
test.beforeEach(({ page }) => countInferenceWorkers(page));

/** How many photos the page's library holds in IndexedDB (views/photos/library.ts). */
const keptPhotos = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open('inception-explorer-photos');
        request.onerror = () => resolve(-1);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('photos')) return (resolve(0), db.close());
          const count = db.transaction('photos').objectStore('photos').count();
          count.onsuccess = () => (resolve(count.result), db.close());
          count.onerror = () => (resolve(-1), db.close());
        };
      }),
  );

async function openWithV4(page: Page) {
  await page.goto('/classify?backend=wasm');
  const card = weightsCard(page, 'inception-v4');
  await card.getByLabel('Inception-v4: use a .safetensors file').setInputFiles(v4Weights);
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  return card;
}

test('the worker script fails to load: a few tries with backoff, then a message; no endless respawning', async ({
  page,
}) => {
  await page.route('**/assets/inference.worker-*.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/classify');
  await expect(page.locator('.messages')).toContainText(
    'The inference worker keeps stopping (its script could not be loaded; check the connection, or reload the page if the app was just updated). Reload the page to start it again.',
    { timeout: 30_000 },
  );
  await expect(page.locator('.backend-active')).toHaveText('none (the inference worker stopped)');
  await page.waitForTimeout(3_000);
  // The first worker and three restarts, then none: not one per render (760 in 10 s before).
  expect(await inferenceWorkerCensus(page)).toEqual({ started: 4, terminated: 4 });
  // The explorer still works.
  await page
    .getByRole('link', { name: /Inception Explorer/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('an uncaught error in the worker: it is ended, a new one loads the network again from the cache, results stay', async ({
  page,
  browser,
}) => {
  const card = await openWithV4(page);
  await dropFiles(page, [photo('before.jpg')]);
  const shown = await shownTop(page, 'before.jpg', 'inception-v4');
  const memoryBefore = await rendererRss(browser);

  const [old] = listedInferenceWorkers(page);
  const ended = old.waitForEvent('close');
  await old.evaluate(() => {
    setTimeout(() => {
      throw new Error('injected fault');
    }, 0);
  });
  await ended;
  await expect(page.locator('.messages')).toContainText(
    'The inference worker stopped (an error in the worker: Uncaught Error: injected fault) and was started again. The networks are being loaded again from this browser’s cache.',
  );
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(card.locator('.weights-status')).toContainText(
    'from this browser’s cache (the file inception-v4.recipe.safetensors)',
  );
  expect(await shownTop(page, 'before.jpg', 'inception-v4')).toEqual(shown);
  await dropFiles(page, [photo('after.jpg')]);
  expect(await shownTop(page, 'after.jpg', 'inception-v4')).toEqual(shown);

  // The old one ended (its close event came above), and no other was left alive.
  expect(await inferenceWorkerCensus(page)).toEqual({ started: 2, terminated: 1 });
  const memoryAfter = await rendererRss(browser);
  if (memoryBefore !== undefined && memoryAfter !== undefined) {
    console.log(
      `renderer RSS before the fault ${(memoryBefore / 1e6).toFixed(0)} MB, after recovery ${(memoryAfter / 1e6).toFixed(0)} MB`,
    );
    // A worker left alive holds its network (≈ 0.5 GB here): the renderer must not have grown by one.
    expect(memoryAfter - memoryBefore, `renderer RSS ${memoryBefore} → ${memoryAfter} bytes`).toBeLessThan(300_000_000);
  }
});

test('the worker closes itself mid-inference: the photo says so, the others are classified, nothing hangs', async ({
  page,
}) => {
  await openWithV4(page);
  const names = ['one.jpg', 'two.jpg', 'three.jpg', 'four.jpg', 'five.jpg', 'six.jpg', 'seven.jpg', 'eight.jpg'];
  await dropFiles(page, names.map(photo));
  // The page sends the worker several photos at once (4 in flight): close it while the first is inferred.
  // The oldest photo in flight says so; the others are sent again to the new worker. Eight photos, so that
  // some are still in flight should a whole batch of 4 finish between the check below and the close.
  await expect(page.locator('.result-card[aria-busy="true"]').first()).toBeVisible({ timeout: 60_000 });
  // The last 2 photos are sent once kept in this browser's library (classified with their slots), the
  // others at once: wait for a kept photo, so that the worker is closed with photos in it.
  await expect.poll(() => keptPhotos(page), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(page.locator('.result-card.status-done')).toHaveCount(0);
  const [old] = listedInferenceWorkers(page);
  await old.evaluate(() => self.close());

  const cards = page.locator('.result-card');
  await expect
    .poll(
      async () =>
        (await cards.evaluateAll((all) => all.map((c) => c.className))).filter((c) => /status-(done|error)/.test(c))
          .length,
      { timeout: 120_000 },
    )
    .toBe(8);
  const errors = page.locator('.result-card.status-error .error');
  await expect(errors).toHaveCount(1);
  await expect(errors).toHaveText(
    'The inference worker stopped (it closed or was ended by the browser without an error); it is being started again',
  );
  await expect(page.locator('.result-card.status-done')).toHaveCount(7);
  await expect(page.locator('.backend-active')).toHaveAttribute('data-session', 'ready');
  await expect(page.locator('.backend-active')).toHaveAttribute('data-backend', 'wasm');
  // The page terminated the worker that closed itself, and started one other.
  expect(await inferenceWorkerCensus(page)).toEqual({ started: 2, terminated: 1 });
});

test('the worker stops while looking inside and during a Grad-CAM: each is asked again once it is back, nothing stays stuck', async ({
  page,
}) => {
  await openWithV4(page);
  await dropFiles(page, [photo('inside.jpg')]);
  await shownTop(page, 'inside.jpg', 'inception-v4');
  // Two other photos classified after it: the worker keeps the runs of the last two photos it classified
  // (a look inside right after classifying reuses them), so this one's look inside runs the network again.
  const other = (name: string) => ({
    name,
    mimeType: 'image/jpeg',
    buffer: readFileSync(`fixtures/preprocess/${name}`),
  });
  await dropFiles(page, [other('photo-444.jpg'), other('orientation-6.jpg')]);
  await shownTop(page, 'photo-444.jpg', 'inception-v4');
  await shownTop(page, 'orientation-6.jpg', 'inception-v4');
  const result = page.locator('.result-card[data-photo="inside.jpg"] .network-result[data-network="inception-v4"]');
  await result.getByRole('link', { name: 'Look inside Inception-v4' }).click();
  await expect(page).toHaveURL(/\/inception-v4\/released\?photo=[0-9a-z]+$/);
  const slot = new URL(page.url()).searchParams.get('photo')!;
  const panel = page.locator('.inside-panel');

  // Killed while the run is in flight (before: "…it is being started again" for ever, 0 thumbnails).
  await expect(panel).toHaveAttribute('data-run', 'loading', { timeout: 60_000 });
  const [first] = listedInferenceWorkers(page);
  await first.evaluate(() => self.close());
  await expect(panel.locator('.inside-top .top-predictions li')).toHaveCount(5, { timeout: 120_000 });
  await expect(panel).toHaveAttribute('data-run', 'done');
  const thumbnails = page.locator('.ie-diagram [data-address] .ie-thumbnail image');
  await expect(thumbnails).toHaveCount(await page.locator('.ie-diagram .ie-thumbnail').count(), { timeout: 60_000 });
  expect(await thumbnails.count()).toBeGreaterThanOrEqual(7); // the seven stages of Inception-v4
  await expect(panel.locator('[role="alert"]')).toHaveCount(0);
  expect(await inferenceWorkerCensus(page)).toEqual({ started: 2, terminated: 1 });

  // Killed during a Grad-CAM (before: its error stayed, with no way to ask again).
  await page.goto(`/inception-v4/released/inception-a?photo=${slot}`);
  await page
    .getByRole('button', { name: /^1×1 conv, 96/ })
    .first()
    .click();
  await panel.getByRole('button', { name: 'Grad-CAM of the top-5 at this layer' }).click();
  await expect(panel.getByText(/^Computing gradients/)).toBeVisible({ timeout: 60_000 });
  // A new page (the census too): its one worker.
  expect(await inferenceWorkerCensus(page)).toEqual({ started: 1, terminated: 0 });
  // The newest listed: the last page's may still be listed while Chromium tears their threads down.
  const second = listedInferenceWorkers(page).at(-1)!;
  await second.evaluate(() => self.close());
  await expect(panel.locator('.grad-cam .class-map')).toBeVisible({ timeout: 180_000 });
  await expect(panel.locator('[role="alert"]')).toHaveCount(0);
  expect(await inferenceWorkerCensus(page)).toEqual({ started: 2, terminated: 1 });
});

test('a backend switch whose rebuild fails keeps the network where it was, and both panels agree', async ({ page }) => {
  const card = await openWithV4(page);
  // The rebuild reads the weights from the cache: empty it under the running app.
  await page.evaluate(async () => {
    for (const name of await caches.keys()) await caches.delete(name);
  });
  await page.getByLabel('Choose a backend').selectOption('cpu');
  await expect(page.locator('.backend-panel .error')).toContainText(
    "Inception-v4 could not be moved to CPU (JavaScript): model.safetensors of timm/inception_v4.tf_in1k is not in this browser's cache; the networks stay on WebAssembly",
    { timeout: 60_000 },
  );
  await expect(page.locator('.backend-active')).toHaveAttribute('data-backend', 'wasm');
  await expect(card.locator('.weights-status')).toContainText('Ready on WebAssembly');
  await dropFiles(page, [photo('after-failed-switch.jpg')]);
  expect(await shownTop(page, 'after-failed-switch.jpg', 'inception-v4')).toHaveLength(5);
  await expect(page.locator('.result-card[data-photo="after-failed-switch.jpg"] .timings')).toContainText(
    'on WebAssembly',
  );
});

test('a photo file deleted after it was added gets a message, and the queue goes on', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'faults-'));
  try {
    const [gone, kept] = [join(dir, 'gone.jpg'), join(dir, 'kept.jpg')];
    copyFileSync('fixtures/preprocess/photo-420.jpg', gone);
    copyFileSync('fixtures/preprocess/photo-420.jpg', kept);
    await page.goto('/classify?backend=wasm');
    await page.getByLabel('Choose photos to classify').setInputFiles([gone, kept]);
    await expect(page.locator('.result-card.status-waiting')).toHaveCount(2);
    unlinkSync(gone);
    const card = weightsCard(page, 'inception-v4');
    await card.getByLabel('Inception-v4: use a .safetensors file').setInputFiles(v4Weights);
    await expect(page.locator('.result-card[data-photo="gone.jpg"] .error')).toContainText(
      'gone.jpg: the file can no longer be read: it was moved, renamed or deleted after it was added; add it again',
      { timeout: 120_000 },
    );
    expect(await shownTop(page, 'kept.jpg', 'inception-v4')).toHaveLength(5);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
