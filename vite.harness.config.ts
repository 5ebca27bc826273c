import { defineConfig, mergeConfig } from 'vite';
import app from './vite.config.ts';

/**
 * The production build plus the test harness page (harness.html → src/testing/harness/), for the e2e
 * tests (`npm run test:e2e`, `npm run check:gpu`) and the benchmarks. The app's own build
 * (`vite build`, vite.config.ts) has no harness and no test-only module: scripts/production-build.test.ts
 * checks that.
 */
export default mergeConfig(
  app,
  defineConfig({
    build: { rollupOptions: { input: { main: 'index.html', harness: 'harness.html' } } },
  }),
);
