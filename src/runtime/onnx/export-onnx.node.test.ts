/**
 * The exported ONNX models run in onnxruntime (onnxruntime-web's Node entry: its WebAssembly build, one
 * thread) and give timm's logits for the recipe weights: all 1000 within 2e-3, for both released networks.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { inceptionResNetV2Released } from '../../model/networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../../model/networks/inception-v4.ts';
import { loadReference, type TimmModel } from '../../testing/fixtures.ts';
import { LOGIT_TOLERANCE } from '../../testing/parity.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { recipeCheckpoint } from '../weights/recipe-checkpoint.ts';
import { recipeInput } from '../weights/recipe.ts';
import { exportOnnx, ONNX_INPUT, ONNX_OUTPUT, OnnxExportError, samePadding } from './export-onnx.ts';
import { writeOnnxFile } from './write-onnx.node.ts';

const dir = mkdtempSync(join(tmpdir(), 'onnx-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** NHWC [1, 299, 299, 3] → NCHW [1, 3, 299, 299]. */
function toNchw(nhwc: Float32Array, size = 299): Float32Array {
  const out = new Float32Array(nhwc.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < 3; c++) out[(c * size + y) * size + x] = nhwc[(y * size + x) * 3 + c];
    }
  }
  return out;
}

describe('samePadding', () => {
  it("is TensorFlow's SAME: the extra cell goes at the end", () => {
    expect(samePadding(35, 3, 1)).toEqual([1, 1]);
    expect(samePadding(17, 7, 1)).toEqual([3, 3]);
    expect(samePadding(17, 1, 1)).toEqual([0, 0]);
    expect(samePadding(8, 3, 2)).toEqual([0, 1]);
    expect(samePadding(299, 3, 2)).toEqual([1, 1]);
  });
});

describe('exportOnnx', () => {
  for (const [network, timm] of [
    [inceptionV4Released, 'inception_v4'],
    [inceptionResNetV2Released, 'inception_resnet_v2'],
  ] as const) {
    it(`${network.title}: onnxruntime gives timm's 1000 logits`, async () => {
      const model = exportOnnx(network, recipeCheckpoint(analyzeNetwork(network)));
      expect(model.fileName).toBe(`${network.checkpoint!.repo.split('/')[1]}.onnx`);
      const path = join(dir, model.fileName);
      await writeOnnxFile(model, path);
      expect(statSync(path).size).toBe(model.length);

      const session = await ort.InferenceSession.create(path);
      expect(session.inputNames).toEqual([ONNX_INPUT]);
      expect(session.outputNames).toEqual([ONNX_OUTPUT]);
      const input = new ort.Tensor('float32', toNchw(recipeInput('noise')), [1, 3, 299, 299]);
      const result = await session.run({ [ONNX_INPUT]: input });
      const logits = result[ONNX_OUTPUT];
      expect(logits.dims).toEqual([1, 1000]);
      const diff = maxAbsDifference(
        logits.data as Float32Array,
        loadReference(timm as TimmModel, 'noise').logits.map(Math.fround),
      );
      const mb = (model.length / 1e6).toFixed(1);
      console.log(`${network.title}: ONNX ${mb} MB, onnxruntime-web max |Δlogit| ${diff.toExponential(2)}`);
      expect(diff).toBeLessThanOrEqual(LOGIT_TOLERANCE);
      await session.release();
    });
  }

  it('refuses a network without a checkpoint, and weights that do not fit, with a message', () => {
    const { checkpoint: _, ...bare } = inceptionV4Released;
    expect(() => exportOnnx(bare, recipeCheckpoint(analyzeNetwork(inceptionV4Released)))).toThrow(/has no checkpoint/);
    expect(() => exportOnnx(inceptionV4Released, recipeCheckpoint(analyzeNetwork(inceptionResNetV2Released)))).toThrow(
      OnnxExportError,
    );
  });
});
