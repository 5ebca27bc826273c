/**
 * A lazily loaded page whose chunk fails to arrive (a tab left open across a deploy, a 503) fails alone
 * (issue 16, item 3): it says what happened and offers Reload, the header stays, the explorer works.
 */
import { expect, test } from '@playwright/test';

test('a classify chunk that fails says so, offers Reload, and leaves the explorer usable', async ({ page }) => {
  await page.route(/\/assets\/ClassifyPage-[^/]*\.js$/, (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  await page.goto('/');
  await page.getByRole('link', { name: 'Classify a photo' }).first().click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This page could not be loaded');
  await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
  await alert.getByRole('link', { name: 'Explore the networks' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.goto('/inception-v4/released');
  await expect(page.locator('[data-address="inception-a"][role="button"]')).toBeVisible();
});
