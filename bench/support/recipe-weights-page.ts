/**
 * The screenshot scripts' start: a production build in headless Chromium, a local mirror serving
 * Inception-ResNet-v2's recipe weights (kept as the page's download source), and a desktop page (1280 px,
 * light) on which they are downloaded to WebAssembly. The server stops when `run` ends.
 */
import type { Page } from '@playwright/test';
import { recipeWeights } from '../../src/testing/recipe-weights.ts';
import { WeightsServer } from '../../src/testing/weights-server.ts';
import { withProductionBrowser } from './production-browser.ts';

export interface RecipeWeightsPage {
  base: string;
  page: Page;
}

export async function withRecipeWeightsPage(name: string, run: (opened: RecipeWeightsPage) => Promise<void>) {
  const server = new WeightsServer();
  await server.start();
  try {
    server.serve('timm/inception_resnet_v2.tf_in1k', 'model.safetensors', {
      path: await recipeWeights('inception-resnet-v2'),
    });
    await withProductionBrowser(name, async ({ browser, base }) => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        colorScheme: 'light',
        reducedMotion: 'reduce',
      });
      await context.addInitScript(
        `localStorage.setItem('inception-explorer.weights-base-url', ${JSON.stringify(server.baseUrl)})`,
      );
      const page = await context.newPage();
      await page.goto(`${base}/classify?backend=wasm`);
      const card = page.locator('.weights-card[data-network="inception-resnet-v2"]');
      await card.getByRole('button', { name: /^Download/ }).click();
      await card.locator('.weights-status[data-status="ready"]').waitFor({ timeout: 180_000 });
      await run({ base, page });
      await context.close();
    });
  } finally {
    await server.stop();
  }
}
