/**
 * Every control reached with Tab shows where the keyboard is (WCAG 2.4.7): its outline or box-shadow, or
 * that of its label where the control itself is hidden behind one (the file pickers: a label styled as a
 * button over a visually hidden input), differs from how it looks unfocused (issue 18, item 7).
 */
import { expect, test, type Page } from '@playwright/test';

const PAGES: ReadonlyArray<{ path: string; ready: (page: Page) => Promise<void> }> = [
  { path: '/', ready: (p) => p.locator('h1').first().waitFor() },
  { path: '/inception-v4/released?node=inception-a', ready: (p) => p.locator('[data-fact="Output"]').waitFor() },
  {
    path: '/inception-v4/released',
    ready: async (p) => {
      await p.getByRole('button', { name: 'Photo…' }).click();
      await p.getByText('Choose a photo…').waitFor();
    },
  },
  { path: '/classify', ready: (p) => p.locator('h1').first().waitFor() },
  { path: '/evaluate', ready: (p) => p.locator('select').first().waitFor() },
  { path: '/learn', ready: (p) => p.locator('h1').first().waitFor() },
  { path: '/compare', ready: (p) => p.getByRole('img').first().waitFor() },
];

/**
 * The focused control's outline and box-shadow (or its labels' where it is hidden behind them) and the
 * opacity of its children (the diagram's boxes draw their ring as a child), then the same after it loses
 * focus; Tab then goes on from it (the sequential focus navigation starting point).
 */
const focusAndBlur = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return undefined;
    const seen = active.hasAttribute('data-focus-checked');
    active.setAttribute('data-focus-checked', '');
    const shown = [active, ...((active as HTMLInputElement).labels ?? [])].filter((e) => {
      const box = e.getBoundingClientRect();
      return box.width > 2 && box.height > 2;
    });
    const looks = () =>
      shown
        .map((e) => {
          const s = getComputedStyle(e);
          const rings = [...e.children].map((c) => getComputedStyle(c).opacity).join(',');
          return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow} | ${rings}`;
        })
        .join(' ; ');
    const focused = looks();
    active.blur();
    const unfocused = looks();
    const label = active.getAttribute('aria-label') ?? active.textContent ?? '';
    return {
      seen,
      name: `${active.tagName.toLowerCase()} "${label.trim().slice(0, 50)}"`,
      visible: focused !== unfocused,
    };
  });

test('every control reached with Tab shows a focus indicator', async ({ page }) => {
  const missing: string[] = [];
  for (const view of PAGES) {
    await page.goto(view.path);
    await view.ready(page);
    let checked = 0;
    for (let step = 0; step < 150; step++) {
      await page.keyboard.press('Tab');
      const focus = await focusAndBlur(page);
      if (!focus) continue;
      if (focus.seen) break; // round the page and back
      checked++;
      if (!focus.visible) missing.push(`${view.path}: ${focus.name}`);
    }
    expect(checked, view.path).toBeGreaterThan(3);
  }
  expect(missing).toEqual([]);
});
