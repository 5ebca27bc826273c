/**
 * Colours that must be told apart (issue 18, item 15): the home cards' stages, each matched to its key by
 * colour, and the paper-vs-released list, whose "changed" is not a shade of "removed" and whose items are
 * marked, not written all in the mark's colour.
 */
import { lab } from 'd3';
import { expect, test } from '@playwright/test';

/** ΔE 1976 between two CSS colours. */
const distance = (a: string, b: string) => {
  const x = lab(a);
  const y = lab(b);
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
};

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('every stage of a home card has a colour of its own, the same in the bar and in the key', async ({ page }) => {
      await page.goto('/');
      const strip = page.locator('figure.stage-strip').first();
      const bar = await strip
        .locator('.stage-bar .segment')
        .evaluateAll((s) => s.map((e) => getComputedStyle(e).backgroundColor));
      const key = await strip
        .locator('.stage-key i')
        .evaluateAll((s) => s.map((e) => getComputedStyle(e).backgroundColor));
      expect(bar).toHaveLength(7);
      expect(key).toEqual(bar);
      const close: string[] = [];
      for (let i = 0; i < bar.length; i++) {
        for (let j = i + 1; j < bar.length; j++)
          if (distance(bar[i], bar[j]) < 20) close.push(`${i} ${bar[i]} ~ ${j} ${bar[j]}`);
      }
      expect(close).toEqual([]);
    });

    test('paper vs released: "changed" is no shade of "removed", and items are marked, not coloured whole', async ({
      page,
    }) => {
      await page.goto('/inception-resnet-v2/paper?diff');
      const legend = page.locator('.inspector .legend').first();
      const colour = (selector: string) => legend.locator(selector).evaluate((e) => getComputedStyle(e).color);
      const changed = await colour('.diff-changed');
      const removed = await colour('.diff-removed');
      expect(distance(changed, removed)).toBeGreaterThan(50);
      const item = page.getByTestId('diff-list').locator('li.diff-changed').first();
      const [text, mark, fg] = await item.evaluate((li) => [
        getComputedStyle(li.querySelector('button, span') ?? li).color,
        getComputedStyle(li.querySelector('strong')!).color,
        getComputedStyle(document.body).color,
      ]);
      expect(mark).toBe(changed);
      expect(text).toBe(fg);
    });
  });
}
