import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium-path.mjs';

// Several test runs may share a machine: each picks its own port (inherited by Playwright's workers
// through the environment) and may serve its own build directory (E2E_DIST, default dist).
process.env.E2E_PORT ??= String(4200 + (process.pid % 700));
const PORT = Number(process.env.E2E_PORT);
const DIST = process.env.E2E_DIST ?? 'dist';
const executablePath = chromiumPath();

// The e2e tests run against the production build (`vite build`, run by `npm run test:e2e`).
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    // The app's service worker would answer requests that specs intercept with page.route; only
    // e2e/offline.spec.ts, which tests it, lets it run.
    serviceWorkers: 'block',
    launchOptions: {
      args: CHROMIUM_ARGS,
      ...(executablePath ? { executablePath } : {}),
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
