/**
 * The e2e specs' weights: a local mirror serving one network's recipe weights (started before the spec's
 * tests, stopped after them), kept as the page's download source and downloaded on the classify page.
 */
import { expect, test, type Page } from '@playwright/test';
import { recipeWeights } from '../recipe-weights.ts';
import { WeightsServer } from '../weights-server.ts';
import { FILE, IRV2_REPO, V4_REPO, weightsCard } from './classify-page.ts';

type ReleasedNetwork = 'inception-v4' | 'inception-resnet-v2';
const REPOS: Record<ReleasedNetwork, string> = { 'inception-v4': V4_REPO, 'inception-resnet-v2': IRV2_REPO };

/** Call at a spec's top level: the mirror of `network`'s recipe weights for its tests. */
export function recipeMirror(network: ReleasedNetwork): WeightsServer {
  const server = new WeightsServer();
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    await server.start();
    server.serve(REPOS[network], FILE, { path: await recipeWeights(network) });
  });
  test.afterAll(() => server.stop());
  return server;
}

/**
 * On the classify page (WebAssembly), keeps `mirror` as this user's download source (its cached copy is
 * then used on every page; a mirror's copy never stands in for Hugging Face's) and downloads `network`.
 * Returns its weights card.
 */
export async function downloadFromMirror(page: Page, mirror: string, network: ReleasedNetwork) {
  await page.goto('/classify?backend=wasm');
  await page.getByText('Download source: Hugging Face').click();
  await page.getByLabel(/Mirror base URL/).fill(mirror);
  await page.getByRole('button', { name: 'Save' }).click();
  const card = weightsCard(page, network);
  await card.getByRole('button', { name: /^Download/ }).click();
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  return card;
}
