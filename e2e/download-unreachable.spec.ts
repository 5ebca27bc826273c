import { expect, test } from '@playwright/test';
import { weightsCard } from '../src/testing/pages/classify-page.ts';

/**
 * A download source that cannot be reached (nothing listens at the mirror's port, as Hugging Face is for a
 * browser offline or behind a firewall): while it retries the card says it is connecting and retrying, not
 * that it reads the cache; when it gives up, the advice says what works without a connection to it.
 */
test('an unreachable source: connecting and retrying, then the ways that need no connection', async ({ page }) => {
  await page.goto(`/classify?weights=${encodeURIComponent('http://127.0.0.1:9')}&backend=wasm`);
  const card = weightsCard(page, 'inception-v4');
  const status = card.locator('.weights-status');
  const seen: string[] = [];
  await card.getByRole('button', { name: /^Download/ }).click();
  await expect
    .poll(
      async () => {
        const text = (await status.textContent()) ?? '';
        if (seen.at(-1) !== text) seen.push(text);
        return text;
      },
      { intervals: [50], timeout: 30_000 },
    )
    .toMatch(/trying again \(attempt 2 of 4\)/);
  await expect(card.locator('.error')).toBeVisible({ timeout: 60_000 });
  expect(seen.filter((text) => text.includes('reading from this browser’s cache'))).toEqual([]);
  await expect(card.locator('.error .advice')).toHaveText(
    'The download could not connect: check that you are online ' +
      '(or that the mirror is running), then try again. Without a connection to Hugging Face from here: get ' +
      'model.safetensors of timm/inception_v4.tf_in1k (the official files are at ' +
      'https://huggingface.co/timm/inception_v4.tf_in1k) another way and load it with “Use a .safetensors file…”, ' +
      'or set a mirror under “Download source”.',
  );
  await expect(card.locator('.error .detail')).toContainText('gave up after 4 attempts');
});
