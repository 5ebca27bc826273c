import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { dropFiles } from '../src/testing/pages/classify-page.ts';

/**
 * A site whose storage quota is 1 byte (set through the DevTools protocol, as a full disk or a tight
 * browser setting would leave it): a photo added on the classify page cannot be kept in IndexedDB, and
 * the page says so and why, instead of a "look inside" link failing later and blaming the 24-photo limit.
 */
const PHOTO = { name: 'quota.jpg', mimeType: 'image/jpeg', buffer: readFileSync('fixtures/preprocess/photo-420.jpg') };

test('with a 1-byte quota, photos are said not to be kept and why; a link to one does not blame the photo limit', async ({
  page,
}) => {
  await page.goto('/classify?backend=wasm');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 1 });
  await dropFiles(page, [PHOTO]);
  const notice = page.getByRole('alert').filter({ hasText: 'Photos are not being kept in this browser' });
  await expect(notice).toHaveText(
    'Photos are not being kept in this browser: this site’s storage in this browser is full ' +
      '(its quota is exceeded). They last until the page closes, so a “Look inside” link to one will not open after a reload.',
    { timeout: 30_000 },
  );

  // A later visit with a link to a photo this browser never kept: the library is not full, so not the limit.
  await page.goto('/inception-v4/released?photo=abcdefghij');
  const problem = page.locator('.inside-panel .problem');
  await expect(problem).toContainText(
    'The photo of this link is not in this browser: it was added on another device, ' +
      'or this browser did not keep it',
    { timeout: 30_000 },
  );
  await expect(problem).not.toContainText('most recent are kept');
});
