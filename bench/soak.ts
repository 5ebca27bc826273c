/**
 * A soak of the classify page (print, don't assert): Inception-v4 on WebAssembly in headless Chromium
 * against the production build, photos dropped in batches of 20 through the real UI, twice:
 *   1. each batch's results removed once shown — the worker's tensors must stay constant and memory flat;
 *   2. every result kept — only the newest 24 keep their crops, so memory must stay bounded.
 * After each batch it prints the worker's live tensors (TensorFlow.js's engine, read in the worker
 * through the DevTools protocol), the worker's V8 heap + ArrayBuffers, the page's V8 heap, and the
 * renderer processes' resident memory (Linux /proc; it includes WebAssembly memory).
 *
 * Usage: npm run bench:soak [-- --photos 200]
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { dropFiles } from '../src/testing/pages/classify-page.ts';
import { recipeWeights } from '../src/testing/recipe-weights.ts';
import { rendererRss } from '../src/testing/renderer-memory.ts';
import { WorkerMemory } from './inference-worker-memory.ts';
import { withProductionBrowser } from './support/production-browser.ts';

const { values: args } = parseArgs({ options: { photos: { type: 'string', default: '200' } } });
const total = Math.max(20, Number(args.photos));
const BATCH = 20;
const FIXTURES = [
  'photo-420.jpg',
  'photo-444.jpg',
  'landscape-640x427.png',
  'large-1600x1200.png',
  'portrait-375x500.png',
  'photo-lossy.webp',
];
const photos = FIXTURES.map((name) => ({ name, buffer: readFileSync(`fixtures/preprocess/${name}`) }));
const mime = (name: string) =>
  name.endsWith('.png') ? 'image/png' : name.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${(bytes / 1e6).toFixed(0)} MB`);

interface Sample {
  photos: number;
  tensors: number;
  workerBytes: number;
  pageBytes: number;
  rendererBytes: number | undefined;
}

async function sample(browser: Browser, page: Page, worker: WorkerMemory, done: number): Promise<Sample> {
  const inference = page.workers().find((w) => w.url().includes('inference.worker'));
  // tfjs-core keeps its engine on the global object: its memory() counts the live tensors.
  const tensors = await inference!.evaluate(
    () => (globalThis as unknown as { _tfengine: { memory(): { numTensors: number } } })._tfengine.memory().numTensors,
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return {
    photos: done,
    tensors,
    workerBytes: await worker.sample(),
    pageBytes: heap.usedSize,
    rendererBytes: await rendererRss(browser),
  };
}

function print(label: string, s: Sample): void {
  console.log(
    `  ${label} ${String(s.photos).padStart(4)} photos: ${String(s.tensors).padStart(4)} tensors, worker ${mb(s.workerBytes)}, ` +
      `page heap ${mb(s.pageBytes)}, renderer RSS ${mb(s.rendererBytes)}`,
  );
}

async function batch(page: Page, from: number): Promise<string[]> {
  const names = Array.from({ length: BATCH }, (_, i) => `soak-${from + i}-${photos[(from + i) % photos.length].name}`);
  await dropFiles(
    page,
    names.map((name, i) => ({ name, mimeType: mime(name), buffer: photos[(from + i) % photos.length].buffer })),
  );
  await page.waitForFunction(
    (expected) => document.querySelectorAll('.result-card.status-done, .result-card.status-error').length >= expected,
    await page.locator('.result-card').count(),
    { timeout: 600_000, polling: 500 },
  );
  return names;
}

async function soak(browser: Browser, base: string, keep: boolean): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/classify?backend=wasm`);
  const file = await recipeWeights('inception-v4');
  await page.getByLabel('Inception-v4: use a .safetensors file').setInputFiles(file);
  await page
    .locator('.weights-card[data-network="inception-v4"] .weights-status[data-status="ready"]')
    .waitFor({ timeout: 300_000 });
  const worker = await WorkerMemory.attach(browser, page, 'inference');
  const label = keep ? 'kept   ' : 'removed';
  const samples: Sample[] = [];
  for (let done = 0; done < total; done += BATCH) {
    await batch(page, done);
    const errors = await page.locator('.result-card.status-error').count();
    if (errors > 0)
      console.log(
        `  ${errors} photos failed: ${await page.locator('.result-card.status-error .error').first().textContent()}`,
      );
    if (!keep) {
      for (let left = await page.locator('.result-card').count(); left > 0; left--)
        await page.locator('.result-card button', { hasText: 'Remove' }).first().click();
    }
    samples.push(await sample(browser, page, worker, done + BATCH));
    print(label, samples.at(-1)!);
  }
  const [first, last] = [samples[0], samples.at(-1)!];
  const span = last.photos - first.photos;
  if (span > 0 && first.rendererBytes !== undefined && last.rendererBytes !== undefined) {
    console.log(
      `  ${label} from ${first.photos} to ${last.photos} photos: tensors ${first.tensors} → ${last.tensors}; ` +
        `renderer ${((last.rendererBytes - first.rendererBytes) / span / 1e3).toFixed(0)} kB per photo, ` +
        `page heap ${((last.pageBytes - first.pageBytes) / span / 1e3).toFixed(1)} kB per photo, ` +
        `worker ${((last.workerBytes - first.workerBytes) / span / 1e3).toFixed(1)} kB per photo`,
    );
  }
  await worker.detach();
  await context.close();
}

await withProductionBrowser('soak', async ({ browser, base }) => {
  console.log(
    `Chromium ${browser.version()}, Inception-v4 on WebAssembly, ${total} photos in batches of ${BATCH}; ` +
      `recipe weights ${mb(statSync(await recipeWeights('inception-v4')).size)}`,
  );
  await soak(browser, base, false);
  await soak(browser, base, true);
});
