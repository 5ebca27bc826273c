import { expect, test } from '@playwright/test';
import { expectAccessible } from '../src/testing/pages/accessible.ts';
import { lookInsideWithPhoto } from '../src/testing/pages/inside-page.ts';
import { recipeMirror } from '../src/testing/pages/recipe-mirror.ts';

/**
 * "What this channel responds to" in the inspector's channel grid, on the production build with
 * Inception-ResNet-v2's recipe weights on WebAssembly: the image forms step by step, Cancel stops it, a
 * finished run reports the channel's rise and is answered from this browser's store the next time (in
 * 简体中文 too).
 */
const server = recipeMirror('inception-resnet-v2');

test.describe.configure({ mode: 'serial', timeout: 600_000 });

/** The standard deviation of the canvas's red values: a blank or uniform image has none. */
const spread = (canvas: HTMLCanvasElement) => {
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < data.length; i += 4) {
    sum += data[i];
    squares += data[i] * data[i];
  }
  const n = data.length / 4;
  return Math.sqrt(squares / n - (sum / n) ** 2);
};

test('visualise a channel: the image forms, Cancel stops it, a finished one is kept', async ({ page }) => {
  const slot = await lookInsideWithPhoto(page, server.baseUrl);

  // The stem's first convolution: its channel grid, and under the enlarged channel its visualisation.
  await page.goto(`/inception-resnet-v2/released/stem?photo=${slot}`);
  await page
    .getByRole('button', { name: /^3×3 conv, 32/ })
    .first()
    .click();
  await expect(page.getByRole('list', { name: 'The 16 channels with the highest mean' }).getByRole('img')).toHaveCount(
    16,
    { timeout: 120_000 },
  );
  const section = page.getByRole('region', { name: 'What this channel responds to' });
  await section.getByRole('combobox', { name: 'Steps' }).selectOption('16');
  const start = section.getByRole('button', { name: /^Visualise channel \d+$/ });
  await start.click();
  await expect(section.getByRole('status')).toContainText(/Step \d+ of 16 · channel mean .* · [\d.]+ s per step/, {
    timeout: 120_000,
  });
  const image = section.getByRole('img', { name: /^The image that raises channel \d+, after \d+ of 16 steps$/ });
  await expect(image).toBeVisible({ timeout: 120_000 });
  await section.getByRole('button', { name: 'Cancel' }).click();
  await expect(section.getByRole('status')).toHaveText('Cancelled.');
  await expect(section.getByRole('combobox', { name: 'Steps' })).toBeEnabled();

  // A whole run: the channel's mean rises, the image is not uniform, and the time per step is said.
  await start.click();
  const done = section.getByRole('status').filter({ hasText: /rose from/ });
  await expect(done).toHaveText(
    /^Channel \d+’s mean rose from \S+ to \S+ in 16 steps \([\d.]+ s per step on WebAssembly\)\.$/,
    { timeout: 480_000 },
  );
  const [from, to] = (await done.textContent())!
    .match(/rose from (\S+) to (\S+) in/)!
    .slice(1)
    .map(Number);
  expect(to).toBeGreaterThan(from);
  const finished = section.getByRole('img', { name: /after 16 of 16 steps$/ });
  expect(await finished.evaluate(spread)).toBeGreaterThan(5);
  await expectAccessible(page, "a channel's feature visualisation");

  // The same request in 简体中文: answered from this browser's store at once.
  await page.evaluate(() => localStorage.setItem('inception-explorer.language', 'zh'));
  await page.reload();
  await page
    .getByRole('button', { name: /^3×3 conv, 32/ })
    .first()
    .click();
  const zh = page.getByRole('region', { name: '这个通道对什么有响应' });
  await zh.getByRole('combobox', { name: '步数' }).selectOption('16', { timeout: 120_000 });
  await zh.getByRole('button', { name: /^可视化通道 \d+$/ }).click();
  await expect(zh.getByRole('status').filter({ hasText: /均值在 16 步内从/ })).toContainText(
    '取自本浏览器保存的先前结果',
    { timeout: 60_000 },
  );
  await expect(zh.getByRole('img', { name: /^提高通道 \d+ 的图像，第 16 \/ 16 步之后$/ })).toBeVisible();
});
