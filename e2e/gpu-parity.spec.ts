/**
 * The executor on the browser's backends, in the production build, against timm's fixtures.
 *
 * Expectations about which backend is chosen come from the probed hardware (planBackends of what the
 * probes report), so the suite holds on a machine with a real GPU too.
 *
 * WebGPU and WebGL run on SwiftShader here (no GPU): correct but ~0.2 GFLOP/s, so they run a sub-network
 * — the stem through the first Inception-A (Inception-v4, hooks features.0–6) and the stem through
 * Mixed_5b and the first Block35 (Inception-ResNet-v2) — at 299×299 with the recipe weights, and every
 * hooked activation's statistics must match timm's. A kernel silently returning zeros, or counting
 * padding in the average pool, fails here. WASM runs the whole of Inception-ResNet-v2 (all 1000 logits),
 * proving its binaries are served by the production build.
 */
import { expect, test, type Page } from '@playwright/test';
import type { ExecutorRunReply, ExecutorRunRequest } from '../src/harness/modules/executor.ts';
import { compareStats, LOGIT_TOLERANCE, STAT_TOLERANCE, worstStatError } from '../src/runtime/executor/parity.ts';
import { maxAbsDifference } from '../src/runtime/executor/reference-ops.ts';
import { planBackends, softwareAdapterReason, softwareRendererReason, type Capabilities, type SkippedBackend } from '../src/runtime/backends/select.ts';
import { loadReference, type TimmModel } from '../src/testing/fixtures.ts';

const SUBNETWORKS = [
  {
    model: 'inception-v4',
    timm: 'inception_v4',
    until: 'inception-a/0',
    hooks: ['features.0', 'features.1', 'features.2', 'features.3', 'features.4', 'features.5', 'features.6'],
  },
  {
    model: 'inception-resnet-v2',
    timm: 'inception_resnet_v2',
    until: 'inception-resnet-a/0',
    hooks: ['conv2d_1a', 'conv2d_2a', 'conv2d_2b', 'maxpool_3a', 'conv2d_3b', 'conv2d_4a', 'maxpool_5a', 'mixed_5b', 'repeat.0'],
  },
] as const;

async function openHarness(page: Page): Promise<void> {
  await page.goto('/harness.html');
  await expect(page.locator('body[data-harness-ready="true"]')).toBeAttached();
}

async function runRecipe(page: Page, request: ExecutorRunRequest): Promise<ExecutorRunReply> {
  return page.evaluate(async (r) => {
    const m = await window.harness.load('executor');
    return (m.runRecipe as (x: typeof r) => Promise<ExecutorRunReply>)(r);
  }, request);
}

function expectStatsMatch(reply: ExecutorRunReply, model: TimmModel, label: string): string {
  const reference = loadReference(model, 'noise');
  const all = [...reference.stages, ...reference.blocks];
  const lines: string[] = [];
  let worst = 0;
  for (const got of reply.stats) {
    const expected = all.find((s) => s.name === got.name);
    expect(expected, `fixture has ${got.name}`).toBeDefined();
    expect(got.std, `${label} ${got.name}: all values equal (a kernel returning zeros?)`).toBeGreaterThan(0.1);
    expect(compareStats(expected!, got, STAT_TOLERANCE), `${label} ${got.name}`).toEqual([]);
    worst = Math.max(worst, worstStatError(expected!, got));
  }
  lines.push(`${label}: build ${(reply.buildMs / 1000).toFixed(1)} s, run ${(reply.runMs / 1000).toFixed(1)} s, `
    + `${reply.stats.length} hooks, worst stat error ${worst.toExponential(2)} [${reply.backend.detail}]`);
  return lines.join('\n');
}

test.describe('executor parity on the browser backends', () => {
  test('"auto" picks the best backend the probed hardware offers, and says why it passed over the others', async ({ page }) => {
    await openHarness(page);
    const chosen = await page.evaluate(async () => {
      const m = await window.harness.load('executor');
      return (m.chooseBackend as () => Promise<{ name: string; detail: string; skipped: SkippedBackend[]; capabilities: Capabilities }>)();
    });
    console.log(`auto: ${chosen.name} (${chosen.detail}); skipped: ${chosen.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
    // What this machine's probes (adapter, renderer) make of the order — SwiftShader here, a real GPU elsewhere.
    const plan = planBackends(chosen.capabilities);
    expect(chosen.name).toBe(plan.candidates[0]);
    for (const skipped of plan.skipped) expect(chosen.skipped).toContainEqual(skipped);
    if (chosen.name === 'wasm') expect(chosen.detail).toMatch(/^SIMD, single thread/);
    const { webgpu, webgl } = chosen.capabilities;
    if (webgpu.available && softwareAdapterReason(webgpu.adapter)) expect(plan.skipped.find((s) => s.backend === 'webgpu')?.reason).toMatch(/software/);
    if (webgl.available && softwareRendererReason(webgl.renderer)) expect(plan.skipped.find((s) => s.backend === 'webgl')?.reason).toMatch(/software renderer/);
  });

  for (const backend of ['webgpu', 'webgl'] as const) {
    for (const sub of SUBNETWORKS) {
      test(`${backend}: ${sub.model} up to ${sub.until} matches timm's activations`, async ({ page }) => {
        test.setTimeout(300_000);
        await openHarness(page);
        const reply = await runRecipe(page, { model: sub.model, backend, input: 'noise', hooks: [...sub.hooks], until: sub.until });
        expect(reply.backend.name).toBe(backend);
        console.log(expectStatsMatch(reply, sub.timm, `${backend} ${sub.model} → ${sub.until}`));
      });
    }
  }

  test('a lost WebGL context is reported, and the next choice leaves WebGL out', async ({ page }) => {
    await openHarness(page);
    const result = await page.evaluate(async () => {
      const m = await window.harness.load('executor');
      return (m.loseWebGlContext as () => Promise<{ reason: string | null; next: string; capabilities: Capabilities }>)();
    });
    // The next choice is the probed hardware's best without WebGL (WebAssembly here; WebGPU on a real GPU).
    expect(result).toMatchObject({ reason: 'the WebGL context was lost', next: planBackends(result.capabilities, { exclude: ['webgl'] }).candidates[0] });
  });

  test('wasm: the whole Inception-ResNet-v2 gives timm\'s 1000 logits', async ({ page }) => {
    test.setTimeout(300_000);
    await openHarness(page);
    const reply = await runRecipe(page, {
      model: 'inception-resnet-v2', backend: 'wasm', input: 'noise', hooks: ['mixed_5b', 'repeat_1', 'block8', 'global_pool'],
    });
    expect(reply.backend.name).toBe('wasm');
    console.log(expectStatsMatch(reply, 'inception_resnet_v2', 'wasm inception-resnet-v2 (whole)'));
    const logits = loadReference('inception_resnet_v2', 'noise').logits.map(Math.fround);
    const diff = maxAbsDifference(reply.logits!, logits);
    console.log(`wasm inception-resnet-v2: max |Δlogit| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(LOGIT_TOLERANCE);
  });
});
