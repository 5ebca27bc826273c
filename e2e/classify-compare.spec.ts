import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { dropFiles, FILE, recipeWeights, shownTop, V4_REPO, weightsCard } from '../src/testing/pages/classify-page.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';

/**
 * With both networks' weights, each photo gets Inception-v4 and Inception-ResNet-v2 side by side, each
 * with its own crop (crop_pct 0.875 vs 0.8975) and top-5. A .safetensors file dropped on the page goes
 * to the network it fits.
 */
const PHOTO = {
  name: 'landscape.png',
  mimeType: 'image/png',
  buffer: readFileSync('fixtures/preprocess/landscape-640x427.png'),
};
// Throttled, so the dropped file arrives while Inception-v4 is still downloading.
const server = new WeightsServer({ bytesPerSecond: 40_000_000 });

test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await server.start();
  server.serve(V4_REPO, FILE, { path: await recipeWeights('inception-v4') });
  // Not a checkpoint location the app knows: the test fetches it to build the file it drops.
  server.serve('test-files/irv2', FILE, { path: await recipeWeights('inception-resnet-v2') });
});
test.afterAll(() => server.stop());

test('both networks side by side on the same photo', async ({ page }) => {
  await page.goto(`/classify?weights=${encodeURIComponent(server.baseUrl)}&backend=wasm`);
  const v4 = weightsCard(page, 'inception-v4');
  const irv2 = weightsCard(page, 'inception-resnet-v2');
  // (224 MB: the test builds the File in the page rather than sending it through the protocol.)
  const dataTransfer = await page.evaluateHandle(async (url) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([await (await fetch(url)).blob()], 'irv2.safetensors'));
    return transfer;
  }, `${server.baseUrl}/test-files/irv2/resolve/main/${FILE}`);
  await v4.getByRole('button', { name: /^Download/ }).click();
  await expect(v4.locator('.weights-status')).toContainText(/MB of 171\.0 MB/);
  // A weights file dropped mid-download goes to the network it fits (Inception-ResNet-v2), leaving the
  // download of Inception-v4 to finish.
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('main', type, { dataTransfer });
  await expect(irv2.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(irv2.locator('.weights-status')).toContainText('from the file irv2.safetensors');
  await expect(v4.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });

  await dropFiles(page, [PHOTO]);
  const card = page.locator(`.result-card[data-photo="${PHOTO.name}"]`);
  await expect(card.locator('.network-result')).toHaveCount(2, { timeout: 120_000 });
  await expect(card.locator('.network-result h4')).toHaveText(['Inception-v4', 'Inception-ResNet-v2']);
  const [top4, topR2] = [
    await shownTop(page, PHOTO.name, 'inception-v4'),
    await shownTop(page, PHOTO.name, 'inception-resnet-v2'),
  ];
  for (const top of [top4, topR2]) {
    const total = top.reduce((sum, p) => sum + p.probability, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(1 + 1e-6);
    for (let i = 1; i < 5; i++) expect(top[i].probability).toBeLessThanOrEqual(top[i - 1].probability);
  }
  // Different networks, different weights: the outputs differ.
  expect(topR2.map((p) => p.probability)).not.toEqual(top4.map((p) => p.probability));
  // Each crop is the 299×299 the network saw, and they differ (crop_pct 0.875 vs 0.8975).
  const crops = await card.locator('canvas.crop').evaluateAll((canvases) =>
    canvases.map((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let sum = 0;
      for (let i = 0; i < data.length; i += 97) sum += data[i];
      return { width: canvas.width, height: canvas.height, sum };
    }),
  );
  expect(crops.map((c) => [c.width, c.height])).toEqual([
    [299, 299],
    [299, 299],
  ]);
  expect(crops[0].sum).toBeGreaterThan(0);
  expect(crops[0].sum).not.toBe(crops[1].sum);
});
