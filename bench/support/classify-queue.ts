/**
 * Photos queued on the classify page itself, for `npm run bench`: the page opened on a backend, the
 * network loaded from its file through the weights card, one photo classified to warm up, then `count`
 * photos dropped at once as a user drops a folder (each with its own bytes, as a folder's photos are: a
 * trailing byte after the JPEG's end, which decoders ignore, so each gets its own library slot; identical
 * files would share one); the page sends them to its worker a few at a time
 * (views/classify/photo-queue.ts), as it does for a reader. Returns the wall time from the drop to the
 * last result shown, and the browser's CPU time / wall time over it.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { dropFiles } from '../../src/testing/pages/classify-page.ts';
import { cpuPerWall } from './process-cpu.ts';

const TITLES = { 'inception-v4': 'Inception-v4', 'inception-resnet-v2': 'Inception-ResNet-v2' } as const;

async function settledCards(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('.result-card.status-done, .result-card.status-error').length >= n,
    count,
    { timeout: 600_000, polling: 20 },
  );
  const failed = await page.locator('.result-card.status-error .error').allTextContents();
  if (failed.length > 0) throw new Error(`${failed.length} photos failed on the classify page: ${failed[0]}`);
}

export async function queuedOnPage(
  context: BrowserContext,
  base: string,
  backend: string,
  network: keyof typeof TITLES,
  weightsFile: string,
  photo: Buffer,
  count: number,
): Promise<{ ms: number; ratio: number | undefined }> {
  const page = await context.newPage();
  try {
    await page.goto(`${base}/classify?backend=${backend}`);
    await page.getByLabel(`${TITLES[network]}: use a .safetensors file`).setInputFiles(weightsFile);
    await page
      .locator(`.weights-card[data-network="${network}"] .weights-status[data-status="ready"]`)
      .waitFor({ timeout: 300_000 });
    await dropFiles(page, [{ name: 'warm-up.jpg', mimeType: 'image/jpeg', buffer: photo }]);
    await settledCards(page, 1);
    const photos = Array.from({ length: count }, (_, i) => ({
      name: `queued-${i}.jpg`,
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([photo, Uint8Array.of(i)]),
    }));
    const { ratio, wallMs } = await cpuPerWall(async () => {
      await dropFiles(page, photos);
      await settledCards(page, count + 1);
    });
    return { ms: wallMs, ratio };
  } finally {
    await page.close();
  }
}
