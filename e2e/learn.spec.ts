/**
 * The learning lab on the production build (issue 15): three small networks raced on the generated set
 * by the real training worker (WebAssembly), each one's training loss falling, the charts drawn, pause
 * and resume, a reload that resumes from the last epoch's snapshot, a trained network exported and read
 * back as a checkpoint of its definition, each of its three "open" buttons (explorer, classify, look
 * inside) landing on that network, and no accessibility violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { analyzeNetwork } from '../src/model/analysis/analyze.ts';
import { checkWeights } from '../src/runtime/weights/check-weights.ts';
import { decodeTrainedNetwork, tensorSourceOf } from '../src/runtime/training/trained-file.ts';

const NETWORKS =
  'inception-v4-s;width=0.125,inception-resnet-v2-s;width=0.125,inception-resnet-v2-s-no-shortcuts;width=0.125';
// Without random crops, flips and dropout: the test asks whether each network's training loss falls, and on
// 100 images over 52 steps their noise hides the no-shortcut twin's slow start (a Node sweep at this setting
// with them: its loss fell for 12–13 of 14 seeds; without them: 8 of 8, as for the other two networks).
const LAB = `/learn?networks=${NETWORKS}&train=100&test=100&epochs=4&batch=8&lr=0.01&augment=0&dropout=0`;

const status = (page: Page) => page.locator('.learn-status');
const row = (page: Page, id: string) => page.locator(`tr[data-network="${id}-w0.125"]`);

/** The y pixel of each point of each series' path in a chart (SVG y grows downwards: a higher y is a lower loss). */
async function seriesYs(page: Page, chart: string): Promise<number[][]> {
  return page
    .locator(`[data-chart="${chart}"] g.line:not(.dashed) > path:first-child`)
    .evaluateAll((paths) =>
      paths.map((p) =>
        [...(p.getAttribute('d') ?? '').matchAll(/[ML]\s*[-\d.e]+[ ,]([-\d.e]+)/g)].map((m) => Number(m[1])),
      ),
    );
}

test('three small networks race on the generated set: losses fall, pause, reload resumes, export', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto(LAB);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(status(page)).toContainText('Training on WebAssembly', { timeout: 60_000 });

  // Pause and resume while training.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status(page)).toContainText('Paused');
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(status(page)).toContainText('Training');

  // After the first epoch, reload: the run resumes from its snapshot.
  await expect(row(page, 'inception-resnet-v2-s-no-shortcuts')).toContainText('2 of 4', { timeout: 240_000 });
  await page.reload();
  await page.getByRole('button', { name: /Resume from the end of epoch [12]/ }).click();
  await expect(status(page)).toContainText('Finished', { timeout: 400_000 });

  for (const id of ['inception-v4-s', 'inception-resnet-v2-s', 'inception-resnet-v2-s-no-shortcuts']) {
    await expect(row(page, id)).toContainText('4 of 4');
  }
  const losses = await seriesYs(page, 'loss-epoch');
  expect(losses).toHaveLength(3);
  for (const ys of losses) {
    expect(ys.length).toBeGreaterThan(4);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    // The last quarter of the training-loss curve lies lower (larger y) than the first quarter.
    expect(mean(ys.slice(-Math.ceil(ys.length / 4)))).toBeGreaterThan(mean(ys.slice(0, Math.ceil(ys.length / 4))));
  }
  expect((await seriesYs(page, 'error-epoch')).every((ys) => ys.length >= 1)).toBe(true);
  await expect(page.locator('[data-chart="ratio-inception-resnet-b"] g.line')).toHaveCount(1);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export Inception-ResNet-v2-S, width 0\.125 as safetensors/ }).click();
  const file = await (await download).path();
  const trained = decodeTrainedNetwork(readFileSync(file), 'export');
  expect(trained.training.epoch).toBe(4);
  expect(checkWeights(analyzeNetwork(trained.network), tensorSourceOf(trained.weights), 'export')).toMatchObject({
    ok: true,
  });

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);

  // Each "open" button keeps the network in this browser and goes to it: the same id every time.
  const title = 'Inception-ResNet-v2-S, width 0.125';
  await page.getByRole('button', { name: `Open in explorer: ${title}` }).click();
  await expect(page).toHaveURL(/\/trained\/[0-9a-f]{16}$/);
  const id = new URL(page.url()).pathname.split('/')[2];
  await expect(page.getByRole('region', { name: 'Trained network' })).toContainText('4 epochs');
  await page.goBack();
  await page.getByRole('button', { name: `Classify a photo with ${title}` }).click();
  await expect(page).toHaveURL(new RegExp(`/classify\\?trained=${id}$`));
  await expect(page.locator(`.trained-card[data-network="trained:${id}"]`)).toContainText('Ready on', {
    timeout: 60_000,
  });
  await page.goBack();
  // No photo is kept in this browser yet: look inside opens the network, ready for one.
  await page.getByRole('button', { name: `Look inside ${title} with a photo` }).click();
  await expect(page).toHaveURL(new RegExp(`/trained/${id}$`));
});
