import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect, test, type Page, type Request } from '@playwright/test';
import { dropFiles } from '../src/testing/pages/classify-page.ts';
import { evaluateFixture, GOLDFISH, openWithWeights as openPage, TENCH } from '../src/testing/pages/evaluate-page.ts';
import { labelledFolder, valName } from '../src/testing/labelled-folder.ts';

/**
 * The evaluate page against the production build, on WebAssembly, with Inception-v4 recipe weights
 * served by a local stand-in for Hugging Face. Tiny labelled folders (1 and 12 crops) keep it affordable.
 */
const fixture = evaluateFixture('evaluate-e2e');
test.describe.configure({ mode: 'serial', timeout: 300_000 });

/** Four images in two class folders (the second unreadable), a folder with a wrong WordNet ID, a stray file. */
const smallSet = () =>
  labelledFolder(
    fixture.scratch,
    'val',
    [
      { path: `${TENCH}/${valName(1)}`, fixture: 'photo-420.jpg' },
      { path: `${TENCH}/${valName(2)}`, fixture: 'truncated.jpg' },
      { path: `${GOLDFISH}/${valName(3, 'png')}`, fixture: 'square-341.png' },
      { path: `${GOLDFISH}/${valName(4)}`, fixture: 'photo-444.jpg' },
      { path: 'n99999999/other.jpg', fixture: 'photo-444.jpg' },
    ],
    { 'README.txt': 'not an image' },
  );

const openWithWeights = (page: Page) => openPage(page, fixture);

async function chooseFolder(page: Page, folder: string): Promise<void> {
  await page.getByLabel('Choose a folder of labelled images').setInputFiles(folder);
}

const figures = (page: Page) => page.locator('.run-progress .figures');

async function csvOf(page: Page): Promise<string[]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export predictions (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^inception-explorer-inception-v4-\d+crops-val\w*\.csv$/);
  return readFileSync((await download.path())!, 'utf8')
    .split('\r\n')
    .filter((l) => l !== '');
}

test("a labelled folder at 1 crop: progress, the table beside the paper, the CLI's numbers, a CSV, no image sent", async ({
  page,
}) => {
  const folder = smallSet();
  await openWithWeights(page);
  await chooseFolder(page, folder);
  await expect(page.locator('.dataset-summary')).toContainText(
    'val: 4 labelled images of 2 classes (one folder per class); 1 other file ignored; 1 left out:',
  );
  await expect(page.locator('.dataset-summary .left-out')).toContainText(
    '1 image: folder "n99999999" is not one of the 1000 ImageNet-1k classes',
  );

  const requests: Request[] = [];
  page.context().on('request', (r) => requests.push(r));
  const seen = new Set<string>();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect
    .poll(
      async () => {
        seen.add(
          (await figures(page)
            .getAttribute('data-done')
            .catch(() => null)) ?? '',
        );
        return page.locator('.run-panel').getAttribute('data-status');
      },
      { timeout: 240_000, intervals: [100] },
    )
    .toBe('done');
  expect([...seen].some((d) => Number(d) > 0 && Number(d) < 4)).toBe(true);
  await expect(figures(page)).toHaveText('4 of 4 images · 1 skipped');
  await expect(page.locator('.skipped-images')).toContainText(
    `val/${TENCH}/${valName(2)}: the JPEG data is truncated or corrupt`,
  );

  const row = page.locator('.results-table tr[data-mode="inception-v4/1"]');
  await expect(row.locator('th')).toHaveText('Inception-v4, 1 crop');
  await expect(row.locator('td').nth(0)).toHaveText('3');
  await expect(row.locator('td').last()).toContainText('20.0 % / 5.0 %Table 2');
  const pageTop1 = Number(await row.getAttribute('data-top1'));
  const pageTop5 = Number(await row.getAttribute('data-top5'));

  // The CLI on the same folder and weights gives the same error rates.
  const { stdout } = await promisify(execFile)(
    'npx',
    ['inception-explorer', 'evaluate', folder, '--model', 'inception-v4', '--weights', fixture.weights, '--json'],
    { maxBuffer: 1 << 24 },
  );
  const cli = JSON.parse(stdout) as { images: number; top1Error: number; top5Error: number };
  expect({ images: 3, top1: pageTop1, top5: pageTop5 }).toEqual({
    images: cli.images,
    top1: cli.top1Error,
    top5: cli.top5Error,
  });

  const csv = await csvOf(page);
  expect(csv).toHaveLength(5);
  expect(csv[0]).toMatch(/^index,path,label,wnid,class,status,inception-v4\/1 top1,/);
  expect(csv[2]).toContain(`1,val/${TENCH}/${valName(2)},0,${TENCH},tench,skipped: `);
  expect(csv[3].split(',').slice(0, 6)).toEqual([
    '2',
    `val/${GOLDFISH}/${valName(3, 'png')}`,
    '1',
    GOLDFISH,
    'goldfish',
    'ok',
  ]);

  await expect(page.locator('.worst-classes > li').first()).toBeVisible();
  // Start over asks first, in a modal dialog that Escape closes with the results kept.
  await page.getByRole('button', { name: 'Start over' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Start over?' });
  await expect(ask).toContainText(
    'The results so far (Inception-v4, 1 crop on “val”, 4 of 4 images) will be discarded.',
  );
  await expect(page.getByRole('button', { name: 'Keep the results' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'done');
  await expect(row.locator('td').nth(0)).toHaveText('3');
  // Nothing left the page but requests for the app itself.
  const origin = new URL(page.url()).origin;
  for (const request of requests) {
    expect(request.postDataBuffer(), request.url()).toBeNull();
    expect(new URL(request.url()).origin, request.url()).toBe(origin);
  }
});

test('12 crops: the run also yields the 1-crop error, and images labelled by LOC_val_solution.csv can be dropped', async ({
  page,
}) => {
  const folder = labelledFolder(fixture.scratch, 'val12', [
    { path: `${TENCH}/${valName(1)}`, fixture: 'photo-420.jpg' },
  ]);
  await openWithWeights(page);
  await page.getByLabel('12 crops').check();
  await expect(page.locator('.evaluate-mode .meta').first()).toContainText(
    '12 forward passes per image; the first of the 12 crops is the 1-crop one',
  );
  await chooseFolder(page, folder);
  await page.getByRole('button', { name: 'Start' }).click();
  // The pace shows while the first image's 12 passes run.
  await expect(page.locator('.run-progress')).toContainText(
    /0 of 1 images · [\d.]+ images\/s · about .* left|1 of 1 images/,
    { timeout: 120_000 },
  );
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'done', { timeout: 280_000 });
  await expect(page.locator('.results-table tbody tr')).toHaveCount(2);
  await expect(page.locator('.results-table tr[data-mode="inception-v4/12"] td').last()).toContainText(
    '18.7 % / 4.2 %Table 3',
  );
  const csv = await csvOf(page);
  expect(csv[0]).toContain('inception-v4/1 top1');
  expect(csv[0]).toContain('inception-v4/12 top5');
  expect(csv).toHaveLength(2);

  // The same images with LOC_val_solution.csv, dropped as plain files.
  const solution = `ImageId,PredictionString\r\n${valName(1).replace('.JPEG', '')},${TENCH} 1 2 3 4\r\n${valName(3).replace('.JPEG', '')},${GOLDFISH} 1 2 3 4\r\n`;
  await dropFiles(page, [
    { name: valName(1), mimeType: 'image/jpeg', buffer: readFileSync('fixtures/preprocess/photo-420.jpg') },
    { name: valName(3, 'png'), mimeType: 'image/png', buffer: readFileSync('fixtures/preprocess/square-341.png') },
    { name: 'LOC_val_solution.csv', mimeType: 'text/csv', buffer: Buffer.from(solution) },
  ]);
  await expect(page.locator('.dataset-summary')).toContainText(
    'the chosen files: 2 labelled images of 2 classes (labels from LOC_val_solution.csv).',
  );
});

test('a run interrupted by a reload resumes where it stopped once the folder is chosen again', async ({ page }) => {
  const folder = labelledFolder(
    fixture.scratch,
    'val8',
    Array.from({ length: 8 }, (_, i) => ({
      path: `${i % 2 ? GOLDFISH : TENCH}/${valName(i + 1)}`,
      fixture: i % 2 ? 'photo-444.jpg' : 'photo-420.jpg',
    })),
  );
  await openWithWeights(page);
  await chooseFolder(page, folder);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect
    .poll(async () => Number(await figures(page).getAttribute('data-done')), { timeout: 120_000, intervals: [100] })
    .toBeGreaterThanOrEqual(2);
  await page.reload();

  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'paused');
  await expect(page.locator('.dataset-panel')).toContainText(
    'Choose the folder “val8” again to resume the stored run.',
  );
  const kept = Number(await figures(page).getAttribute('data-done'));
  expect(kept).toBeGreaterThanOrEqual(2);
  expect(kept).toBeLessThan(8);
  await expect(page.locator('.results-table tr[data-mode="inception-v4/1"] td').first()).toHaveText(String(kept));

  await openWithWeights(page);
  await chooseFolder(page, folder);
  await page.getByRole('button', { name: `Resume (${kept} of 8 done)` }).click();
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await expect(figures(page)).toHaveText('8 of 8 images');
  const csv = await csvOf(page);
  expect(csv.slice(1).map((line) => Number(line.split(',')[0]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
});

test('site data cleared during a run: the page says results are not kept and why, offers export, and a reload claims none', async ({
  page,
}) => {
  const folder = labelledFolder(
    fixture.scratch,
    'val6',
    Array.from({ length: 6 }, (_, i) => ({
      path: `${i % 2 ? GOLDFISH : TENCH}/${valName(i + 1)}`,
      fixture: i % 2 ? 'photo-444.jpg' : 'photo-420.jpg',
    })),
  );
  await openWithWeights(page);
  await chooseFolder(page, folder);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect
    .poll(async () => Number(await figures(page).getAttribute('data-done')), { timeout: 120_000, intervals: [100] })
    .toBeGreaterThanOrEqual(1);
  // "Clear site data" for IndexedDB (as DevTools or the browser's settings do): the database goes, its connection
  // closes.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'indexeddb' });

  const notice = page.locator('.run-panel .storage-notice');
  await expect(notice).toContainText(
    'Results are not being kept in this browser: this site’s data was cleared in this browser while the page was open.',
    { timeout: 120_000 },
  );
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(page.locator('.run-panel')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await expect(figures(page)).toHaveText('6 of 6 images');
  // Export keeps what storage could not.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    notice.getByRole('button', { name: 'Export predictions (CSV)' }).click(),
  ]);
  expect(
    readFileSync((await download.path())!, 'utf8')
      .split('\r\n')
      .filter((l) => l !== ''),
  ).toHaveLength(7);

  // After a reload: no run claimed as done with results it no longer has.
  await page.reload();
  await expect(page.locator('.backend-active')).toHaveAttribute('data-backend', 'wasm');
  const panel = page.locator('.run-panel');
  await expect(panel).not.toHaveAttribute('data-status', 'done');
  await expect(page.locator('.results-table')).toHaveCount(0);
});
