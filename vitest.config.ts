import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // A temp dir of the run's own; the run fails if a test leaves anything in it.
    globalSetup: ['src/testing/temp-dir-guard.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
