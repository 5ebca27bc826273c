/**
 * `npm run check:gpu`: both released networks, whole, on WebGPU and WebGL in headless Chromium (the
 * production build), against timm: all 1000 logits within 2e-3, and every stage's and block's
 * statistics. Here the GPU backends run on SwiftShader (a software adapter, ~100× slower than WASM), so
 * this takes many minutes and is not part of `npm test`; on a machine with a GPU it takes seconds.
 * Real sizes are the point: concatenations of many inputs, 1×7/7×1 convolutions, 2080-channel tensors
 * and large buffers only occur past the stem that e2e/gpu-parity.spec.ts checks.
 */
import { expect, test } from '@playwright/test';
import { LOGIT_TOLERANCE } from '../src/testing/parity.ts';
import { maxAbsDifference } from '../src/runtime/executor/reference-ops.ts';
import { loadReference, type TimmModel } from '../src/testing/fixtures.ts';
import { expectStatsMatch, openHarness, runRecipe } from '../src/testing/pages/executor-parity.ts';

const NETWORKS = [
  { model: 'inception-v4', timm: 'inception_v4' },
  { model: 'inception-resnet-v2', timm: 'inception_resnet_v2' },
] as const;

/** Every stage and block timm's fixture has, so a failing kernel is located, not just detected. */
function hooksOf(model: TimmModel): string[] {
  const reference = loadReference(model, 'noise');
  return [...reference.stages, ...reference.blocks].map((s) => s.name);
}

for (const backend of ['webgpu', 'webgl'] as const) {
  for (const network of NETWORKS) {
    test(`${backend}: the whole ${network.model} gives timm's 1000 logits`, async ({ page }) => {
      test.setTimeout(30 * 60_000);
      await openHarness(page);
      const started = Date.now();
      const reply = await runRecipe(page, {
        model: network.model,
        backend,
        input: 'noise',
        hooks: hooksOf(network.timm),
      });
      expect(reply.backend.name).toBe(backend);
      console.log(expectStatsMatch(reply, network.timm, `${backend} ${network.model} (whole)`));
      const logits = loadReference(network.timm, 'noise').logits.map(Math.fround);
      expect(reply.logits).toHaveLength(1000);
      const diff = maxAbsDifference(reply.logits!, logits);
      console.log(
        `${backend} ${network.model}: max |Δlogit| ${diff.toExponential(2)} (tolerance ${LOGIT_TOLERANCE}); ` +
          `${((Date.now() - started) / 1000).toFixed(0)} s in all`,
      );
      expect(diff).toBeLessThanOrEqual(LOGIT_TOLERANCE);
    });
  }
}
