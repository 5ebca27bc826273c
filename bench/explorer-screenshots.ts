/**
 * Takes the README's screenshots of the explorer with Playwright against a production build:
 * docs/explorer-block.png (Inception-ResNet-B with its 1×7 conv inspected) and docs/explorer-diff.png
 * (the paper's Inception-ResNet-B in diff mode, with its 1152-vs-1154 problem).
 * Usage: `npx tsx bench/explorer-screenshots.ts`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium-path.mjs';

const SHOTS: ReadonlyArray<{ file: string; path: string }> = [
  { file: 'explorer-block.png', path: '/inception-resnet-v2/released/inception-resnet-b?node=inception-resnet-b/0/0/0/1/1' },
  { file: 'explorer-diff.png', path: '/inception-resnet-v2/paper/inception-resnet-b?diff' },
];

const docs = resolve('docs');
mkdirSync(docs, { recursive: true });
const dist = mkdtempSync(join(tmpdir(), 'explorer-shots-'));
try {
  await build({ logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  const server = await preview({ logLevel: 'warn', preview: { port: 0, host: '127.0.0.1' }, build: { outDir: dist } });
  const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!base) throw new Error('vite preview reported no URL');
  const executablePath = chromiumPath();
  const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, colorScheme: 'light', reducedMotion: 'reduce' });
    for (const shot of SHOTS) {
      await page.goto(base + shot.path);
      await page.locator('[data-address]').first().waitFor();
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(docs, shot.file) });
      console.log(`wrote docs/${shot.file}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(dist, { recursive: true, force: true });
}
