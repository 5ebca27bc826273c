/**
 * Test support for the evaluate page's e2e specs: Inception-v4 recipe weights served by a local stand-in
 * for Hugging Face, a scratch folder for labelled folders (both set up and removed by the spec's hooks),
 * and the page opened on WebAssembly with those weights loaded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { WeightsServer } from '../weights-server.ts';
import { FILE, recipeWeights, V4_REPO } from './classify-page.ts';

export const TENCH = 'n01440764';
export const GOLDFISH = 'n01443537';

export interface EvaluateFixture {
  server: WeightsServer;
  /** The Inception-v4 recipe weights file (set in beforeAll). */
  weights: string;
  /** This spec's scratch folder, removed after its tests (set in beforeAll). */
  scratch: string;
}

/** Registers the spec's beforeAll and afterAll hooks; the fields are set once beforeAll has run. */
export function evaluateFixture(name: string): EvaluateFixture {
  const fixture: EvaluateFixture = { server: new WeightsServer(), weights: '', scratch: '' };
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    fixture.scratch = mkdtempSync(join(tmpdir(), `${name}-`));
    fixture.weights = await recipeWeights('inception-v4');
    await fixture.server.start();
    fixture.server.serve(V4_REPO, FILE, { path: fixture.weights });
  });
  test.afterAll(async () => {
    try {
      await fixture.server.stop();
    } finally {
      rmSync(fixture.scratch, { recursive: true, force: true });
    }
  });
  return fixture;
}

/** /evaluate on WebAssembly with Inception-v4's weights ready (downloaded, or found in this browser's cache). */
export async function openWithWeights(page: Page, fixture: EvaluateFixture): Promise<void> {
  await page.goto(`/evaluate?weights=${encodeURIComponent(fixture.server.baseUrl)}&backend=wasm`);
  await expect(page.locator('.backend-active')).toHaveAttribute('data-backend', 'wasm');
  const card = page.locator('.weights-card[data-network="inception-v4"]');
  const status = card.locator('.weights-status');
  // A reload finds the weights in this browser's cache and loads them by itself.
  if (
    (await status.getAttribute('data-status')) !== 'ready' &&
    !(await card.getByRole('button', { name: 'Cancel' }).isVisible())
  ) {
    await card.getByRole('button', { name: /^Download/ }).click();
  }
  await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
}
