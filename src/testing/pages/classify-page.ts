/** Helpers for the classify specs: dropping files on the page, reading results, generating weights. */
import { expect, type Page } from '@playwright/test';

export { recipeWeights } from '../recipe-weights.ts';

export const V4_REPO = 'timm/inception_v4.tf_in1k';
export const IRV2_REPO = 'timm/inception_resnet_v2.tf_in1k';
export const FILE = 'model.safetensors';

/** Drops files on the page as a user would (dragenter, dragover, drop with a DataTransfer). */
export async function dropFiles(
  page: Page,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (items) => {
      const transfer = new DataTransfer();
      for (const item of items) {
        const bytes = Uint8Array.from(atob(item.data), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], item.name, { type: item.mimeType }));
      }
      return transfer;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, data: f.buffer.toString('base64') })),
  );
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('main', type, { dataTransfer });
}

export interface ShownPrediction {
  classIndex: number;
  probability: number;
}

/** The top-5 shown for a photo and a network. */
export async function shownTop(page: Page, photo: string, network: string): Promise<ShownPrediction[]> {
  const items = page.locator(
    `.result-card[data-photo="${photo}"] .network-result[data-network="${network}"] .top-predictions li`,
  );
  await expect(items).toHaveCount(5);
  return items.evaluateAll((lis) =>
    lis.map((li) => ({
      classIndex: Number(li.getAttribute('data-class-index')),
      probability: Number(li.getAttribute('data-probability')),
    })),
  );
}

export function weightsCard(page: Page, network: string) {
  return page.locator(`.weights-card[data-network="${network}"]`);
}
