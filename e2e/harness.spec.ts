import { expect, test } from '@playwright/test';

test('the harness page loads runtime modules from the production build', async ({ page }) => {
  await page.goto('/harness.html');
  await expect(page.locator('body[data-harness-ready="true"]')).toBeAttached();
  const answer = await page.evaluate(async () => (await window.harness.load('ping')).ping());
  expect(answer).toBe('pong');
});
