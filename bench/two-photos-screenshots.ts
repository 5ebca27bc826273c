/**
 * Takes the screenshots of two photos inside one network (issue 19), with Playwright against a production
 * build on WebAssembly, Inception-ResNet-v2's recipe weights standing in for the pretrained ones and a
 * fixture photo compared with its mirror:
 *   docs/inside-two-photos.png        Inception-ResNet-B: both thumbnails in every box, "Where they part" (light)
 *   docs/inside-two-photos-dark.png   the network view, the same in the dark theme
 *   /tmp/two-photos-phone-*.png       on a phone (light and dark), for looking at, not kept
 * Usage: `npx tsx bench/two-photos-screenshots.ts`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { mirroredPhoto } from '../src/testing/pages/mirror.ts';
import { withRecipeWeightsPage } from './support/recipe-weights-page.ts';

const docs = resolve('docs');
mkdirSync(docs, { recursive: true });
const PHOTO = readFileSync('fixtures/preprocess/landscape-640x427.png');

async function drawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const slots = document.querySelectorAll('.ie-diagram .ie-thumbnail image').length;
      return (
        document.querySelectorAll('.ie-thumbnail-second image').length > 0 &&
        slots === 2 * document.querySelectorAll('.ie-diagram .ie-thumbnail').length
      );
    },
    undefined,
    { timeout: 180_000 },
  );
  await page.locator('.compare-section[data-parting="done"]').waitFor({ state: 'attached', timeout: 180_000 });
}

async function shoot(page: Page, path: string): Promise<void> {
  await page.waitForTimeout(500);
  await page.screenshot({ path });
  console.log(`wrote ${path}`);
}

await withRecipeWeightsPage('two-photos-screenshots', async ({ base, page }) => {
  const mirror = await mirroredPhoto(page, PHOTO, 'image/png');

  await page.goto(`${base}/inception-resnet-v2/released/inception-resnet-b`);
  await page.getByRole('button', { name: /^Photo/ }).click();
  await page
    .locator('.photo-picker-panel input[type="file"]')
    .setInputFiles({ name: 'lake.png', mimeType: 'image/png', buffer: PHOTO });
  await page.locator('.compare-section').getByRole('button', { name: 'Compare with…' }).click({ timeout: 180_000 });
  await page
    .locator('.photo-picker-panel input[type="file"]')
    .setInputFiles({ name: 'lake-mirrored.png', mimeType: 'image/png', buffer: mirror });
  await drawn(page);
  const query = new URL(page.url()).search;
  await page.locator('.compare-section').scrollIntoViewIfNeeded();
  await shoot(page, join(docs, 'inside-two-photos.png'));

  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.goto(`${base}/inception-resnet-v2/released${query}`);
  await drawn(page);
  await page.locator('.compare-section').scrollIntoViewIfNeeded();
  await shoot(page, join(docs, 'inside-two-photos-dark.png'));

  await page.setViewportSize({ width: 390, height: 844 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(`${base}/inception-resnet-v2/released/inception-resnet-b${query}`);
    await drawn(page);
    await shoot(page, `/tmp/two-photos-phone-${scheme}.png`);
    await page.getByRole('button', { name: /Details/ }).click();
    await page.locator('.compare-section').scrollIntoViewIfNeeded();
    await shoot(page, `/tmp/two-photos-phone-${scheme}-panel.png`);
  }
});
