import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../src/testing/pages/accessible.ts';
import { evaluateFixture, GOLDFISH, openWithWeights, TENCH } from '../src/testing/pages/evaluate-page.ts';
import { labelledFolder, valName } from '../src/testing/labelled-folder.ts';

/**
 * The evaluation's dashboards against the production build, on WebAssembly, with Inception-v4 recipe
 * weights served by a local stand-in for Hugging Face: the reliability diagram and its ECE (the CLI's
 * figure), the confusion among the classes present, the evaluated images opening in look inside, in
 * English and 中文, and what a reload leaves (predictions, not the images).
 */
const fixture = evaluateFixture('evaluate-dashboards-e2e');
test.describe.configure({ mode: 'serial', timeout: 420_000 });

const sum = async (page: Page, selector: string) =>
  (await page.locator(selector).evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-count'))))).reduce(
    (a, b) => a + b,
    0,
  );

test("after a run: the reliability diagram with the CLI's ECE, the confusion, and an image opened in look inside", async ({
  page,
}) => {
  const folder = labelledFolder(fixture.scratch, 'val', [
    { path: `${TENCH}/${valName(1)}`, fixture: 'photo-420.jpg' },
    { path: `${TENCH}/${valName(2, 'png')}`, fixture: 'landscape-640x427.png' },
    { path: `${GOLDFISH}/${valName(3, 'png')}`, fixture: 'square-341.png' },
    { path: `${GOLDFISH}/${valName(4)}`, fixture: 'photo-444.jpg' },
  ]);
  await openWithWeights(page, fixture);
  await page.getByLabel('Choose a folder of labelled images').setInputFiles(folder);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });

  const section = page.locator('section.dashboards');
  await expect(section).toHaveAttribute('data-mode', 'inception-v4/1');
  await expect(section.getByRole('heading', { name: 'Calibration and confusion' })).toBeVisible();
  // The reliability diagram: 15 bins, the 4 images in its bars, the ECE stated with its bins — the CLI's figure.
  const ece = section.locator('.ece');
  await expect(ece).toContainText(
    /^Expected calibration error \(ECE\): \d+\.\d\s%, over 15 equal-width bins of the top-1 probability \(4 images\)\./,
  );
  await expect(
    section.getByRole('img', {
      name: /^Reliability diagram: top-1 accuracy against top-1 probability in 15 bins; ECE \d+\.\d\s%$/,
    }),
  ).toBeVisible();
  expect(await sum(page, '.reliability-diagram .bin')).toBe(4);
  const { stdout } = await promisify(execFile)(
    'npx',
    ['inception-explorer', 'evaluate', folder, '--model', 'inception-v4', '--weights', fixture.weights, '--json'],
    { maxBuffer: 1 << 24 },
  );
  const cli = JSON.parse(stdout) as { ece: number; reliability: { count: number }[]; confusion: { classes: number[] } };
  expect(Number(await ece.getAttribute('data-ece'))).toBeCloseTo(cli.ece, 9);
  const bins = await page
    .locator('.reliability-diagram .bin')
    .evaluateAll((nodes) =>
      nodes.map((n) => [Number(n.getAttribute('data-bin')), Number(n.getAttribute('data-count'))]),
    );
  expect(bins).toEqual(cli.reliability.flatMap((b, i) => (b.count > 0 ? [[i, b.count]] : [])));

  // The confusion among the two classes present: a matrix whose cells hold the 4 images, each with its count as a
  // title.
  expect(cli.confusion.classes).toEqual([0, 1]);
  const matrix = section.getByRole('img', { name: /^Confusion matrix of 2 classes/ });
  await expect(matrix).toBeVisible();
  expect(await sum(page, '.confusion-matrix .cell')).toBe(4);
  await expect(matrix.locator('.cell title').first()).toHaveText(
    /^(tench|goldfish) (right|taken for .+): \d of 2 images$/,
  );
  await expect(matrix.locator('text', { hasText: 'goldfish' })).toHaveCount(2);

  // The evaluated images, misclassified first; "Look inside" opens the network's view with that image.
  const images = section.locator('.evaluated-images > li');
  await expect(images).toHaveCount(4);
  const correct = await images.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-correct')));
  expect(correct).toEqual([...correct].sort());
  await expectAccessible(page, 'evaluate dashboards');
  for (const [width, scheme] of [
    [1280, 'light'],
    [1280, 'dark'],
    [390, 'light'],
    [390, 'dark'],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    // The page scrolls inside .app-main: a window as tall as the section shows it whole.
    const height = await section.evaluate((e) => e.getBoundingClientRect().height);
    await page.setViewportSize({ width, height: Math.ceil(height) + 160 });
    await section.evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await section.screenshot({ path: test.info().outputPath(`dashboards-${width}-${scheme}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: 'light' });

  // 中文: the same section in the other language.
  await page.locator('.language-toggle').click();
  await expect(section.getByRole('heading', { name: '校准与混淆' })).toBeVisible();
  await expect(ece).toContainText(/^期望校准误差（ECE）：\d+\.\d\s%，按 top-1 概率分为 15 个等宽区间（4 张图片）。/);
  await expect(section.getByRole('img', { name: /^2 个类别的混淆矩阵/ })).toBeVisible();
  await expect(images.first().getByRole('button', { name: /^查看内部/ })).toBeEnabled();
  await page.locator('.language-toggle').click();

  const first = images.first();
  const path = (await first.locator('.path').textContent())!;
  await first.getByRole('button', { name: `Look inside Inception-v4 with ${path}` }).click();
  await expect(page).toHaveURL(/\/inception-v4\/released\?photo=[0-9a-z]+$/);
  await expect(page.locator('.inside-panel .photo-name strong')).toHaveText(path.slice(path.lastIndexOf('/') + 1), {
    timeout: 60_000,
  });
  await expect(page.locator('.inside-panel .top-predictions li')).toHaveCount(5, { timeout: 120_000 });

  // Back on the page the images are still there; after a reload only their predictions are, and the list says so.
  await page.goBack();
  await expect(images.first().getByRole('button', { name: /^Look inside/ })).toBeEnabled();
  await page.reload();
  await expect(section.locator('.evaluated-images-missing')).toHaveText(
    'The images of a stored run are not kept in this browser, only their predictions: choose the folder again to look inside them.',
  );
  await expect(images.first().getByRole('button', { name: /^Look inside/ })).toBeDisabled();
  await expect(ece).toContainText('(4 images)');
});
