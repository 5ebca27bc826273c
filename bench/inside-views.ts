/**
 * Prints what a reader of the explorer waits for with a photo attached, in headless Chromium against the
 * production build on WebAssembly, driven through the page as a user would (print, don't assert):
 * - after the photo is classified on the classify page: "Look inside" → the network view's thumbnails,
 *   then each block opened from it (double click) → every box's thumbnail drawn (target ≤ 300 ms);
 * - the fully expanded Inception-ResNet-v2 with every thumbnail: how long until all are drawn, then
 *   zoom and pan, counting long tasks (target: none > 50 ms).
 * Recipe weights (fixtures/timm/recipe.md) stand in for the pretrained files: same tensors and sizes.
 *
 * Usage: npm run bench:inside-views [-- --runs 3]
 */
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { recipeWeights } from '../src/testing/recipe-weights.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';
import { LONG_TASK_PROBE, takeLongTasks, zoomAndPan } from './support/long-tasks.ts';
import { withProductionBrowser } from './support/production-browser.ts';

type Network = 'inception-v4' | 'inception-resnet-v2';
const REPOS: Record<Network, string> = {
  'inception-v4': 'timm/inception_v4.tf_in1k',
  'inception-resnet-v2': 'timm/inception_resnet_v2.tf_in1k',
};
const BLOCKS: Record<Network, string[]> = {
  'inception-v4': ['inception-a', 'inception-b', 'inception-c', 'reduction-b', 'stem'],
  'inception-resnet-v2': ['inception-resnet-a', 'inception-resnet-b', 'inception-resnet-c', 'reduction-a', 'stem'],
};
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Math.max(1, Number(args.runs));
const ms = (t: number) => `${t.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Milliseconds from now until every reserved thumbnail of the diagram holds its image, measured in the
 * page frame by frame. (A string, not a function: tsx would wrap a function's inner names in a helper the
 * page lacks.)
 */
function untilThumbnails(page: Page, timeoutMs = 120_000): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const started = performance.now();
    const tick = () => {
      const slots = document.querySelectorAll('.ie-diagram .ie-thumbnail').length;
      if (slots > 0 && document.querySelectorAll('.ie-diagram .ie-thumbnail image').length === slots) resolve(performance.now() - started);
      else if (performance.now() - started > ${timeoutMs}) reject(new Error('thumbnails did not all arrive'));
      else requestAnimationFrame(tick);
    };
    tick();
  })`) as Promise<number>;
}

async function classify(page: Page, base: string, network: Network): Promise<string> {
  await page.goto(`${base}/classify?backend=wasm`);
  const card = page.locator(`.weights-card[data-network="${network}"]`);
  // Cached weights load by themselves; the first time they are downloaded.
  const settled = card.locator('.weights-status[data-status="ready"], .weights-status[data-status="absent"]');
  await settled.waitFor({ timeout: 180_000 });
  if ((await settled.getAttribute('data-status')) === 'absent')
    await card.getByRole('button', { name: /^Download/ }).click();
  await card.locator('.weights-status[data-status="ready"]').waitFor({ timeout: 180_000 });
  await page.locator('input[type=file][accept="image/*"]').first().setInputFiles('fixtures/preprocess/photo-444.jpg');
  const column = page.locator(`.result-card .network-result[data-network="${network}"]`).first();
  await column.locator('.top-predictions li').first().waitFor({ timeout: 120_000 });
  await column.getByRole('link', { name: /^Look inside/ }).click();
  return new URL(page.url()).searchParams.get('photo')!;
}

async function benchNetwork(page: Page, base: string, network: Network): Promise<void> {
  const opened = new Map<string, number[]>(BLOCKS[network].map((b) => [b, []]));
  const schema: number[] = [];
  for (let run = 0; run < runs; run++) {
    await classify(page, base, network);
    schema.push(await untilThumbnails(page));
    for (const block of BLOCKS[network]) {
      await page.locator(`.ie-diagram [data-address="${block}"]`).dblclick();
      await page.waitForURL(new RegExp(`/${network}/released/${block}\\?`));
      opened.get(block)!.push(await untilThumbnails(page));
      await page.goBack();
      await untilThumbnails(page);
    }
  }
  console.log(
    `${network}: the network view's thumbnails after "Look inside" (the photo's look-inside run included): median ${ms(median(schema))}`,
  );
  for (const [block, times] of opened) {
    console.log(
      `  ${block} opened: every thumbnail drawn in median ${ms(median(times))}, max ${ms(Math.max(...times))} over ${times.length} (target ≤ 300 ms)`,
    );
  }
}

async function benchExpanded(page: Page, base: string): Promise<void> {
  const slot = await classify(page, base, 'inception-resnet-v2');
  await page.goto(`${base}/inception-resnet-v2/released?photo=${slot}&expand=all`);
  await page.locator('[data-address="inception-resnet-b/19/0/0/1/2"]').waitFor({ state: 'attached' });
  const drawn = await untilThumbnails(page, 300_000);
  const count = await page.locator('.ie-diagram .ie-thumbnail image').count();
  await page.waitForTimeout(500);
  const loading = await takeLongTasks(page);
  const events = await zoomAndPan(page);
  await page.waitForTimeout(300);
  const during = await takeLongTasks(page);
  console.log(
    `inception-resnet-v2 fully expanded with the photo: ${count} thumbnails drawn ${ms(drawn)} after opening it; ` +
      `zoom/pan (${events} events): long tasks > 50 ms: ${during.length}${during.length ? ` (max ${ms(Math.max(...during))})` : ''} (target 0); ` +
      `while drawing it: ${loading.length}${loading.length ? ` (max ${ms(Math.max(...loading))})` : ''}`,
  );
}

const server = new WeightsServer();
await server.start();
try {
  for (const network of Object.keys(REPOS) as Network[])
    server.serve(REPOS[network], 'model.safetensors', { path: await recipeWeights(network) });
  await withProductionBrowser('inside-views', async ({ browser, base }) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // The local server is the reader's download source (kept like a mirror chosen on the classify page).
    await context.addInitScript(
      `localStorage.setItem('inception-explorer.weights-base-url', ${JSON.stringify(server.baseUrl)});${LONG_TASK_PROBE}`,
    );
    const page = await context.newPage();
    for (const network of Object.keys(REPOS) as Network[]) await benchNetwork(page, base, network);
    await benchExpanded(page, base);
    await context.close();
  });
} finally {
  await server.stop();
}
