import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Request } from '@playwright/test';
import {
  dropFiles,
  FILE,
  IRV2_REPO,
  recipeWeights,
  shownTop,
  V4_REPO,
  weightsCard,
} from '../src/testing/pages/classify-page.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';

/**
 * Classifying in Chromium against the production build, with Inception-v4 recipe weights served by a
 * local stand-in for Hugging Face through the app's real download path. Full networks run on WASM
 * (WebGPU here is SwiftShader, ~100× slower): the page is opened with ?backend=wasm.
 */
const PHOTO = {
  name: 'photo-444.jpg',
  mimeType: 'image/jpeg',
  buffer: readFileSync('fixtures/preprocess/photo-444.jpg'),
};
// 171 MB at 40 MB/s: about four seconds of download, long enough to watch the bar move.
const server = new WeightsServer({ bytesPerSecond: 40_000_000 });
let v4Weights = '';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  v4Weights = await recipeWeights('inception-v4');
  await server.start();
  server.serve(V4_REPO, FILE, { path: v4Weights });
  server.serve(IRV2_REPO, FILE, { bytes: new Uint8Array(100) });
  server.fail(IRV2_REPO, FILE, { status: 500 });
});
test.afterAll(() => server.stop());

const classifyUrl = () => `/classify?weights=${encodeURIComponent(server.baseUrl)}&backend=wasm`;

/** Top-5 of the CLI on the same photo and weights. */
async function cliTop(photoPath: string): Promise<{ classIndex: number; probability: number }[]> {
  const { stdout } = await promisify(execFile)(
    'npx',
    ['inception-explorer', 'classify', photoPath, '--model', 'inception-v4', '--weights', v4Weights, '--json'],
    { maxBuffer: 1 << 24 },
  );
  const output = JSON.parse(stdout) as { results: { top: { index: number; probability: number }[] }[] };
  return output.results[0].top.slice(0, 5).map((t) => ({ classIndex: t.index, probability: t.probability }));
}

test('downloads with visible progress, classifies a dropped photo like the CLI, without sending the photo', async ({
  page,
}) => {
  await page.goto(classifyUrl());
  const card = weightsCard(page, 'inception-v4');
  await expect(page.locator('.backend-active')).toHaveAttribute('data-backend', 'wasm');
  // The recorder sees the worker's requests too (the weights are fetched in the worker).
  const seenUrls: string[] = [];
  page.context().on('request', (request) => seenUrls.push(request.url()));
  await card.getByRole('button', { name: /^Download/ }).click();

  // The bar moves: several distinct values strictly between 0 and the file size.
  const bar = card.locator('progress');
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const value = await bar
          .evaluate((p: HTMLProgressElement) => (p.max > 1 ? p.value / p.max : -1))
          .catch(() => -1);
        if (value > 0 && value < 1) seen.add(value);
        return seen.size;
      },
      { timeout: 60_000, intervals: [100] },
    )
    .toBeGreaterThanOrEqual(3);
  await expect(card.locator('.weights-status')).toContainText(
    /MB of 171\.0 MB \(\d+ %\), [\d.]+ [kM]B\/s|checking|keeping|building|Ready/,
  );
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(card.locator('.weights-status')).toContainText(
    `from mirror ${server.baseUrl}/${V4_REPO}/resolve/main/${FILE}`,
  );
  expect(server.requestsFor(`${V4_REPO}/resolve/main/${FILE}`)).toHaveLength(1);
  expect(seenUrls).toContain(`${server.baseUrl}/${V4_REPO}/resolve/main/${FILE}`);

  // Every request from the drop until the result is shown: none may carry the photo.
  const requests: Request[] = [];
  const record = (request: Request) => requests.push(request);
  page.context().on('request', record);
  await dropFiles(page, [PHOTO]);
  const shown = await shownTop(page, PHOTO.name, 'inception-v4');
  page.context().off('request', record);
  const appOrigin = new URL(page.url()).origin;
  for (const request of requests) {
    expect(request.postDataBuffer(), `${request.method()} ${request.url()}`).toBeNull();
    expect(new URL(request.url()).origin, request.url()).toBe(appOrigin);
  }
  expect(server.requests.filter((r) => r.bodyBytes > 0)).toEqual([]);

  const result = page.locator(`.result-card[data-photo="${PHOTO.name}"] .network-result[data-network="inception-v4"]`);
  await expect(result.locator('.timings')).toContainText(/inference [\d.]+ m?s on WebAssembly/);
  await expect(result.locator('canvas.crop')).toHaveAttribute('width', '299');

  // A reload classifies again from Cache Storage, with no request for the weights.
  const before = server.requests.length;
  await page.reload();
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(card.locator('.weights-status')).toContainText(`from this browser’s cache (mirror ${server.baseUrl})`);
  await dropFiles(page, [PHOTO]);
  expect(await shownTop(page, PHOTO.name, 'inception-v4')).toEqual(shown);
  expect(server.requests.length).toBe(before);

  // The same top-5 as the command line on the same photo and weights.
  const photoPath = join(tmpdir(), `classify-e2e-${process.pid}-${PHOTO.name}`);
  writeFileSync(photoPath, PHOTO.buffer);
  const cli = await cliTop(photoPath).finally(() => rmSync(photoPath, { force: true }));
  expect(shown.map((p) => p.classIndex)).toEqual(cli.map((p) => p.classIndex));
  for (let i = 0; i < 5; i++) expect(Math.abs(shown[i].probability - cli[i].probability)).toBeLessThan(1e-4);
});

test('a non-image, a truncated weights file and a server error each get a clear message; the app goes on', async ({
  page,
}) => {
  await page.goto(classifyUrl());
  await expect(page.locator('.backend-active')).toHaveAttribute('data-backend', 'wasm');

  await dropFiles(page, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') }]);
  await expect(page.locator('.messages')).toContainText('notes.txt is not an image (text/plain)');

  const v4 = weightsCard(page, 'inception-v4');
  const truncated = readFileSync(v4Weights).subarray(0, 20_000_000);
  await v4
    .getByLabel('Inception-v4: use a .safetensors file')
    .setInputFiles({ name: 'cut.safetensors', mimeType: 'application/octet-stream', buffer: truncated });
  await expect(v4.locator('.error .advice')).toHaveText(
    'This file is incomplete: download it (or copy it) again, then retry.',
  );
  await expect(v4.locator('.error .detail')).toContainText(
    /^cut\.safetensors is truncated: it is the Inception-v4 checkpoint \(its header lists all 747 of its tensors\) but holds only 19\.9 MB of its 171\.0 MB of tensor data; \d+ tensors, from "[^"]+" on, are missing or cut short$/,
  );

  const irv2 = weightsCard(page, 'inception-resnet-v2');
  await irv2.getByRole('button', { name: /^Download/ }).click();
  await expect(irv2.locator('.error')).toContainText(
    `model.safetensors of ${IRV2_REPO}: the server answered 500 Internal Server Error for ${server.baseUrl}/${IRV2_REPO}/resolve/main/${FILE} (gave up after 4 attempts)`,
    { timeout: 60_000 },
  );

  // Still usable: the right file loads and a photo is classified.
  await v4.getByLabel('Inception-v4: use a .safetensors file').setInputFiles(v4Weights);
  await expect(v4.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(v4.locator('.error')).toHaveCount(0);
  await dropFiles(page, [PHOTO]);
  expect(await shownTop(page, PHOTO.name, 'inception-v4')).toHaveLength(5);
});
