/**
 * Takes the README's screenshots of looking inside with a photo, with Playwright against a production
 * build on WebAssembly, the recipe weights standing in for the pretrained ones (so the classes named are
 * those of random weights) and a fixture photo:
 *   docs/inside-block.png     Inception-ResNet-B with every box's thumbnail, its 1×7 conv's feature maps (light)
 *   docs/inside-network.png   Inception-ResNet-v2 with the photo: thumbnails, "through the network", CAM (light)
 *   docs/inside-lab.png       the residual-scale lab with Inception-ResNet-B switched off (dark)
 *   docs/inside-classify.png  a classified photo: "Look inside" and "Where it looks" (light)
 *   docs/inside-phone.png     a block with thumbnails on a phone (dark)
 *   docs/inside-phone-details.png  its selected box's feature maps in the bottom sheet (dark)
 * Usage: `npx tsx bench/inside-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { recipeWeights } from '../src/testing/recipe-weights.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';
import { withProductionBrowser } from './support/production-browser.ts';

const docs = resolve('docs');
mkdirSync(docs, { recursive: true });
const PHOTO = 'fixtures/preprocess/landscape-640x427.png';

/** Every reserved thumbnail of the diagram holds its image. */
function thumbnailsDrawn(page: Page): Promise<unknown> {
  return page.waitForFunction(
    () => {
      const slots = document.querySelectorAll('.ie-diagram .ie-thumbnail').length;
      return slots > 0 && document.querySelectorAll('.ie-diagram .ie-thumbnail image').length === slots;
    },
    undefined,
    { timeout: 120_000 },
  );
}

async function newPage(browser: Browser, mirror: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
    // Without the service worker, so that its "works offline too" notice is not in the picture.
    serviceWorkers: 'block',
  });
  await context.addInitScript(`localStorage.setItem('inception-explorer.weights-base-url', ${JSON.stringify(mirror)})`);
  return context.newPage();
}

/** Loads both networks (downloaded the first time, then from the cache) and classifies the photo; returns its slot. */
async function classified(page: Page, base: string): Promise<string> {
  await page.goto(`${base}/classify?backend=wasm`);
  for (const network of ['inception-v4', 'inception-resnet-v2']) {
    const card = page.locator(`.weights-card[data-network="${network}"]`);
    const settled = card.locator('.weights-status[data-status="ready"], .weights-status[data-status="absent"]');
    await settled.waitFor({ timeout: 180_000 });
    if ((await settled.getAttribute('data-status')) === 'absent')
      await card.getByRole('button', { name: /^Download/ }).click();
    await card.locator('.weights-status[data-status="ready"]').waitFor({ timeout: 180_000 });
  }
  await page.locator('input[type=file][accept="image/*"]').first().setInputFiles(PHOTO);
  await page
    .locator('.result-card .network-result')
    .nth(1)
    .locator('.top-predictions li')
    .first()
    .waitFor({ timeout: 120_000 });
  const link = page
    .locator('.result-card .network-result[data-network="inception-resnet-v2"]')
    .getByRole('link', { name: /^Look inside/ });
  await link.waitFor();
  return new URL((await link.getAttribute('href')) ?? '', base).searchParams.get('photo')!;
}

async function shoot(page: Page, file: string): Promise<void> {
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(docs, file) });
  console.log(`wrote docs/${file}`);
}

const server = new WeightsServer();
await server.start();
try {
  server.serve('timm/inception_v4.tf_in1k', 'model.safetensors', { path: await recipeWeights('inception-v4') });
  server.serve('timm/inception_resnet_v2.tf_in1k', 'model.safetensors', {
    path: await recipeWeights('inception-resnet-v2'),
  });
  await withProductionBrowser('inside-screenshots', async ({ browser, base }) => {
    const page = await newPage(browser, server.baseUrl);
    const slot = await classified(page, base);
    const card = page.locator('.result-card').first();
    await card
      .locator('.network-result[data-network="inception-resnet-v2"]')
      .getByRole('button', { name: 'Where it looks' })
      .click();
    await card.locator('.class-map').waitFor({ timeout: 60_000 });
    await card.locator('.network-result[data-network="inception-resnet-v2"] .inside-links').scrollIntoViewIfNeeded();
    await shoot(page, 'inside-classify.png');

    await page.goto(
      `${base}/inception-resnet-v2/released/inception-resnet-b?photo=${slot}&node=inception-resnet-b/0/0/0/1/1`,
    );
    await thumbnailsDrawn(page);
    await page.locator('.feature-maps img').nth(15).waitFor({ timeout: 60_000 });
    await page.locator('.feature-enlarged').scrollIntoViewIfNeeded();
    await shoot(page, 'inside-block.png');

    await page.goto(`${base}/inception-resnet-v2/released?photo=${slot}`);
    await thumbnailsDrawn(page);
    await page.locator('.inside-panel .class-map').waitFor({ timeout: 60_000 });
    await page.locator('#depth-title').scrollIntoViewIfNeeded();
    await shoot(page, 'inside-network.png');

    // The same browser (the photo is kept in it), in the dark theme.
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await page.goto(`${base}/inception-resnet-v2/released?photo=${slot}&scale=inception-resnet-b:0`);
    await page.getByTestId('lab-top').waitFor({ timeout: 120_000 });
    await thumbnailsDrawn(page);
    await page.getByTestId('lab-top').scrollIntoViewIfNeeded();
    await shoot(page, 'inside-lab.png');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/inception-v4/released/inception-a?photo=${slot}&node=inception-a/0/1/1`);
    await thumbnailsDrawn(page);
    await shoot(page, 'inside-phone.png');
    await page.getByRole('button', { name: /Details/ }).click();
    await page.locator('.feature-maps img').nth(15).waitFor({ timeout: 60_000 });
    await page.locator('.feature-maps').scrollIntoViewIfNeeded();
    await shoot(page, 'inside-phone-details.png');
    await page.context().close();
  });
} finally {
  await server.stop();
}
