import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../src/testing/pages/accessible.ts';
import { LOCALE_STORAGE_KEY } from '../src/views/i18n/locale.ts';
import { mirroredPhoto } from '../src/testing/pages/mirror.ts';
import { downloadFromMirror, recipeMirror } from '../src/testing/pages/recipe-mirror.ts';

/**
 * Two photos inside one network (issue 19), on the production build with Inception-ResNet-v2's recipe
 * weights on WebAssembly: a photo, then "Compare with…" its mirror: every box shows both thumbnails side
 * by side, and "Where they part" has one point per block with a cosine in [−1, 1]; the URL carries the
 * second photo; stopping the comparison returns to one thumbnail per box. Once in 简体中文.
 */
const PHOTO = readFileSync('fixtures/preprocess/photo-444.jpg');
const server = recipeMirror('inception-resnet-v2');

test.describe.configure({ mode: 'serial', timeout: 400_000 });

/** Chooses a file in the open photo picker's panel. */
async function chooseIn(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.locator('.photo-picker-panel input[type="file"]').setInputFiles({ name, mimeType, buffer });
  await expect(page.locator('.photo-picker-panel')).toHaveCount(0);
}

test('a photo and its mirror: both thumbnails in every box, where they part along depth, back to one', async ({
  page,
}) => {
  await downloadFromMirror(page, server.baseUrl, 'inception-resnet-v2');
  const mirror = await mirroredPhoto(page, PHOTO, 'image/jpeg');

  await page.goto('/inception-resnet-v2/released');
  await page.getByRole('button', { name: /^Photo/ }).click();
  await chooseIn(page, 'photo-444.jpg', 'image/jpeg', PHOTO);
  await expect(page.locator('.inside-panel .top-predictions li')).toHaveCount(5, { timeout: 120_000 });
  const boxes = page.locator('.ie-diagram .ie-thumbnail');
  const count = await boxes.count();
  expect(count).toBeGreaterThanOrEqual(10);
  await expect(page.locator('.ie-thumbnail-second')).toHaveCount(0);

  // Compare with the mirror (from the panel's own picker).
  const section = page.locator('.compare-section');
  await section.getByRole('button', { name: 'Compare with…' }).click();
  await chooseIn(page, 'photo-444-mirror.png', 'image/png', mirror);
  await expect(page).toHaveURL(/[?&]photo=[0-9a-z]+&compare=[0-9a-z]+$/);
  await expect(section.locator('.photo-name')).toContainText('photo-444-mirror.png');

  // Every box with a thumbnail shows two, side by side, both drawn.
  await expect(boxes).toHaveCount(count);
  await expect(page.locator('.ie-diagram .ie-thumbnail-second image')).toHaveCount(count, { timeout: 120_000 });
  await expect(page.locator('.ie-diagram .ie-thumbnail image')).toHaveCount(2 * count);
  const pairs = await boxes.evaluateAll((gs) =>
    gs.map((g) =>
      [...g.querySelectorAll('image')].map(
        (i) =>
          [
            Number(i.getAttribute('x')),
            Number(i.getAttribute('y')),
            Number(i.getAttribute('width')),
            i.getAttribute('href') ?? '',
          ] as const,
      ),
    ),
  );
  for (const [[x1, y1, w1, h1], [x2, y2, , h2]] of pairs as Array<Array<readonly [number, number, number, string]>>) {
    expect(x2).toBeGreaterThanOrEqual(x1 + w1);
    expect(y2).toBe(y1);
    expect(h1).toMatch(/^data:image\/png/);
    expect(h2).toMatch(/^data:image\/png/);
  }
  // The input bar shows the two crops, which differ (one is the other's mirror).
  expect(pairs.some(([[, , , a], [, , , b]]) => a !== b)).toBe(true);

  // Where they part: one point per block of the depth chart, each a cosine in [−1, 1].
  await expect(section).toHaveAttribute('data-parting', 'done', { timeout: 120_000 });
  const chart = section.getByRole('img', {
    name: /^Cosine similarity of the outputs for photo-444\.jpg and photo-444-mirror\.png/,
  });
  await expect(chart).toBeVisible();
  const depthPoints = await page.locator('.depth-chart svg').first().locator('circle').count();
  const values = await chart
    .locator('circle')
    .evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('data-cosine'))));
  expect(values.length).toBe(depthPoints);
  expect(values.length).toBeGreaterThan(40);
  for (const v of values) {
    expect(v).toBeGreaterThanOrEqual(-1);
    expect(v).toBeLessThanOrEqual(1);
  }
  // A mirror is not the same photo to the network: somewhere along depth the two are told apart.
  expect(Math.min(...values)).toBeLessThan(0.99);
  await expect(chart.locator('circle title').first()).toHaveText(/^Stem: -?\d\.\d\d$/);
  // The caption tells the ends in words (a largest drop too, where one shows at two decimals).
  const [first, last] = [values[0].toFixed(2), values[values.length - 1].toFixed(2)];
  await expect(section.locator('figcaption')).toContainText(`From ${first} at the first block to ${last} at the last.`);
  await expectAccessible(page, 'two photos compared');

  // 简体中文 once: the section and the chart in Chinese.
  await page.evaluate((key) => localStorage.setItem(key, 'zh'), LOCALE_STORAGE_KEY);
  await page.reload();
  await expect(page.locator('.compare-section h3')).toHaveText('在哪里分开', { timeout: 120_000 });
  await expect(page.locator('.compare-section').getByRole('img', { name: /沿深度逐块的余弦相似度$/ })).toBeVisible({
    timeout: 120_000,
  });
  await expectAccessible(page, 'two photos compared, 简体中文');
  await page.evaluate((key) => localStorage.setItem(key, 'en'), LOCALE_STORAGE_KEY);
  await page.reload();

  // Stop comparing: one thumbnail per box again, and the URL forgets the second photo.
  await page.locator('.compare-section').getByRole('button', { name: 'Stop comparing' }).click();
  await expect(page).toHaveURL(/[?&]photo=[0-9a-z]+$/);
  await expect(page.locator('.ie-thumbnail-second')).toHaveCount(0);
  await expect(page.locator('.ie-diagram .ie-thumbnail image')).toHaveCount(count, { timeout: 60_000 });
  await expect(page.locator('.compare-section').getByRole('button', { name: 'Compare with…' })).toBeVisible();
});
