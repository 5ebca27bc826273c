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
 * proving its binaries are served by the production build. The whole networks on WebGPU and WebGL are
 * `npm run check:gpu` (gpu/full-network.gpu.ts): minutes on SwiftShader, so not part of `npm test`.
 */
import { expect, test } from '@playwright/test';
import { LOGIT_TOLERANCE } from '../src/testing/parity.ts';
import { maxAbsDifference } from '../src/runtime/executor/reference-ops.ts';
import { loadReference } from '../src/testing/fixtures.ts';
import { englishFailure } from '../src/runtime/failure-words.ts';
import { expectStatsMatch, openHarness, runRecipe } from '../src/testing/pages/executor-parity.ts';
import {
  planBackends,
  softwareAdapterReason,
  softwareRendererReason,
  type Capabilities,
  type SkippedBackend,
} from '../src/runtime/backends/select.ts';

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
    hooks: [
      'conv2d_1a',
      'conv2d_2a',
      'conv2d_2b',
      'maxpool_3a',
      'conv2d_3b',
      'conv2d_4a',
      'maxpool_5a',
      'mixed_5b',
      'repeat.0',
    ],
  },
] as const;

test.describe('executor parity on the browser backends', () => {
  test('"auto" picks the best backend the probed hardware offers, and says why it passed over the others', async ({
    page,
  }) => {
    await openHarness(page);
    const chosen = await page.evaluate(async () => {
      const m = await window.harness.load('executor');
      return (
        m.chooseBackend as () => Promise<{
          name: string;
          detail: string;
          skipped: SkippedBackend[];
          capabilities: Capabilities;
        }>
      )();
    });
    console.log(
      `auto: ${chosen.name} (${chosen.detail}); skipped: ${chosen.skipped.map((s) => `${s.backend}: ${englishFailure(s.reason)}`).join('; ')}`,
    );
    // What this machine's probes (adapter, renderer) make of the order — SwiftShader here, a real GPU elsewhere.
    const plan = planBackends(chosen.capabilities);
    expect(chosen.name).toBe(plan.candidates[0]);
    for (const skipped of plan.skipped) expect(chosen.skipped).toContainEqual(skipped);
    if (chosen.name === 'wasm') {
      // The production build is cross-origin isolated (vite preview sends COOP/COEP): one thread per core.
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      expect(chosen.detail).toBe(cores === 1 ? 'SIMD, 1 thread' : `SIMD, ${Math.min(cores, 8)} threads`);
    }
    const { webgpu, webgl } = chosen.capabilities;
    if (webgpu.available && softwareAdapterReason(webgpu.adapter))
      expect(englishFailure(plan.skipped.find((s) => s.backend === 'webgpu')!.reason)).toMatch(/software/);
    if (webgl.available && softwareRendererReason(webgl.renderer))
      expect(englishFailure(plan.skipped.find((s) => s.backend === 'webgl')!.reason)).toMatch(/software renderer/);
  });

  for (const backend of ['webgpu', 'webgl'] as const) {
    for (const sub of SUBNETWORKS) {
      test(`${backend}: ${sub.model} up to ${sub.until} matches timm's activations`, async ({ page }) => {
        test.setTimeout(300_000);
        await openHarness(page);
        const reply = await runRecipe(page, {
          model: sub.model,
          backend,
          input: 'noise',
          hooks: [...sub.hooks],
          until: sub.until,
        });
        expect(reply.backend.name).toBe(backend);
        console.log(expectStatsMatch(reply, sub.timm, `${backend} ${sub.model} → ${sub.until}`));
      });
    }
  }

  test('a lost WebGL context is reported, and the next choice leaves WebGL out', async ({ page }) => {
    await openHarness(page);
    const result = await page.evaluate(async () => {
      const m = await window.harness.load('executor');
      return (
        m.loseWebGlContext as () => Promise<{ reason: string | null; next: string; capabilities: Capabilities }>
      )();
    });
    // The next choice is the probed hardware's best without WebGL (WebAssembly here; WebGPU on a real GPU).
    expect(result).toMatchObject({
      reason: 'the WebGL context was lost',
      next: planBackends(result.capabilities, { exclude: ['webgl'] }).candidates[0],
    });
  });

  test('wasm: where pthread workers cannot start (a CSP without blob: workers), one thread, with the reason', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.route('**/harness.html', async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': "worker-src 'self'" },
      });
    });
    await openHarness(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const chosen = await page.evaluate(async () => {
      const m = await window.harness.load('executor');
      return (m.chooseBackend as (b: string, f: boolean) => Promise<{ name: string; detail: string }>)('wasm', false);
    });
    console.log(`blocked workers: ${chosen.name} (${chosen.detail})`);
    expect(chosen.name).toBe('wasm');
    expect(chosen.detail).toMatch(
      /^SIMD, single thread \(threads did not start: its workers (failed to start|did not start within 15 s)\)$/,
    );
  });

  test("wasm, threaded: the whole Inception-ResNet-v2 gives timm's 1000 logits", async ({ page }) => {
    test.setTimeout(300_000);
    await openHarness(page);
    const reply = await runRecipe(page, {
      model: 'inception-resnet-v2',
      backend: 'wasm',
      input: 'noise',
      hooks: ['mixed_5b', 'repeat_1', 'block8', 'global_pool'],
    });
    expect(reply.backend.name).toBe('wasm');
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if (cores > 1) expect(reply.backend.detail).toBe(`SIMD, ${Math.min(cores, 8)} threads`);
    console.log(expectStatsMatch(reply, 'inception_resnet_v2', 'wasm inception-resnet-v2 (whole)'));
    const logits = loadReference('inception_resnet_v2', 'noise').logits.map(Math.fround);
    const diff = maxAbsDifference(reply.logits!, logits);
    console.log(`wasm inception-resnet-v2: max |Δlogit| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(LOGIT_TOLERANCE);
  });
});
