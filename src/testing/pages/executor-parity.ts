/**
 * The executor in the real browser through the harness page (src/testing/harness/modules/executor.ts), and the
 * comparison of its hooked activations with timm's fixtures. Shared by e2e/gpu-parity.spec.ts (part of
 * `npm test`) and e2e/full-network.gpu.ts (`npm run check:gpu`).
 */
import { expect, type Page } from '@playwright/test';
import type { ExecutorRunReply, ExecutorRunRequest } from '../harness/modules/executor.ts';
import { compareStats, STAT_TOLERANCE, worstStatError } from '../parity.ts';
import { loadReference, type TimmModel } from '../fixtures.ts';
import { callHarness, openHarness } from './harness-page.ts';

export { openHarness };

export function runRecipe(page: Page, request: ExecutorRunRequest): Promise<ExecutorRunReply> {
  return callHarness<ExecutorRunReply>(page, 'executor', 'runRecipe', request);
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
  return (
    `${label}: build ${(reply.buildMs / 1000).toFixed(1)} s, run ${(reply.runMs / 1000).toFixed(1)} s, ` +
    `${reply.stats.length} hooks, worst stat error ${worst.toExponential(2)} [${reply.backend.detail}]`
  );
}
