/**
 * The explorer in the production build: navigation, inspector, search, URLs (reload, back/forward),
 * keyboard, export, not-found, theme.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { pngSize } from '../src/views/export/export.ts';
import { pngDimensions, svgFacts } from '../src/testing/pages/explorer-files.ts';

const diagramBox = (page: Page, name: RegExp) => page.getByRole('button', { name });
const fact = (page: Page, label: string) => page.locator(`.inspector [data-fact="${label}"]`);
const searchStatus = (page: Page) => page.getByTestId('search-status');

test('home → Inception-ResNet-v2 → Inception-ResNet-B → the 1×7 conv reads 17×17×160', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Explore Inception-ResNet-v2', exact: true }).click();
  await expect(page).toHaveURL(/\/inception-resnet-v2\/released$/);
  await diagramBox(page, /^20 × Inception-ResNet-B/).dblclick();
  await expect(page).toHaveURL(/\/inception-resnet-v2\/released\/inception-resnet-b$/);
  await expect(page.getByRole('heading', { name: 'Inception-ResNet-B', level: 2 })).toBeVisible();
  await diagramBox(page, /^1×7 conv, 160/).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('1×7 conv, 160');
  await expect(fact(page, 'Output')).toHaveText('17×17×160');
  await expect(fact(page, 'Input')).toHaveText('17×17×128');
  await expect(fact(page, 'Checkpoint key')).toHaveText('repeat_1.0.branch1.1');
  await expect(page).toHaveURL(/node=inception-resnet-b\/0\/0\/0\/1\/1/);
});

test('search "7x1" highlights the matches and steps through them', async ({ page }) => {
  await page.goto('/inception-v4/released/inception-b');
  const search = page.getByRole('searchbox', { name: /Search layers/ });
  await search.fill('7x1');
  await expect(searchStatus(page)).toHaveText('3 matches');
  await expect(page.locator('[data-address][data-highlighted]')).toHaveCount(3);
  await expect(page).toHaveURL(/q=7x1/);
  await search.press('Enter');
  await expect(searchStatus(page)).toHaveText('1 of 3');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('7×1 conv, 256');
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(searchStatus(page)).toHaveText('2 of 3');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('7×1 conv, 192');
  await search.press('Shift+Enter');
  await page.getByRole('button', { name: 'Previous match' }).click();
  await expect(searchStatus(page)).toHaveText('3 of 3');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('7×1 conv, 224');
  await expect(page.locator('[data-address][data-selected]')).toHaveAttribute('aria-label', /^7×1 conv, 224/);
});

test('search in a whole network opens the rolled-up block holding the match', async ({ page }) => {
  await page.goto('/inception-resnet-v2/released');
  await page.getByRole('searchbox', { name: /Search layers/ }).fill('7x1');
  await expect(searchStatus(page)).toHaveText('20 matches');
  // Rolled up, the twenty matches light up the one "20 × Inception-ResNet-B" box.
  await expect(page.locator('[data-address][data-highlighted]')).toHaveCount(1);
  await page.getByRole('searchbox', { name: /Search layers/ }).press('Enter');
  await expect(searchStatus(page)).toHaveText('1 of 20');
  await expect(page).toHaveURL(/expand=inception-resnet-b,inception-resnet-b\/0/);
  await expect(page.locator('[data-address="inception-resnet-b/0/0/0/1/2"][role="button"]')).toHaveAttribute(
    'data-selected',
    '',
  );
  await expect(fact(page, 'Output')).toHaveText('17×17×192');
});

test('a deep link survives a reload, and back/forward walk the views', async ({ page }) => {
  await page.goto('/inception-resnet-v2/released/inception-resnet-b?node=inception-resnet-b/0/0/0/1/1');
  await expect(fact(page, 'Output')).toHaveText('17×17×160');
  await page.reload();
  await expect(fact(page, 'Output')).toHaveText('17×17×160');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('1×7 conv, 160');

  await page.goto('/');
  await page.getByRole('link', { name: 'Explore Inception-v4', exact: true }).click();
  await page.getByRole('list', { name: 'Stages' }).getByRole('link', { name: '4 × Inception-A' }).click();
  await expect(page).toHaveURL(/\/inception-v4\/released\/inception-a$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/inception-v4\/released$/);
  await expect(page.getByRole('heading', { name: 'Inception-v4 (released)', level: 2 })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL(/\/inception-v4\/released\/inception-a$/);
  await expect(page.getByRole('heading', { name: 'Inception-A', level: 2 })).toBeVisible();
});

test('the keyboard moves between boxes, selects, and goes up a level', async ({ page }) => {
  await page.goto('/inception-resnet-v2/released/inception-resnet-b?node=inception-resnet-b/0/0/0/1/1');
  await diagramBox(page, /^1×7 conv, 160/).focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^7×1 conv, 192/);
  await page.keyboard.press(' ');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('7×1 conv, 192');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/inception-resnet-v2\/released\?node=inception-resnet-b$/);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('20 × Inception-ResNet-B');
});

test('exports the block as a valid SVG with its labels, and as a PNG at twice its size', async ({ page }) => {
  await page.goto('/inception-resnet-v2/released/inception-resnet-b');
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  expect(svgDownload.suggestedFilename()).toBe('inception-resnet-v2-released-inception-resnet-b.svg');
  const svg = readFileSync((await svgDownload.path())!, 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.localName };
  }, svg);
  expect(parsed).toEqual({ error: null, root: 'svg' });
  const facts = svgFacts(svg);
  for (const label of [
    '1×1 conv, 192',
    '1×1 conv, 128',
    '1×7 conv, 160',
    '7×1 conv, 192',
    '1×1 conv, 1088, Linear',
    'Filter concat',
  ]) {
    expect(facts.texts).toContain(label);
  }

  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  expect(pngDownload.suggestedFilename()).toBe('inception-resnet-v2-released-inception-resnet-b.png');
  const png = pngDimensions(readFileSync((await pngDownload.path())!));
  expect(png).toEqual({ width: Math.ceil(facts.viewBox.width * 2), height: Math.ceil(facts.viewBox.height * 2) });
});

test('exports the whole expanded network, every layer in one SVG and one PNG that fits a canvas', async ({ page }) => {
  await page.goto('/inception-resnet-v2/released?expand=all');
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  expect(svgDownload.suggestedFilename()).toBe('inception-resnet-v2-released-expanded.svg');
  const facts = svgFacts(readFileSync((await svgDownload.path())!, 'utf8'));
  expect(facts.texts.filter((t) => t === '7×1 conv, 192')).toHaveLength(20);
  expect(facts.texts).toEqual(expect.arrayContaining(['Input', 'Softmax', 'Fully connected, 1000']));
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  const expected = pngSize(facts.viewBox.width, facts.viewBox.height);
  expect(expected.scale).toBeGreaterThan(1);
  expect(pngDimensions(readFileSync((await pngDownload.path())!))).toEqual({
    width: expected.width,
    height: expected.height,
  });
});

test('diff mode marks the stem of the released Inception-ResNet-v2 as changed', async ({ page }) => {
  await page.goto('/inception-resnet-v2/released');
  const toggle = page.getByRole('button', { name: 'Paper vs released' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/[?&]diff(&|$)/);
  await expect(page.locator('[data-address="stem"]')).toHaveAttribute('data-diff', 'changed');
  await expect(page.getByTestId('diff-list')).toContainText('Stem');
  await page.reload();
  await expect(page.locator('[data-address="stem"]')).toHaveAttribute('data-diff', 'changed');
});

test('a small network diffs against the released network it is derived from', async ({ page }) => {
  await page.goto('/inception-resnet-v2-s/released');
  const toggle = page.getByRole('button', { name: 'vs Inception-ResNet-v2' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/[?&]diff(&|$)/);
  const list = page.getByTestId('diff-list');
  await expect(list).toContainText(
    'Inception-ResNet-A: 10 repetitions in Inception-ResNet-v2, 1 in Inception-ResNet-v2-S.',
  );
  await expect(list).toContainText('Classifier: 1000 classes in Inception-ResNet-v2, 10 in Inception-ResNet-v2-S.');
  await expect(page.locator('[data-address="stem"]')).toHaveAttribute('data-diff', 'changed');
  await expect(page.locator('[data-address="reduction-a"]')).not.toHaveAttribute('data-diff', /./);
  // A sentence leads to its place: the stem, selected in the inspector with its note.
  await list.getByRole('button', { name: /^Stem: / }).click();
  await expect(page.getByRole('note').filter({ hasText: /^vs Inception-ResNet-v2: / })).toContainText(
    'A small-input stem',
  );
});

test('unknown URLs say what was not found and lead back', async ({ page }) => {
  const cases: Array<[string, string, string]> = [
    ['/no/such/page/here', 'There is no page at /no/such/page/here.', 'All networks'],
    ['/resnet-50', 'There is no network or page "resnet-50".', 'All networks'],
    [
      '/inception-resnet-v1/released',
      'Inception-ResNet-v1 has no variant "released" (it has paper).',
      'Back to Inception-ResNet-v1',
    ],
    [
      '/inception-v4/paper/inception-resnet-b',
      'There is no block "inception-resnet-b" in Inception-v4 (paper); its blocks are stem, inception-a,',
      'Back to Inception-v4 (paper)',
    ],
    ['/figure/99', 'The paper has no figure "99"', 'Back to the figures'],
  ];
  for (const [url, message, back] of cases) {
    await page.goto(url);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText(message);
    await expect(page.getByRole('link', { name: back })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Back to the figures' }).click();
  await expect(page.getByRole('heading', { name: 'The paper’s figures' })).toBeVisible();
  await page.getByRole('link', { name: /Fig\. 17/ }).click();
  await expect(page).toHaveURL(/\/inception-resnet-v2\/paper\/inception-resnet-b$/);
});

test('the theme follows a toggle and remembers it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: /Follow the system theme/ }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

/** A string every build of tfjs-core carries (its environment flag registry), to recognise its chunks. */
const TFJS_SIGNATURE = 'IS_BROWSER';

test('the explorer never requests TensorFlow.js', async ({ page }) => {
  const assets = resolve(process.env.E2E_DIST ?? 'dist', 'assets');
  const tfChunks = readdirSync(assets).filter(
    (f) => /\.m?js$/.test(f) && readFileSync(join(assets, f), 'utf8').includes(TFJS_SIGNATURE),
  );
  // Positive control: the build does hold TensorFlow.js (for /classify), so its absence below means something.
  expect(tfChunks.length).toBeGreaterThan(0);

  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto('/');
  await page.getByRole('link', { name: 'Explore Inception-ResNet-v2', exact: true }).click();
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(page.locator('[data-address="inception-resnet-b/19/0/0/1/2"]')).toBeAttached();
  await page.getByRole('button', { name: 'Paper vs released' }).click();
  await page.getByRole('searchbox', { name: /Search layers/ }).fill('17x17');
  await page.goto('/inception-v4/paper/stem');
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  await page.getByRole('link', { name: 'Compare' }).click();
  await expect(page.getByRole('img', { name: 'Parameters per stage' })).toBeVisible();
  await page.getByRole('link', { name: 'Figures' }).click();
  await page.getByRole('link', { name: /Fig\. 9/ }).click();
  await expect(page).toHaveURL(/\/inception-v4\/paper$/);

  const scripts = requested.filter((p) => /\.m?js$/.test(p));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((p) => tfChunks.includes(basename(p)))).toEqual([]);
});
