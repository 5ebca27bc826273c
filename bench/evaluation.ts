/**
 * Prints the evaluate page's figures (print, don't assert), in headless Chromium against the production
 * build, on WebAssembly with the Inception-v4 recipe weights:
 * - the single-photo warm rate: photos per second of the classify path (decode + preprocess + inference,
 *   median of ≥ 5 warm runs), and of its inference alone;
 * - evaluation throughput at 1 crop over a labelled folder of synthetic 500×375 JPEGs (target ≥ 0.95× the
 *   single-photo warm rate: the next image decodes while the current one runs);
 * - memory while evaluating (target: flat over 500 images): the inference worker's V8 heap + ArrayBuffers
 *   and the page's, sampled through the DevTools protocol every 10 % of the run.
 *
 * Usage: npm run bench:evaluation [-- --images 500 --runs 5]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import sharp from 'sharp';
import { recipeWeights } from '../src/testing/recipe-weights.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';
import type { ClassifyTimings } from '../src/testing/harness/modules/inference.ts';
import { wnidOfClass } from '../src/runtime/evaluation/synsets.ts';
import { callHarness, openHarness } from '../src/testing/pages/harness-page.ts';
import { WorkerMemory } from './inference-worker-memory.ts';
import { withProductionBrowser } from './support/production-browser.ts';

const REPO = 'timm/inception_v4.tf_in1k';
const { values: args } = parseArgs({
  options: { images: { type: 'string', default: '500' }, runs: { type: 'string', default: '5' } },
});
const imageCount = Math.max(10, Number(args.images));
const runs = Math.max(5, Number(args.runs));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** A folder of `count` distinct synthetic photos (smooth colours, a few shapes, JPEG q90), 10 classes. */
async function syntheticSet(count: number): Promise<{ dir: string; sample: Buffer }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'bench-evaluation-')), 'val');
  const width = 500;
  const height = 375;
  let sample: Buffer | undefined;
  for (let i = 0; i < count; i++) {
    const pixels = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const o = (y * width + x) * 3;
        pixels[o] = (x * ((i % 7) + 1) + y) & 255;
        pixels[o + 1] = (128 + 127 * Math.sin((x + i * 13) / 37 + y / 53)) | 0;
        pixels[o + 2] = ((x - y) * ((i % 5) + 1) + i * 31) & 255;
      }
    }
    const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const folder = join(dir, wnidOfClass((i % 10) * 100));
    mkdirSync(folder, { recursive: true });
    await sharp(jpeg).toFile(join(folder, `ILSVRC2012_val_${String(i + 1).padStart(8, '0')}.JPEG`));
    sample ??= jpeg;
  }
  return { dir, sample: sample! };
}

/** Whole-photo and inference-only warm times of the classify path (a fresh worker, weights from the cache). */
async function singlePhoto(
  page: Page,
  base: string,
  photo: Buffer,
  weightsBase: string,
): Promise<{ wholeMs: number; inferenceMs: number }> {
  await openHarness(page, base);
  const call = <T>(fn: string, ...params: unknown[]) => callHarness<T>(page, 'inference', fn, ...params);
  await call('start', 'wasm');
  await call('load', 'inception-v4', 'download', weightsBase);
  const base64 = photo.toString('base64');
  await call('classify', base64, 'photo.jpg', ['inception-v4']);
  const whole: number[] = [];
  const inference: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await call<ClassifyTimings>('classify', base64, 'photo.jpg', ['inception-v4']);
    whole.push(t.decodeMs + t.results[0].preprocessMs + t.results[0].inferenceMs);
    inference.push(t.results[0].inferenceMs);
  }
  await call('stop');
  return { wholeMs: median(whole), inferenceMs: median(inference) };
}

async function pageHeap(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    return usage.usedSize + (usage.backingStorageSize ?? 0);
  } finally {
    await session.detach();
  }
}

async function evaluation(browser: Browser, page: Page, base: string, dir: string, weightsBase: string) {
  await page.goto(`${base}/evaluate?weights=${encodeURIComponent(weightsBase)}&backend=wasm`);
  const status = page.locator('.weights-card[data-network="inception-v4"] .weights-status');
  await page.locator('.backend-active[data-backend="wasm"]').waitFor();
  await page.waitForTimeout(500);
  if ((await status.getAttribute('data-status')) !== 'ready')
    await page
      .locator('.weights-card[data-network="inception-v4"]')
      .getByRole('button', { name: /^Download/ })
      .click()
      .catch(() => undefined);
  await page
    .locator('.weights-card[data-network="inception-v4"] .weights-status[data-status="ready"]')
    .waitFor({ timeout: 300_000 });
  await page.getByLabel('Choose a folder of labelled images').setInputFiles(dir);
  await page.locator('.dataset-summary').waitFor();
  const memory = await WorkerMemory.attach(browser, page, 'inference');
  const figures = page.locator('.run-progress .figures');
  await page.getByRole('button', { name: 'Start' }).click();
  await figures.waitFor();
  const samples: { done: number; t: number; worker: number; page: number }[] = [];
  let next = 1;
  for (;;) {
    const done = Number(await figures.getAttribute('data-done'));
    if (done >= next) {
      samples.push({ done, t: performance.now(), worker: await memory.sample(), page: await pageHeap(page) });
      next = done + Math.max(1, Math.round(imageCount / 10));
    }
    if ((await page.locator('.run-panel').getAttribute('data-status')) !== 'running') break;
    await page.waitForTimeout(50);
  }
  const end = {
    done: Number(await figures.getAttribute('data-done')),
    t: performance.now(),
    worker: await memory.sample(),
    page: await pageHeap(page),
  };
  samples.push(end);
  await memory.detach();
  return samples;
}

const weights = new WeightsServer();
try {
  const v4 = await recipeWeights('inception-v4');
  await weights.start();
  weights.serve(REPO, 'model.safetensors', { path: v4 });
  console.log(`making ${imageCount} synthetic 500×375 JPEGs…`);
  const { dir, sample } = await syntheticSet(imageCount);
  try {
    await withProductionBrowser('evaluation', async ({ browser, base }) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const single = await singlePhoto(page, base, sample, weights.baseUrl);
      const samples = await evaluation(browser, page, base, dir, weights.baseUrl);
      // Throughput from the first image recorded to the last: the first one's start-up is not the pipeline's.
      const first = samples[0];
      const last = samples.at(-1)!;
      const rate = (last.done - first.done) / ((last.t - first.t) / 1000);
      const wholeRate = 1000 / single.wholeMs;
      const inferenceRate = 1000 / single.inferenceMs;
      console.log(`Chromium ${browser.version()}, headless, WebAssembly, Inception-v4 (recipe weights), 1 crop`);
      console.log(
        `single photo, warm (median of ${runs}): ${(single.wholeMs / 1000).toFixed(2)} s decode + preprocess + inference = ${wholeRate.toFixed(2)} photos/s; inference alone ${(single.inferenceMs / 1000).toFixed(2)} s = ${inferenceRate.toFixed(2)} photos/s`,
      );
      console.log(
        `evaluation: ${last.done} images, ${rate.toFixed(2)} images/s (images ${first.done}–${last.done}) = ${(rate / wholeRate).toFixed(2)}× the single-photo warm rate ` +
          `(target ≥ 0.95×), ${(rate / inferenceRate).toFixed(2)}× the inference-only rate`,
      );
      console.log('memory while evaluating (images done: inference worker heap + ArrayBuffers / page heap):');
      for (const s of samples)
        console.log(`  ${String(s.done).padStart(5)}: worker ${mb(s.worker)}, page ${mb(s.page)}`);
      // Heaps saw-tooth with garbage collection: compare the peaks of the two halves of the run.
      const half = last.done / 2;
      const peak = (key: 'worker' | 'page', from: number, to: number) =>
        Math.max(...samples.filter((x) => x.done > from && x.done <= to).map((x) => x[key]));
      for (const key of ['worker', 'page'] as const) {
        console.log(
          `${key} peak: ${mb(peak(key, 0, half))} in the first half, ${mb(peak(key, half, Infinity))} in the second (target: flat)`,
        );
      }
      await context.close();
    });
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
} finally {
  await weights.stop();
}
