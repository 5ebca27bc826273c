import { expect, test } from '@playwright/test';
import { expectAccessible } from '../src/testing/pages/accessible.ts';
import { shownTop } from '../src/testing/pages/classify-page.ts';
import { downloadFromMirror, recipeMirror } from '../src/testing/pages/recipe-mirror.ts';

/**
 * Something to try at once: the sample photos (public/samples/) one click away on the classify page and in
 * the look-inside photo picker, on the production build with Inception-v4's recipe weights on WebAssembly.
 * The recipe weights are stand-ins (make-weights marks them): the card and the results say so.
 */
const server = recipeMirror('inception-v4');

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test('a sample photo is classified with one click, then looked inside from the photo picker', async ({ page }) => {
  const card = await downloadFromMirror(page, server.baseUrl, 'inception-v4');
  // Stand-in weights say so, on the card and above the results.
  await expect(card.locator('.weights-checkpoint')).toHaveAttribute('data-stand-in', 'true');
  await expect(page.locator('.stand-in-notice')).toHaveText(
    'Inception-v4: stand-in weights, the predictions mean nothing.',
  );

  const samples = page.locator('.classify-photos .sample-photos');
  await expect(samples.getByRole('button')).toHaveCount(4);
  const licenceLink = samples.getByRole('link', { name: 'Sources and licences' });
  await expect(licenceLink).toHaveAttribute('href', '/samples/LICENSE.txt');
  await samples.getByRole('button', { name: 'Use the sample photo: a cat' }).click();
  expect(await shownTop(page, 'chelsea.jpg', 'inception-v4')).toHaveLength(5);
  await expectAccessible(page, 'classify page with a sample classified');

  // The licence file is served with the app.
  const licence = await page.request.get('/samples/LICENSE.txt');
  expect(licence.ok()).toBe(true);
  expect(await licence.text()).toContain('chelsea.jpg  (from skimage/data/chelsea.png');

  // Look inside: the network view's photo picker offers the same samples; one click attaches it.
  await page.goto('/inception-v4/released');
  await page.getByRole('button', { name: 'Photo…' }).click();
  const picker = page.getByRole('dialog');
  await expect(picker.locator('.sample-photos').getByRole('button')).toHaveCount(4);
  await expectAccessible(page, 'photo picker with the samples');
  await picker.getByRole('button', { name: 'Use the sample photo: a cup of coffee' }).click();
  await expect(page).toHaveURL(/\/inception-v4\/released\?photo=[0-9a-z]+$/);
  await expect(page.locator('.inside-panel .top-predictions li')).toHaveCount(5, { timeout: 120_000 });
});

test.describe('in 简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('the samples are offered in Chinese, and one click adds the photo', async ({ page }) => {
    await page.goto('/classify?backend=wasm');
    const samples = page.locator('.classify-photos .sample-photos');
    await expect(samples.locator('.sample-heading')).toHaveText('或者试试示例照片：');
    await expect(samples.getByRole('link', { name: '来源与许可' })).toBeVisible();
    await samples.getByRole('button', { name: '使用示例照片：一只猫' }).click();
    await expect(page.locator('.result-card[data-photo="chelsea.jpg"]')).toBeVisible();
    await expectAccessible(page, 'classify page in Chinese with a sample');
  });
});
