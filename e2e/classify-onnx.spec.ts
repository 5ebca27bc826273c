/**
 * The classify page's "Export ONNX": the loaded network's weights, exported in the inference worker,
 * download as a model that onnxruntime runs to timm's logits (recipe weights, all 1000 within 2e-3).
 */
import { expect, test } from '@playwright/test';
import * as ort from 'onnxruntime-web';
import { LOGIT_TOLERANCE } from '../src/testing/parity.ts';
import { maxAbsDifference } from '../src/runtime/executor/reference-ops.ts';
import { recipeInput } from '../src/runtime/weights/recipe.ts';
import { loadReference } from '../src/testing/fixtures.ts';
import { recipeWeights, weightsCard } from '../src/testing/pages/classify-page.ts';

test("a loaded network downloads as an ONNX model that onnxruntime runs to timm's logits", async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const weights = await recipeWeights('inception-v4');
  await page.goto('/classify?backend=wasm');
  const card = weightsCard(page, 'inception-v4');
  await expect(card.getByRole('button', { name: 'Export ONNX' })).toHaveCount(0);
  await card.getByLabel('Inception-v4: use a .safetensors file').setInputFiles(weights);
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });

  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  await card.getByRole('button', { name: 'Export ONNX' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('inception_v4.tf_in1k.onnx');
  const path = testInfo.outputPath('inception_v4.onnx');
  await download.saveAs(path);
  await expect(card.getByRole('button', { name: 'Export ONNX' })).toBeEnabled();

  const session = await ort.InferenceSession.create(path);
  const nhwc = recipeInput('noise');
  const nchw = new Float32Array(nhwc.length);
  for (let i = 0; i < 299 * 299; i++) for (let c = 0; c < 3; c++) nchw[c * 299 * 299 + i] = nhwc[i * 3 + c];
  const result = await session.run({ input: new ort.Tensor('float32', nchw, [1, 3, 299, 299]) });
  const diff = maxAbsDifference(
    result.logits.data as Float32Array,
    loadReference('inception_v4', 'noise').logits.map(Math.fround),
  );
  console.log(`exported in the browser: onnxruntime-web max |Δlogit| ${diff.toExponential(2)}`);
  expect(diff).toBeLessThanOrEqual(LOGIT_TOLERANCE);
  await session.release();
});
