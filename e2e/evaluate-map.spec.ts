import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../src/testing/pages/accessible.ts';
import { evaluateFixture, GOLDFISH, openWithWeights, TENCH } from '../src/testing/pages/evaluate-page.ts';
import { labelledFolder, valName } from '../src/testing/labelled-folder.ts';

/**
 * The evaluate page's feature map against the production build (WebAssembly, Inception-v4 recipe weights
 * from a local stand-in for Hugging Face): one point per evaluated image, the same projection as
 * `evaluate --json --features-map`, kept over a reload, accessible, in both languages.
 */
const setup = evaluateFixture('evaluate-map-e2e');
test.describe.configure({ mode: 'serial', timeout: 300_000 });

async function evaluated(page: Page): Promise<string> {
  const folder = labelledFolder(setup.scratch, 'val', [
    { path: `${TENCH}/${valName(1)}`, fixture: 'photo-420.jpg' },
    { path: `${TENCH}/${valName(2)}`, fixture: 'truncated.jpg' },
    { path: `${GOLDFISH}/${valName(3, 'png')}`, fixture: 'square-341.png' },
    { path: `${GOLDFISH}/${valName(4)}`, fixture: 'photo-444.jpg' },
  ]);
  await openWithWeights(page, setup);
  await page.getByLabel('Choose a folder of labelled images').setInputFiles(folder);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  return folder;
}

test('after a run, the map has one point per evaluated image, as the CLI projects them; a click names one; a reload keeps it', async ({
  page,
}, info) => {
  const folder = await evaluated(page);
  const map = page.locator('section.feature-map');
  await expect(map).toHaveAttribute('data-points', '3');
  await expect(map.locator('.feature-map-chart .mark')).toHaveCount(3);
  await expect(map.getByRole('heading', { name: 'Feature map' })).toBeVisible();
  await expect(map).toContainText('the 1536 features Inception-v4 pools before its classifier');
  await expect(map).toContainText('Features are kept for the first 5,000 images of a set');
  await expect(map.locator('.map-legend li')).toHaveText([/^ ?tench \(1\)$/, /^ ?goldfish \(2\)$/, /misclassified$/]);
  const explained = (await map.locator('.map-axes').getAttribute('data-explained'))!.split(' ').map(Number);
  expect(explained[0] + explained[1]).toBeCloseTo(1, 5); // three points span a plane

  // The CLI on the same folder and weights: the same variance along each axis.
  const { stdout } = await promisify(execFile)(
    'npx',
    [
      'inception-explorer',
      'evaluate',
      folder,
      '--model',
      'inception-v4',
      '--weights',
      setup.weights,
      '--json',
      '--features-map',
    ],
    { maxBuffer: 1 << 24 },
  );
  const cli = JSON.parse(stdout) as { featureMap: { explained: [number, number]; points: unknown[] } };
  expect(cli.featureMap.points).toHaveLength(3);
  expect(explained[0]).toBeCloseTo(cli.featureMap.explained[0], 3);

  await map.locator(`.feature-map-chart .mark`).first().click();
  await expect(map.locator('.map-selected')).toContainText(`Selected: val/${TENCH}/${valName(1)}: tench`);
  await expectAccessible(page, 'evaluate with its feature map');

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await map.screenshot({ path: info.outputPath(`feature-map-desktop-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await page.reload();
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'done');
  await expect(map).toHaveAttribute('data-points', '3');
  await expect(map.locator('.map-axes')).toHaveAttribute('data-explained', explained.join(' '));
});

test("in 简体中文, on a phone: the map's words, and axe finds nothing", async ({ page }, info) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await evaluated(page);
  await page.evaluate(() => localStorage.setItem('inception-explorer.language', 'zh'));
  await page.reload();
  const map = page.locator('section.feature-map');
  await expect(map).toHaveAttribute('data-points', '3');
  await expect(map.getByRole('heading', { name: '特征图' })).toBeVisible();
  await expect(map).toContainText('只保存数据集前 5,000 张图片的特征');
  await expect(map.locator('.map-axes')).toContainText('第 1 主成分：方差的');
  await expect(map.locator('.map-legend li').last()).toHaveText(/分类错误/);
  await expectAccessible(page, 'evaluate with its feature map, 简体中文, 390 px');
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(width[0]).toBeLessThanOrEqual(width[1]);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await map.screenshot({ path: info.outputPath(`feature-map-phone-${colorScheme}.png`) });
  }
});
