/**
 * Benchmarks run against the production build plus the harness page (vite.harness.config.ts, as the e2e
 * tests do): this builds it into a temporary folder, serves it with `vite preview` on a free port,
 * launches headless Chromium like the e2e tests do, hands all three to `run`, and cleans up whatever
 * happens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium-path.mjs';

export interface ProductionBrowser {
  browser: Browser;
  /** Base URL of the served build, without a trailing slash (cross-origin isolated, as vite.config.ts serves it). */
  base: string;
  /** The same build served without COOP/COEP, as a host that cannot set headers would: no WASM threads. */
  baseWithoutIsolation: string;
  /** The build folder. */
  dist: string;
}

export async function withProductionBrowser(
  name: string,
  run: (env: ProductionBrowser) => Promise<void>,
  afterBuild?: (dist: string) => void,
): Promise<void> {
  const dist = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  try {
    // The app plus the harness page (harness.html), which the benchmarks drive.
    await build({ configFile: 'vite.harness.config.ts', logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
    afterBuild?.(dist);
    const options = {
      logLevel: 'warn',
      preview: { port: 0, host: '127.0.0.1', strictPort: false },
      build: { outDir: dist },
    } as const;
    const server = await preview(options);
    // Without the project's config file, vite preview sends no isolation headers.
    const plain = await preview({ ...options, configFile: false });
    try {
      const [base, baseWithoutIsolation] = [server, plain].map((s) => s.resolvedUrls?.local[0]?.replace(/\/$/, ''));
      if (!base || !baseWithoutIsolation) throw new Error('vite preview reported no URL');
      const executablePath = chromiumPath();
      const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
      try {
        await run({ browser, base, baseWithoutIsolation, dist });
      } finally {
        await browser.close();
      }
    } finally {
      await Promise.all([server.close(), plain.close()]);
    }
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}
