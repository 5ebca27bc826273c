/**
 * Takes the README's screenshots of the explorer with Playwright against a production build, at
 * 1440×900 and on a phone (390×844), light and dark:
 *   docs/explorer-block.png        Inception-ResNet-B with its 1×7 conv inspected (light)
 *   docs/explorer-diff.png         the paper's Inception-ResNet-B in diff mode, its 1152-vs-1154 problem (dark)
 *   docs/explorer-overview.png     the fully expanded Inception-ResNet-v2 fitted: semantic zoom names its stages
 *                                  (light)
 *   docs/explorer-phone.png        Inception-ResNet-B on a phone, the inspector folded to a sheet (light)
 *   docs/explorer-phone-dark.png   the same with the sheet open (dark)
 *   docs/explorer-block-zh.png     the block view in 简体中文 (a browser whose language is Chinese; light)
 *   docs/explorer-phone-zh-dark.png  the phone's open sheet in 简体中文 (dark)
 *   docs/classify-zh.png           the classify page in 简体中文 (light)
 *   docs/small-home.png            the home page's small networks for learning (light)
 *   docs/small-network-dark.png    Inception-ResNet-v2-S, its overview in the inspector (dark)
 *   docs/small-twin-block.png      the no-shortcut twin's Inception-ResNet-B, its projection inspected (light)
 *   docs/small-diff.png            Inception-ResNet-v2-S diffed against the released Inception-ResNet-v2 (light)
 * Usage: `npx tsx bench/explorer-screenshots.ts [prefix]` (only the files starting with the prefix, e.g. small-).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { withProductionBrowser } from './support/production-browser.ts';

interface Shot {
  file: string;
  path: string;
  theme: 'light' | 'dark';
  phone?: boolean;
  /** The browser's language (the app's default language follows it). */
  locale?: string;
  /** What to do before the picture. */
  then?: (page: Page) => Promise<void>;
  /** What to wait for before it (default: a box of the diagram, or the classify page's weights card). */
  ready?: string;
}

const BLOCK = '/inception-resnet-v2/released/inception-resnet-b?node=inception-resnet-b/0/0/0/1/1';

const SHOTS: readonly Shot[] = [
  { file: 'explorer-block.png', path: BLOCK, theme: 'light' },
  { file: 'explorer-diff.png', path: '/inception-resnet-v2/paper/inception-resnet-b?diff', theme: 'dark' },
  {
    file: 'explorer-overview.png',
    path: '/inception-resnet-v2/released?expand=all',
    theme: 'light',
    then: async (page) => {
      await page.getByRole('button', { name: 'Fit the diagram' }).click();
      await page.getByRole('button', { name: 'Fit the diagram' }).click();
      await page.getByTestId('summary-cards').waitFor();
    },
  },
  { file: 'explorer-phone.png', path: BLOCK, theme: 'light', phone: true },
  {
    file: 'explorer-phone-dark.png',
    path: BLOCK,
    theme: 'dark',
    phone: true,
    then: (page) => page.getByRole('button', { name: /Details/ }).click(),
  },
  { file: 'explorer-block-zh.png', path: BLOCK, theme: 'light', locale: 'zh-CN' },
  {
    file: 'explorer-phone-zh-dark.png',
    path: BLOCK,
    theme: 'dark',
    phone: true,
    locale: 'zh-CN',
    then: (page) => page.getByRole('button', { name: /详情/ }).click(),
  },
  { file: 'classify-zh.png', path: '/classify', theme: 'light', locale: 'zh-CN' },
  {
    file: 'small-home.png',
    path: '/',
    theme: 'light',
    ready: '.small-networks',
    // The group's bottom at the window's: its heading and cards, under the end of the paper's cards.
    then: (page) => page.locator('.small-networks').evaluate((e) => e.scrollIntoView({ block: 'end' })),
  },
  { file: 'small-network-dark.png', path: '/inception-resnet-v2-s/released', theme: 'dark' },
  {
    file: 'small-twin-block.png',
    theme: 'light',
    path: '/inception-resnet-v2-s-no-shortcuts/released/inception-resnet-b?node=inception-resnet-b/0/0/1',
  },
  { file: 'small-diff.png', path: '/inception-resnet-v2-s/released?diff', theme: 'light' },
];
const only = process.argv[2] ?? '';

const docs = resolve('docs');
mkdirSync(docs, { recursive: true });
await withProductionBrowser('screenshots', async ({ browser, base }) => {
  for (const shot of SHOTS.filter((s) => s.file.startsWith(only))) {
    const page = await browser.newPage({
      viewport: shot.phone ? { width: 390, height: 844 } : { width: 1440, height: 900 },
      ...(shot.phone ? { isMobile: true, hasTouch: true } : {}),
      colorScheme: shot.theme,
      reducedMotion: 'reduce',
      locale: shot.locale ?? 'en-US',
      // Without the service worker, so that its "works offline too" notice is not in the picture.
      serviceWorkers: 'block',
    });
    await page.goto(base + shot.path);
    const ready = shot.ready ?? (shot.path.startsWith('/classify') ? '.weights-card' : '[data-address]');
    await page.locator(ready).first().waitFor();
    await shot.then?.(page);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(docs, shot.file) });
    console.log(`wrote docs/${shot.file}`);
    await page.close();
  }
});
