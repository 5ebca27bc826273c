import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { dropFiles, FILE, recipeWeights, V4_REPO, weightsCard } from '../src/testing/pages/classify-page.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';

/**
 * The classify page's prediction modes against the production build on WebAssembly: a photo in 12 crops
 * (progress, then the mode, passes and time on its card), and a 144-crop photo cancelled midway.
 */
const server = new WeightsServer();
test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const v4 = await recipeWeights('inception-v4');
  await server.start();
  server.serve(V4_REPO, FILE, { path: v4 });
});
test.afterAll(() => server.stop());

const photo = (name: string) => ({
  name,
  mimeType: 'image/jpeg',
  buffer: readFileSync('fixtures/preprocess/photo-444.jpg'),
});

test('12 crops with progress, then 144 crops cancelled midway; the page goes on', async ({ page }) => {
  await page.goto(`/classify?weights=${encodeURIComponent(server.baseUrl)}&backend=wasm&crops=12`);
  await expect(page.getByLabel('12 crops')).toBeChecked();
  const card = weightsCard(page, 'inception-v4');
  await card.getByRole('button', { name: /^Download/ }).click();
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(page.locator('.prediction-mode .meta').first()).toHaveText('12 forward passes per photo.');

  await dropFiles(page, [photo('twelve.jpg')]);
  const twelve = page.locator('.result-card[data-photo="twelve.jpg"]');
  await expect(twelve.locator('.prediction-progress')).toContainText(/\d+ of 12 forward passes/, { timeout: 60_000 });
  await expect(twelve.locator('.mode-summary')).toHaveText(/^12 crops · 12 forward passes · [\d.]+ m?s$/, {
    timeout: 200_000,
  });
  const column = twelve.locator('.network-result[data-network="inception-v4"]');
  await expect(column.locator('.timings')).toContainText(
    /^12 crops averaged · 12 forward passes · inference [\d.]+ m?s/,
  );
  await expect(column.locator('.top-predictions li')).toHaveCount(5);
  await expect(column.locator('canvas.crop')).toHaveAttribute('width', '299');
  // Now that a pass was timed, the mode says what a photo costs.
  await page.getByLabel('144 crops').check();
  await expect(page.locator('.prediction-mode .meta').first()).toContainText(
    /^144 forward passes per photo, about \d+ min \d+ s at the last measured [\d.]+ s a pass/,
  );

  await dropFiles(page, [photo('dense.jpg')]);
  const dense = page.locator('.result-card[data-photo="dense.jpg"]');
  await expect(dense.locator('.prediction-progress')).toContainText(/[1-9]\d* of 144 forward passes · about .+ left/, {
    timeout: 120_000,
  });
  await dense.getByRole('button', { name: 'Cancel' }).click();
  await expect(dense.locator('.error')).toHaveText('Cancelled.');
  await expect(dense.locator('.prediction-progress')).toHaveCount(0);

  // Back to 1 crop: classified as before.
  await page.getByLabel('1 crop').check();
  await dropFiles(page, [photo('one.jpg')]);
  await expect(page.locator('.result-card[data-photo="one.jpg"] .mode-summary')).toHaveText(
    /^1 crop · 1 forward pass · [\d.]+ m?s$/,
    { timeout: 60_000 },
  );
});
