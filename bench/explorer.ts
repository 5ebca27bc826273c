/**
 * Prints the explorer's figures against its targets (print, don't assert):
 * - initial JavaScript, gzipped (target ≤ 250 KB): what index.html loads, and what the browser actually
 *   fetches to show the home page and a block;
 * - layout of the fully expanded released Inception-ResNet-v2 (target ≤ 50 ms);
 * - first diagram painted after navigation in headless Chromium (target ≤ 1.5 s);
 * - zoom and pan of the fully expanded graph: long tasks (target: none > 50 ms).
 * Usage: `npm run bench:explorer` (builds into a temporary directory, serves it with `vite preview`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { expandAll, layoutNetwork } from '../src/layout/index.ts';
import { analyzeNetwork } from '../src/model/analysis/analyze.ts';
import { NETWORKS } from '../src/model/networks/index.ts';
import { LONG_TASK_PROBE, takeLongTasks, zoomAndPan } from './support/long-tasks.ts';
import { withProductionBrowser } from './support/production-browser.ts';

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (t: number) => `${t.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

function layoutFigures(): void {
  const analysis = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
  const all = expandAll(analysis);
  for (let i = 0; i < 5; i++) layoutNetwork(analysis, all);
  const times: number[] = [];
  let boxes = 0;
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    boxes = layoutNetwork(analysis, all).boxes.length;
    times.push(performance.now() - t);
  }
  console.log(
    `layout, fully expanded released Inception-ResNet-v2 (${boxes} boxes, Node): median ${ms(median(times))}, p95 ${ms(p95(times))} (target ≤ 50 ms)`,
  );
}

/** Gzipped size of the scripts index.html loads before anything runs: its entry and module preloads. */
function staticInitialJs(dist: string): void {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]);
  let total = 0;
  for (const src of scripts) total += gzipSync(readFileSync(join(dist, src))).length;
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map(
    (m) => gzipSync(readFileSync(join(dist, m[1]))).length,
  );
  console.log(
    `initial JavaScript in index.html: ${scripts.length} file(s), ${kb(total)} gzipped (target ≤ 250 KB); CSS ${kb(css.reduce((a, b) => a + b, 0))} gzipped`,
  );
}

// Init scripts as source text: functions compiled by tsx carry helpers that do not exist in the page.
/** Resolves `__diagramPainted` with the time of the frame after the first diagram box is in the DOM. */
const PAINT_PROBE = `
  window.__diagramPainted = new Promise((resolve) => {
    const check = () => {
      if (!document.querySelector('[data-address]')) return false;
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
      return true;
    };
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    document.addEventListener('DOMContentLoaded', () => {
      if (!check()) observer.observe(document.body, { childList: true, subtree: true });
    });
  });`;

async function browserFigures(browser: Browser, base: string, dist: string): Promise<void> {
  // What the browser fetches to show a page, gzipped as a server would send it.
  for (const path of ['/', '/inception-resnet-v2/released/inception-resnet-b']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (/\.m?js$/.test(p)) scripts.add(p);
    });
    await page.goto(base + path, { waitUntil: 'networkidle' });
    const total = [...scripts].reduce((n, p) => n + gzipSync(readFileSync(join(dist, p))).length, 0);
    console.log(`JavaScript fetched to show ${path}: ${scripts.size} file(s), ${kb(total)} gzipped`);
    await context.close();
  }

  // First diagram painted: from navigation start to the frame after the first box is in the DOM.
  for (const path of [
    '/inception-resnet-v2/released/inception-resnet-b',
    '/inception-resnet-v2/released',
    '/inception-resnet-v2/released?expand=all',
  ]) {
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(PAINT_PROBE);
      await page.goto(base + path);
      times.push((await page.evaluate('window.__diagramPainted')) as number);
      await context.close();
    }
    console.log(
      `first diagram painted after navigation, ${path}: median ${ms(median(times))}, max ${ms(Math.max(...times))} over ${times.length} cold loads (target ≤ 1.5 s)`,
    );
  }

  // Zoom and pan of the fully expanded graph, watching for long tasks.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(LONG_TASK_PROBE);
  await page.goto(`${base}/inception-resnet-v2/released?expand=all`);
  await page.locator('[data-address="inception-resnet-b/19/0/0/1/2"]').waitFor({ state: 'attached' });
  await page.waitForTimeout(500);
  const loading = await takeLongTasks(page);
  const t = performance.now();
  const events = await zoomAndPan(page);
  const seconds = (performance.now() - t) / 1000;
  await page.waitForTimeout(300);
  const during = await takeLongTasks(page);
  const boxes = await page.locator('[data-address]').count();
  console.log(
    `zoom/pan of the fully expanded graph (${boxes} boxes): ${events} wheel/drag events in ${seconds.toFixed(1)} s, ` +
      `long tasks > 50 ms: ${during.length}${during.length ? ` (max ${ms(Math.max(...during))})` : ''} (target 0); ` +
      `while loading it: ${loading.length}${loading.length ? ` (max ${ms(Math.max(...loading))})` : ''}`,
  );
  await context.close();
}

layoutFigures();
await withProductionBrowser(
  'explorer',
  ({ browser, base, dist }) => browserFigures(browser, base, dist),
  staticInitialJs,
);
