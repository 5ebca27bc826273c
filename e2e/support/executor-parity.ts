/**
 * The executor in the real browser through the harness page (src/harness/modules/executor.ts), and the
 * comparison of its hooked activations with timm's fixtures. Shared by e2e/gpu-parity.spec.ts (part of
 * `npm test`) and gpu/full-network.gpu.ts (`npm run check:gpu`).
 */
import { expect, type Page } from '@playwright/test';
import type { ExecutorRunReply, ExecutorRunRequest } from '../../src/harness/modules/executor.ts';
import { compareStats, STAT_TOLERANCE, worstStatError } from '../../src/runtime/executor/parity.ts';
import { loadReference, type TimmModel } from '../../src/testing/fixtures.ts';

export async function openHarness(page: Page): Promise<void> {
  await page.goto('/harness.html');
  await expect(page.locator('body[data-harness-ready="true"]')).toBeAttached();
}

export async function runRecipe(page: Page, request: ExecutorRunRequest): Promise<ExecutorRunReply> {
  return page.evaluate(async (r) => {
    const m = await window.harness.load('executor');
    return (m.runRecipe as (x: typeof r) => Promise<ExecutorRunReply>)(r);
  }, request);
}

/** Every hooked activation's statistics match timm's (and none is constant); returns a summary line. */
export function expectStatsMatch(reply: ExecutorRunReply, model: TimmModel, label: string): string {
  const reference = loadReference(model, 'noise');
  const all = [...reference.stages, ...reference.blocks];
  let worst = 0;
  for (const got of reply.stats) {
    const expected = all.find((s) => s.name === got.name);
    expect(expected, `fixture has ${got.name}`).toBeDefined();
    expect(got.std, `${label} ${got.name}: all values equal (a kernel returning zeros?)`).toBeGreaterThan(0.1);
    expect(compareStats(expected!, got, STAT_TOLERANCE), `${label} ${got.name}`).toEqual([]);
    worst = Math.max(worst, worstStatError(expected!, got));
  }
  return `${label}: build ${(reply.buildMs / 1000).toFixed(1)} s, run ${(reply.runMs / 1000).toFixed(1)} s, `
    + `${reply.stats.length} hooks, worst stat error ${worst.toExponential(2)} [${reply.backend.detail}]`;
}
