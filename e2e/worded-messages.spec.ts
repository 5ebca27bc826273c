import { expect, test } from '@playwright/test';
import { dropFiles } from '../src/testing/pages/classify-page.ts';

/**
 * Messages already on the page follow a switch of language (issue 17 item 5): the classify page keeps
 * what it has to say as data (a catalogue entry, or the runtime's failure: a code and its parameters) and
 * words it when it renders, so nothing stays in the language it was first said in.
 */
test("a message shown before the switch is said in Chinese after it, the runtime's reason too", async ({ page }) => {
  await page.goto('/classify?weights=nonsense&backend=wasm');
  const problem = page.locator('.messages li').filter({ hasText: 'nonsense' });
  await expect(problem).toContainText(
    'URL parameter "weights": weights base URL "nonsense" is not a URL (expected e.g. https://huggingface.co)',
  );
  await dropFiles(page, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') }]);
  const refused = page.locator('.messages li').filter({ hasText: 'notes.txt' });
  await expect(refused).toContainText('notes.txt is not an image (text/plain)');

  await page.locator('.language-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(problem).toContainText(
    'URL 参数“weights”：权重下载地址“nonsense”不是网址（应类似 https://huggingface.co）',
  );
  await expect(refused).toContainText('notes.txt 不是图片（text/plain）');
  for (const text of [await problem.textContent(), await refused.textContent()]) {
    // Only names are left in Latin letters: URL, the parameter, the file, its type, the address, the formats.
    expect(
      text!.replace(
        /URL|weights|nonsense|https:\/\/huggingface\.co|notes\.txt|text\/plain|JPEG|PNG|WebP|safetensors|×/g,
        '',
      ),
    ).not.toMatch(/[A-Za-z]{2,}/);
  }
  await page.locator('.language-toggle').click();
  await expect(problem).toContainText('is not a URL');
});
