/**
 * On the narrowest phones in use (360 px wide) no page scrolls sideways, in either language: what is wider
 * than the screen (the diagram, wide tables) scrolls inside its own box, never the page (issue 18, item 1).
 */
import { expect, test, type Page } from '@playwright/test';

const PAGES: ReadonlyArray<{ path: string; ready: (page: Page) => Promise<void> }> = [
  { path: '/', ready: (p) => p.locator('h1').first().waitFor() },
  { path: '/inception-v4/released', ready: (p) => p.locator('[data-address="inception-a"]').waitFor() },
  {
    path: '/inception-resnet-v2/paper/inception-resnet-b?diff',
    ready: (p) => p.locator('[data-address]').first().waitFor(),
  },
  { path: '/classify', ready: (p) => p.locator('h1').first().waitFor() },
  { path: '/evaluate', ready: (p) => p.locator('select').first().waitFor() },
  { path: '/learn', ready: (p) => p.locator('h1').first().waitFor() },
  { path: '/compare', ready: (p) => p.getByRole('img').first().waitFor() },
];

/** The document and the app's main area (which scrolls the page's content) against the screen. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    const main = document.querySelector('.app-main')!;
    const wide = [...document.querySelectorAll('body *')]
      .filter(
        (e) => e.getBoundingClientRect().right > root.clientWidth + 0.5 && !e.closest('.table-scroll, .ie-diagram'),
      )
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)}`);
    return { scrollWidth: Math.max(root.scrollWidth, main.scrollWidth), clientWidth: root.clientWidth, wide };
  });

for (const locale of ['en-GB', 'zh-CN'] as const) {
  test.describe(`at 360 px, ${locale}`, () => {
    test.use({ viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true, locale });

    test('no page is wider than the screen', async ({ page }) => {
      const found: string[] = [];
      for (const view of PAGES) {
        await page.goto(view.path);
        await view.ready(page);
        const { scrollWidth, clientWidth, wide } = await overflow(page);
        if (scrollWidth > clientWidth) found.push(`${view.path}: ${scrollWidth} > ${clientWidth} (${wide.join(', ')})`);
      }
      expect(found).toEqual([]);
    });
  });
}
