/**
 * A trained network on the production build (issue 15): its .safetensors file (made here from a small
 * network with seeded weights, as the lab exports one) opened from the home page, drawn by the explorer
 * under its banner, classifying a photo over its own classes in the real inference worker, and looked
 * inside with that photo; axe finds nothing on any of these pages, light or dark.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible } from '../src/testing/pages/accessible.ts';
import { trainedTestFile, TRAINED_CLASSES } from '../src/testing/trained-file.ts';

const FILE = {
  name: 'irv2-s.safetensors',
  mimeType: 'application/octet-stream',
  buffer: Buffer.from(trainedTestFile()),
};
const PHOTO = {
  name: 'photo-444.jpg',
  mimeType: 'image/jpeg',
  buffer: readFileSync('fixtures/preprocess/photo-444.jpg'),
};

test('a trained network opens in the explorer, classifies a photo over its classes and is looked inside', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByLabel('Open a trained network file (.safetensors)').setInputFiles(FILE);

  // The explorer draws it, saying it is trained, from which data, for how long.
  await expect(page).toHaveURL(/\/trained\/[0-9a-f]{16}$/);
  const id = new URL(page.url()).pathname.split('/')[2];
  const banner = page.getByRole('region', { name: 'Trained network' });
  await expect(banner).toContainText('from irv2-s.safetensors · generated data · 2 epochs (24 steps)');
  await expect(banner).toContainText(`3 classes: ${TRAINED_CLASSES.join(', ')}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Inception-ResNet-v2-S, trained');
  await expectAccessible(page, 'trained network view');

  // It survives a reload (kept in this browser), and its blocks open on its own URLs.
  await page.reload();
  await expect(banner).toBeVisible();
  await page.getByRole('link', { name: /Stem/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`/trained/${id}/stem`));

  // Classify a photo with it: its card, then the photo's result over its three classes at 32×32.
  await page.goto(`/trained/${id}`);
  await banner.getByRole('link', { name: 'Classify a photo' }).click();
  await expect(page).toHaveURL(new RegExp(`/classify\\?trained=${id}$`));
  const card = page.locator(`.trained-card[data-network="trained:${id}"]`);
  await expect(card).toContainText('Ready on', { timeout: 60_000 });
  await expect(card).toContainText('a 32×32 input');
  await page.getByLabel('Choose photos to classify').setInputFiles(PHOTO);
  const result = page.locator(`.result-card[data-photo="${PHOTO.name}"] .network-result[data-network="trained:${id}"]`);
  await expect(result.locator('.top-predictions li')).toHaveCount(3, { timeout: 60_000 });
  const labels = await result.locator('.top-predictions li').allTextContents();
  expect(labels.map((l) => l.replace(/[\d.]+\s*%$/, '').trim()).sort()).toEqual([...TRAINED_CLASSES].sort());
  await expectAccessible(page, 'classify page with a trained network');

  // Look inside it with the photo: its top classes and where it looks, in the explorer.
  await result.getByRole('link', { name: 'Look inside Inception-ResNet-v2-S' }).click();
  await expect(page).toHaveURL(new RegExp(`/trained/${id}\\?photo=[0-9a-z]+$`));
  await expect(page.locator('.inside-panel .inside-top .top-predictions li')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.locator('.inside-panel .class-map[data-method="cam"]')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.ie-diagram .ie-thumbnail image').first()).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, 'trained network with a photo');
});
