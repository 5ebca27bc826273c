/**
 * Test support for the evaluate page's e2e specs: the Inception-v4 recipe weights served by a local stand-in
 * for Hugging Face, and a scratch folder for labelled sets, made before the spec file's tests and removed
 * after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import { WeightsServer } from '../weights-server.ts';
import { FILE, recipeWeights, V4_REPO } from './classify-page.ts';

export interface EvaluateSetup {
  /** The recipe weights' file. */
  v4Weights: string;
  /** Where the spec's labelled folders go. */
  scratch: string;
  /** The evaluate page, its weights from the stand-in, on WebAssembly. */
  url(): string;
}

export function evaluateSetup(prefix: string): EvaluateSetup {
  const server = new WeightsServer();
  const setup: EvaluateSetup = {
    v4Weights: '', scratch: '', url: () => `/evaluate?weights=${encodeURIComponent(server.baseUrl)}&backend=wasm`,
  };
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    setup.scratch = mkdtempSync(join(tmpdir(), prefix));
    setup.v4Weights = await recipeWeights('inception-v4');
    await server.start();
    server.serve(V4_REPO, FILE, { path: setup.v4Weights });
  });
  test.afterAll(async () => {
    try {
      await server.stop();
    } finally {
      rmSync(setup.scratch, { recursive: true, force: true });
    }
  });
  return setup;
}
