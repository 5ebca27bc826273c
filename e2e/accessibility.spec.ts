/**
 * axe on every view of the production build, in the light and the dark theme and on a phone: no
 * violation of any impact. (The diagram's SVG text is beyond axe's contrast check; its palette is tested
 * in src/views/diagram/palette.test.ts.)
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const VIEWS: ReadonlyArray<{ name: string; path: string; ready: (page: Page) => Promise<void> }> = [
  { name: 'home', path: '/', ready: (p) => p.getByRole('heading', { name: 'Inception Explorer', level: 1 }).waitFor() },
  {
    name: 'network',
    path: '/inception-v4/released',
    ready: (p) => p.locator('[data-address="inception-a"]').waitFor(),
  },
  {
    name: 'network, expanded, diff',
    path: '/inception-resnet-v2/paper?expand=all&diff',
    ready: (p) => p.getByTestId('diff-list').waitFor({ state: 'attached' }),
  },
  {
    name: 'block with a selection',
    path: '/inception-resnet-v2/released/inception-resnet-b?node=inception-resnet-b/0/0/0/1/1',
    ready: (p) => p.locator('[data-fact="Output"]').waitFor({ state: 'attached' }),
  },
  {
    name: 'block with a problem',
    path: '/inception-resnet-v2/paper/inception-resnet-b?q=1x7',
    ready: (p) => p.locator('[data-problem]').first().waitFor(),
  },
  {
    name: 'one-variant network',
    path: '/inception-resnet-v1/paper',
    ready: (p) => p.locator('[data-address="stem"]').waitFor(),
  },
  {
    name: 'small network',
    path: '/inception-resnet-v2-s/released',
    ready: (p) => p.locator('[data-address="stem"]').waitFor(),
  },
  {
    name: 'small network, diff',
    path: '/inception-resnet-v2-s/released?diff',
    ready: (p) => p.getByTestId('diff-list').waitFor({ state: 'attached' }),
  },
  {
    name: 'stale link',
    path: '/inception-v4/paper/stem?node=stem/42',
    ready: (p) => p.getByTestId('ignored-notice').waitFor(),
  },
  { name: 'compare', path: '/compare', ready: (p) => p.getByRole('img', { name: 'Parameters per stage' }).waitFor() },
  {
    name: 'figures',
    path: '/figures',
    ready: (p) => p.getByRole('heading', { name: 'The paper’s figures' }).waitFor(),
  },
  {
    name: 'classify',
    path: '/classify',
    ready: (p) => p.getByRole('heading', { name: 'Classify a photo', level: 1 }).waitFor(),
  },
  { name: 'not found', path: '/no/such/page', ready: (p) => p.getByRole('heading', { name: 'Not found' }).waitFor() },
];

const SETTINGS = [
  { name: 'light', colorScheme: 'light', viewport: { width: 1440, height: 900 } },
  { name: 'dark', colorScheme: 'dark', viewport: { width: 1440, height: 900 } },
  { name: 'phone', colorScheme: 'light', viewport: { width: 390, height: 844 } },
  { name: 'phone, dark', colorScheme: 'dark', viewport: { width: 390, height: 844 } },
] as const;

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`,
    ),
  );
}

for (const setting of SETTINGS) {
  test.describe(`axe, ${setting.name}`, () => {
    test.use({ colorScheme: setting.colorScheme, viewport: setting.viewport, reducedMotion: 'reduce' });
    test('every view: no violations', async ({ page }) => {
      const found: string[] = [];
      for (const view of VIEWS) {
        await page.goto(view.path);
        await view.ready(page);
        found.push(...(await violations(page)).map((v) => `${view.name}: ${v}`));
      }
      expect(found).toEqual([]);
    });
  });
}

test.describe('axe on a phone, with the folding parts open', () => {
  test.use({ viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
  test('menu, toolbar tools and the inspector sheet open: no violations', async ({ page }) => {
    await page.goto('/inception-resnet-v2/released/inception-resnet-b?node=inception-resnet-b/0/0/0/1/1');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Tools' }).click();
    await page.getByRole('button', { name: /Details/ }).click();
    await expect(page.locator('.sheet-body [data-fact="Output"]')).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
});
