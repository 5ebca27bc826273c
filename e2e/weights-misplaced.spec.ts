import { expect, test } from '@playwright/test';
import { recipeWeights, weightsCard } from '../src/testing/pages/classify-page.ts';

/**
 * A weights file picked on the wrong network's card: the check identifies it as the other network's
 * checkpoint, and the card offers to load it there (issue 18 item 10). Recipe (stand-in) weights, on WASM.
 */
test.describe.configure({ timeout: 300_000 });

test('an Inception-ResNet-v2 file picked on the Inception-v4 card is offered to it, and loads', async ({ page }) => {
  const irv2File = await recipeWeights('inception-resnet-v2');
  await page.goto('/classify?backend=wasm');
  const v4 = weightsCard(page, 'inception-v4');
  const irv2 = weightsCard(page, 'inception-resnet-v2');
  await v4.getByLabel('Inception-v4: use a .safetensors file').setInputFiles(irv2File);

  await expect(v4.locator('.error .advice')).toHaveText(
    'This file holds the weights of Inception-ResNet-v2, not of Inception-v4.',
    { timeout: 60_000 },
  );
  await expect(v4.locator('.error .detail')).toContainText(
    'looks like an inception_resnet_v2 checkpoint, not inception_v4',
  );
  await v4.getByRole('button', { name: 'Load it into Inception-ResNet-v2' }).click();

  await expect(irv2.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  await expect(irv2.locator('.weights-status')).toHaveAttribute('data-provenance', 'file');
  await expect(irv2.locator('.weights-checkpoint')).toHaveAttribute('data-stand-in', 'true');
  await expect(v4.locator('.error')).toHaveCount(0);
  await expect(v4.locator('.weights-status')).toHaveAttribute('data-status', 'absent');
});
