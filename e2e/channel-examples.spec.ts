import sharp from 'sharp';
import { expect, test } from '@playwright/test';
import { expectAccessible } from '../src/testing/pages/accessible.ts';
import { dropFiles, shownTop } from '../src/testing/pages/classify-page.ts';
import { downloadFromMirror, recipeMirror } from '../src/testing/pages/recipe-mirror.ts';

/**
 * Examples for a channel, on the production build with Inception-v4's recipe weights on WebAssembly:
 * three generated photos are kept (classified), the stem's first conv is selected with one of them, the
 * kept photos are indexed at that layer in the worker, and the enlarged channel shows its top photos as
 * receptive-field crops (3×3 px boxes of the 299² view) with their values — the same after a reload
 * (kept in IndexedDB), and in Chinese.
 */
const server = recipeMirror('inception-v4');

test.describe.configure({ mode: 'serial', timeout: 300_000 });

/** A 64×48 PNG of a pattern that differs per seed (stripes of different period and colour). */
async function photo(seed: number): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const [w, h] = [64, 48];
  const pixels = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const on = Math.floor((x + y * seed) / (2 + seed)) % 2 === 0;
      pixels.set(on ? [40 * seed, 255 - 60 * seed, 90] : [250, 20 * seed, 255 - 40 * seed], (y * w + x) * 3);
    }
  }
  return {
    name: `pattern-${seed}.png`,
    mimeType: 'image/png',
    buffer: await sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
      .png()
      .toBuffer(),
  };
}

test('index the kept photos at a layer; the enlarged channel shows its top photos with values, kept after a reload', async ({
  page,
}) => {
  await downloadFromMirror(page, server.baseUrl, 'inception-v4');

  const photos = await Promise.all([1, 2, 3].map(photo));
  await dropFiles(page, photos);
  for (const p of photos) await shownTop(page, p.name, 'inception-v4');

  const result = page.locator(
    `.result-card[data-photo="${photos[0].name}"] .network-result[data-network="inception-v4"]`,
  );
  await result.getByRole('link', { name: 'Look inside Inception-v4' }).click();
  await expect(page).toHaveURL(/\/inception-v4\/released\?photo=[0-9a-z]+$/);
  const slot = new URL(page.url()).searchParams.get('photo')!;
  await page.goto(`/inception-v4/released/stem?photo=${slot}`);
  await page
    .getByRole('button', { name: /^3×3 conv, 32/ })
    .first()
    .click();
  const grid = page.getByRole('list', { name: 'The 16 channels with the highest mean' });
  await expect(grid.getByRole('img')).toHaveCount(16, { timeout: 60_000 });

  const examples = page.getByRole('region', { name: /^Examples for channel \d+$/ });
  await expect(examples).toContainText('No photos are indexed at this layer yet.');
  await examples.getByRole('button', { name: 'Index the kept photos…' }).click();
  await expect(examples).toContainText('3 of 3 kept photos indexed at this layer.', { timeout: 120_000 });
  const crops = examples.getByRole('img');
  await expect(crops).toHaveCount(3);
  const labels = await crops.evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label')!));
  const values = labels.map((l) => Number(/, (-?[\d.]+(?:e-?\d+)?) at cell/.exec(l)![1]));
  expect(labels.map((l) => /pattern-\d\.png/.exec(l)![0]).sort()).toEqual(photos.map((p) => p.name).sort());
  expect(values.every(Number.isFinite)).toBe(true);
  expect([...values].sort((a, b) => b - a)).toEqual(values);
  // The stem's first conv sees 3×3 px of the 299² view.
  for (const box of await crops.evaluateAll((svgs) => svgs.map((s) => s.getAttribute('viewBox')!)))
    expect(box).toMatch(/^\d+ \d+ 3 3$/);
  await expectAccessible(page, 'channel examples');

  // Another channel: its own examples, from the same index.
  await grid.getByRole('button').nth(1).click();
  await expect(page.getByRole('region', { name: /^Examples for channel \d+$/ }).getByRole('img')).toHaveCount(3);

  // Kept in this browser: after a reload the index is there, nothing to run again.
  await page.reload();
  await page
    .getByRole('button', { name: /^3×3 conv, 32/ })
    .first()
    .click();
  const again = page.getByRole('region', { name: /^Examples for channel \d+$/ });
  await expect(again.getByRole('img')).toHaveCount(3, { timeout: 60_000 });
  await expect(again.getByRole('button', { name: 'Index the kept photos…' })).toBeVisible();

  // 中文 once.
  await page.locator('.language-toggle').click();
  const zh = page.getByRole('region', { name: /^通道 \d+ 的示例$/ });
  await expect(zh).toContainText('此层已为 3 张已保存照片中的 3 张建立索引。');
  await expect(zh.getByRole('img').first()).toHaveAttribute(
    'aria-label',
    /^示例 1：pattern-\d\.png，单元 \d+, \d+ 处的值为 /,
  );
});
