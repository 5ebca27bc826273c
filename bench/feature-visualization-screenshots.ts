/**
 * Takes the README's screenshots of feature visualisation in the inspector ("What this channel responds
 * to"), with Playwright against a production build on WebAssembly, Inception-ResNet-v2's recipe weights
 * standing in for the pretrained ones (so the image is what a random network's channel responds to, not
 * one of Olah et al.'s pictures):
 *   docs/featvis-desktop.png        the stem's first 3×3 conv, a channel visualised in 64 steps (light, 1280 px)
 *   docs/featvis-desktop-dark.png   the same (dark)
 *   docs/featvis-phone.png          the same in the phone's bottom sheet (dark, 390 px)
 * Usage: `npx tsx bench/feature-visualization-screenshots.ts [--steps 64]`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { withRecipeWeightsPage } from './support/recipe-weights-page.ts';

const { values: args } = parseArgs({ options: { steps: { type: 'string', default: '64' } } });
const docs = resolve('docs');
mkdirSync(docs, { recursive: true });
const PHOTO = 'fixtures/preprocess/landscape-640x427.png';

async function shoot(page: Page, file: string): Promise<void> {
  await page.waitForTimeout(500);
  await page.locator('.channel-visualization').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(docs, file) });
  console.log(`wrote docs/${file}`);
}

/** Runs (or reads back) the visualisation of the enlarged channel of the selected box. */
async function visualised(page: Page, steps: string): Promise<string> {
  await page.locator('.feature-maps img').first().waitFor({ timeout: 120_000 });
  const section = page.locator('.channel-visualization');
  await section.locator('select').selectOption(steps);
  await section.getByRole('button', { name: /^Visualise channel/ }).click();
  const done = section.getByRole('status').filter({ hasText: /rose from/ });
  await done.waitFor({ timeout: 1_200_000 });
  return (await done.textContent()) ?? '';
}

await withRecipeWeightsPage('featvis-screenshots', async ({ base, page }) => {
  await page.locator('input[type=file][accept="image/*"]').first().setInputFiles(PHOTO);
  const link = page
    .locator('.result-card .network-result[data-network="inception-resnet-v2"]')
    .getByRole('link', { name: /^Look inside/ });
  await link.waitFor({ timeout: 120_000 });
  const slot = new URL((await link.getAttribute('href')) ?? '', base).searchParams.get('photo')!;
  // The stem's first convolution (Conv2d_1a) selected.
  const view = `${base}/inception-resnet-v2/released/stem?photo=${slot}&node=stem/0`;

  await page.goto(view);
  console.log(await visualised(page, args.steps));
  await shoot(page, 'featvis-desktop.png');
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await shoot(page, 'featvis-desktop-dark.png');
  // The phone: the same request, answered from the browser's store.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(view);
  await page.getByRole('button', { name: /Details/ }).click();
  console.log(await visualised(page, args.steps));
  await shoot(page, 'featvis-phone.png');
});
