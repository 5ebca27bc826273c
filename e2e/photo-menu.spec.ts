/**
 * The explorer's Photo menu (issue 18, item 14): a photo chosen twice is listed once, and a photo's name
 * is readable, not cut after a few characters.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const PHOTO = readFileSync('fixtures/preprocess/landscape-640x427.png');
const OTHER = readFileSync('fixtures/preprocess/gray-400x300.png');

/** Opens the Photo menu (on a phone, behind Tools). */
async function openMenu(page: Page): Promise<void> {
  const tools = page.getByRole('button', { name: 'Tools' });
  if ((await tools.isVisible()) && (await tools.getAttribute('aria-expanded')) !== 'true') await tools.click();
  await page.getByRole('button', { name: /^Photo/ }).click();
}

async function choose(page: Page, name: string, buffer: Buffer): Promise<void> {
  await openMenu(page);
  await page.locator('.photo-picker-panel input[type="file"]').setInputFiles({ name, mimeType: 'image/png', buffer });
  await expect(page.locator('.photo-picker-panel')).toHaveCount(0);
}

for (const width of [1280, 360]) {
  test(`a photo chosen twice is listed once, its name readable (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/inception-v4/released');
    await choose(page, 'lake-at-dawn-2024.png', PHOTO);
    await choose(page, 'grey-card.png', OTHER);
    await choose(page, 'lake-at-dawn-2024.png', PHOTO);
    await openMenu(page);
    const labels = page.locator('.photo-list .photo-label');
    await expect(labels).toHaveText(['lake-at-dawn-2024.png', 'grey-card.png']);
    // Every label shows its whole name: nothing hidden by an ellipsis or a clip.
    const clipped = await labels.evaluateAll((spans) =>
      spans
        .filter((s) => s.scrollWidth > s.clientWidth + 1 || s.scrollHeight > s.clientHeight + 1)
        .map((s) => s.textContent),
    );
    expect(clipped).toEqual([]);
    // The panel stays on the screen.
    const panel = (await page.locator('.photo-picker-panel').boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(width);
  });
}

test('a link to a photo this browser does not have: no "Photo ✓", no empty thumbnail frames, a way on', async ({
  page,
}) => {
  await page.goto('/inception-v4/released?photo=gone000000');
  await expect(page.getByRole('alert')).toContainText(
    'The photo of this link is not in this browser: it was added on another device, or this browser did not keep it',
  );
  await expect(page.locator('[data-address="inception-a"]')).toBeAttached();
  await expect(page.locator('.photo-picker > button')).toHaveText('Photo…');
  await expect(page.locator('.ie-thumbnail')).toHaveCount(0);
});
