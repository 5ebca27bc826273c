import { expect, test } from '@playwright/test';

test('the production build serves the app', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Inception Explorer' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Inception-ResNet-v2', exact: true })).toBeVisible();
});
