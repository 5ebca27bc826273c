import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

// `npm run check:gpu`: the full-network WebGPU/WebGL parity check (e2e/*.gpu.ts), slow on a software
// adapter, hence outside `npm test` (whose config matches only *.spec.ts).
export default defineConfig({
  ...base,
  testMatch: '**/*.gpu.ts',
  timeout: 30 * 60_000,
});
