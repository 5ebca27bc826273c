/**
 * The e2e specs' way into looking inside: Inception-ResNet-v2's recipe weights from a local mirror (kept
 * as the download source), a photo classified on WebAssembly, then "Look inside Inception-ResNet-v2".
 */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { dropFiles, shownTop, weightsCard } from './classify-page.ts';

export const INSIDE_PHOTO = {
  name: 'photo-444.jpg',
  mimeType: 'image/jpeg',
  buffer: readFileSync('fixtures/preprocess/photo-444.jpg'),
};

/**
 * Loads the weights from `mirror`, classifies INSIDE_PHOTO and opens the network's schema with it;
 * returns the photo's slot. `beforePhoto` runs once the weights are ready, before the photo is dropped.
 */
export async function lookInsideWithPhoto(page: Page, mirror: string, beforePhoto?: () => void): Promise<string> {
  await page.goto('/classify?backend=wasm');
  // The local server is this user's mirror, kept as the download source (its cached copy is then used on
  // every page; a mirror's copy never stands in for Hugging Face's).
  await page.getByText('Download source: Hugging Face').click();
  await page.getByLabel(/Mirror base URL/).fill(mirror);
  await page.getByRole('button', { name: 'Save' }).click();
  const card = weightsCard(page, 'inception-resnet-v2');
  await card.getByRole('button', { name: /^Download/ }).click();
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  beforePhoto?.();
  await dropFiles(page, [INSIDE_PHOTO]);
  await shownTop(page, INSIDE_PHOTO.name, 'inception-resnet-v2');
  const result = page.locator(
    `.result-card[data-photo="${INSIDE_PHOTO.name}"] .network-result[data-network="inception-resnet-v2"]`,
  );
  await result.getByRole('link', { name: 'Look inside Inception-ResNet-v2' }).click();
  await expect(page).toHaveURL(/\/inception-resnet-v2\/released\?photo=[0-9a-z]+$/);
  return new URL(page.url()).searchParams.get('photo')!;
}
