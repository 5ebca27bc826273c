import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { head } from '../../model/blocks/head.ts';
import { conv, seq } from '../../model/builders.ts';
import { inceptionPreprocessing } from '../../model/networks/preprocessing.ts';
import { inceptionV4Released } from '../../model/networks/inception-v4.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { createClassifier, type Classifier } from '../classifier.ts';
import { recipeSource } from '../../testing/tiny-network.ts';
import { decodeImageFile } from '../preprocess/decode.node.ts';
import type { RgbImage } from '../preprocess/image.ts';
import { normalizeToTensor } from '../preprocess/normalize.ts';
import { preprocessPixels } from '../preprocess/pipeline.ts';
import { fixturePath } from '../../testing/preprocess-fixtures.ts';
import { cropImages } from './crop-pixels.ts';
import { planCrops } from './crops.ts';
import { meanProbabilities, predictCrops } from './predict.ts';

/** A network that takes 299×299 inputs but costs little: two strided convs and the head, recipe weights. */
const tiny299: NetworkDefinition = {
  id: 'inception-v4',
  variant: 'released',
  title: 'Tiny 299 test network',
  source: 'evaluation tests',
  input: [299, 299, 3],
  classes: 1000,
  stages: [
    seq(
      [conv('3x3', 8, { stride: 2, padding: 'valid', key: 'stem_a' }), conv('3x3', 8, { stride: 2, key: 'stem_b' })],
      { name: 'Stem', block: { id: 'stem' } },
    ),
    head('released', 1000, 'fc'),
  ],
};
const V4 = inceptionV4Released.checkpoint!.preprocessing;

function float64Mean(vectors: Float32Array[]): Float32Array {
  const total = new Float64Array(vectors[0].length);
  for (const v of vectors) v.forEach((p, i) => (total[i] += p));
  return Float32Array.from(total, (v) => v / vectors.length);
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

let image: RgbImage;
beforeAll(async () => {
  await activateNodeBackend('wasm');
  image = await decodeImageFile(fixturePath('landscape-640x427.png'));
});

describe('144-crop averaging (tiny 299 network, recipe weights)', () => {
  let classifier: Classifier;
  beforeAll(() => {
    classifier = createClassifier(tiny299, recipeSource(tiny299));
  });
  afterAll(() => classifier.dispose());

  it("averages the single-crop path's probabilities over all 144 crops", async () => {
    const progress: number[] = [];
    const result = await predictCrops(
      image,
      V4,
      144,
      async (input) => (await classifier.classify(input)).probabilities,
      {
        onPass: (done, total) => progress.push(done / total),
      },
    );
    expect(result.passes).toBe(144);
    expect(progress).toHaveLength(144);
    expect(progress.at(-1)).toBe(1);

    // Each crop classified on its own, then averaged here.
    const perCrop: Float32Array[] = [];
    for (const crop of cropImages(image, planCrops(image, 144, V4), 299)) {
      perCrop.push((await classifier.classify(normalizeToTensor(crop, V4.mean, V4.std))).probabilities);
    }
    expect(Array.from(result.probabilities)).toEqual(Array.from(float64Mean(perCrop)));
    expect(Array.from(result.centre)).toEqual(Array.from(perCrop[0]));
    // The crops differ, so the average is not any single crop's.
    expect(maxDifference(result.probabilities, perCrop[0])).toBeGreaterThan(1e-6);
    expect(result.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  }, 120_000);

  it('stops between forward passes when cancelled', async () => {
    const controller = new AbortController();
    let passes = 0;
    const run = predictCrops(
      image,
      V4,
      144,
      async (input) => {
        if (++passes === 3) controller.abort();
        return (await classifier.classify(input)).probabilities;
      },
      { signal: controller.signal },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(passes).toBe(3);
  });
});

describe('1- and 12-crop prediction with Inception-v4 (recipe weights)', () => {
  let classifier: Classifier;
  beforeAll(() => {
    classifier = createClassifier(inceptionV4Released, recipeSource(inceptionV4Released));
  }, 120_000);
  afterAll(() => classifier.dispose());

  it('1 crop is exactly the single-crop path; 12 crops average it with the other 11', async () => {
    const single = (await classifier.classify(preprocessPixels(image, V4).tensor)).probabilities;

    const one = await predictCrops(image, V4, 1, async (input) => (await classifier.classify(input)).probabilities);
    expect(one.passes).toBe(1);
    expect(Array.from(one.probabilities)).toEqual(Array.from(single));

    const outputs: Float32Array[] = [];
    let firstCrop: RgbImage | undefined;
    const twelve = await predictCrops(
      image,
      V4,
      12,
      async (input) => {
        const p = (await classifier.classify(input)).probabilities;
        outputs.push(p);
        return p;
      },
      { onFirstCrop: (crop) => (firstCrop = crop) },
    );
    expect(twelve.passes).toBe(12);
    expect(outputs).toHaveLength(12);
    expect(Array.from(twelve.centre)).toEqual(Array.from(single));
    expect(Array.from(firstCrop!.data)).toEqual(Array.from(preprocessPixels(image, V4).crop.data));
    expect(Array.from(twelve.probabilities)).toEqual(Array.from(float64Mean(outputs)));
    expect(maxDifference(twelve.probabilities, single)).toBeGreaterThan(1e-7);
  }, 300_000);

  it("uses each checkpoint's own crop_pct for 12 crops", () => {
    const irv2 = inceptionPreprocessing(0.8975);
    expect(planCrops(image, 12, V4)[0].scale).toBe(341);
    expect(planCrops(image, 12, irv2)[0].scale).toBe(333);
  });
});

describe('ensemble', () => {
  it('averages networks element-wise and refuses vectors of different lengths', () => {
    expect(Array.from(meanProbabilities([Float32Array.of(0.5, 0.25, 0.25), Float32Array.of(0.1, 0.3, 0.6)]))).toEqual(
      Array.from(Float32Array.of(0.3, 0.275, 0.425)),
    );
    expect(() => meanProbabilities([Float32Array.of(1), Float32Array.of(0.5, 0.5)])).toThrow(
      'cannot average probability vectors of 1 and 2 classes',
    );
    expect(() => meanProbabilities([])).toThrow('nothing to average');
  });
});
