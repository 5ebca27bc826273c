/**
 * The e2e specs' way into looking inside: Inception-ResNet-v2's recipe weights from a local mirror (kept
 * as the download source), a photo classified on WebAssembly, then "Look inside Inception-ResNet-v2".
 */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { dropFiles, shownTop } from './classify-page.ts';
import { downloadFromMirror } from './recipe-mirror.ts';

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
  await downloadFromMirror(page, mirror, 'inception-resnet-v2');
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
