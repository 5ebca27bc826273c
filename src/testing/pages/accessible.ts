/** Test support for e2e specs: axe on the page as it is, light theme then dark, expecting no violation. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectAccessible(page: Page, name: string): Promise<void> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const results = await new AxeBuilder({ page }).analyze();
    found.push(
      ...results.violations.flatMap((v) =>
        v.nodes.map((n) => `${name}, ${colorScheme}: ${v.id} (${v.impact}) ${n.target.join(' ')}`),
      ),
    );
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found).toEqual([]);
}
