import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inceptionV4Paper, inceptionV4Released } from '../model/networks/inception-v4.ts';
import { activateNodeBackend } from './backends/backends.node.ts';
import {
  Classifier,
  ClassifierBuildError,
  ClassifierInputError,
  createClassifier,
  SMALLEST_INPUT,
  softmax,
  warmUpSide,
} from './classifier.ts';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { inceptionResNetV2Released } from '../model/networks/inception-resnet-v2.ts';
import { buildExecutor } from './executor/network.ts';
import { recipeSource, tinyInput, tinyNetwork } from '../testing/tiny-network.ts';
import { tensorSourceFromMap } from './weights/types.ts';

const LABELS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

describe('Classifier', () => {
  let classifier: Classifier;
  beforeAll(async () => {
    await activateNodeBackend('wasm');
    classifier = createClassifier(tinyNetwork, recipeSource(tinyNetwork), { labels: LABELS });
  });
  afterAll(() => classifier.dispose());

  it('returns the top-K by probability with labels, the logits and the softmax', async () => {
    const result = await classifier.classify(tinyInput(), { topK: 3 });
    expect(result.backend).toBe('wasm');
    expect(result.logits.length).toBe(10);
    expect(result.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const order = [...result.logits.keys()].sort((a, b) => result.logits[b] - result.logits[a]);
    expect(result.top.map((p) => p.classIndex)).toEqual(order.slice(0, 3));
    for (const p of result.top) {
      expect(p.label).toBe(p.classIndex < 9 ? LABELS[p.classIndex] : `class ${p.classIndex}`);
      expect(p.probability).toBeCloseTo(result.probabilities[p.classIndex], 7);
    }
    expect(result.timing.inferenceMs).toBeGreaterThan(0);
  });

  it('returns the pooled features from the same pass: the logits are the linear layer of them', async () => {
    const plain = await classifier.classify(tinyInput());
    const withFeatures = await classifier.classify(tinyInput(), { features: true });
    expect(plain.features).toBeUndefined();
    expect([...withFeatures.logits]).toEqual([...plain.logits]);
    const features = withFeatures.features!;
    expect(features.length).toBe(16);
    const source = recipeSource(tinyNetwork);
    const weight = source.get('fc.weight')!.data;
    const bias = source.get('fc.bias')!.data;
    for (let c = 0; c < 10; c++) {
      let logit = bias[c];
      for (let k = 0; k < 16; k++) logit += weight[c * 16 + k] * features[k];
      expect(withFeatures.logits[c]).toBeCloseTo(logit, 4);
    }
  });

  it('warms up on a blank image without changing later results', async () => {
    const before = await classifier.classify(tinyInput());
    expect(await classifier.warmUp()).toBeGreaterThan(0);
    expect([...(await classifier.classify(tinyInput())).logits]).toEqual([...before.logits]);
  });

  it('classifies a batch like one image at a time, and names a bad input of the batch', async () => {
    const inputs = [tinyInput(), tinyInput().map((v) => -v), tinyInput().map((v) => v * 0.5)];
    const one = await Promise.all(inputs.map((input) => classifier.classify(input)));
    const batch = await classifier.classifyBatch(inputs, { topK: 3 });
    expect(batch).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      for (let k = 0; k < 10; k++) expect(batch[i].logits[k]).toBeCloseTo(one[i].logits[k], 5);
      expect(batch[i].top.map((p) => p.classIndex)).toEqual(one[i].top.slice(0, 3).map((p) => p.classIndex));
    }
    expect(one[1].logits[0]).not.toBeCloseTo(one[0].logits[0], 5); // the three inputs give different logits
    await expect(
      classifier.classifyBatch([tinyInput(), new Float32Array(5)], { names: ['a.jpg', 'b.jpg'] }),
    ).rejects.toThrow(/^b\.jpg has 5 values/);
  });

  it("gives the executor's logits", async () => {
    const built = buildExecutor(tinyNetwork, recipeSource(tinyNetwork));
    if (!built.ok) throw new Error('build failed');
    const x = tf.tensor4d(tinyInput(), [1, 17, 17, 3]);
    const { output } = built.executor.run(x);
    const expected = await output.data();
    tf.dispose([x, output]);
    built.executor.dispose();
    expect([...(await classifier.classify(tinyInput())).logits]).toEqual([...expected]);
  });

  it('runs with residual scales overridden, naming a group it does not have', async () => {
    const built = buildExecutor(tinyNetwork, recipeSource(tinyNetwork));
    if (!built.ok) throw new Error('build failed');
    const x = tf.tensor4d(tinyInput(), [1, 17, 17, 3]);
    const { output } = built.executor.run(x, { residualScales: { block: 0 } });
    const expected = await output.data();
    tf.dispose([x, output]);
    built.executor.dispose();
    const off = await classifier.classify(tinyInput(), { residualScales: { block: 0 } });
    expect([...off.logits]).toEqual([...expected]);
    expect([...off.logits]).not.toEqual([...(await classifier.classify(tinyInput())).logits]);
    await expect(classifier.classify(tinyInput(), { residualScales: { blocks: 0 } })).rejects.toThrow(
      ClassifierInputError,
    );
  });

  it('returns activations by address with their shapes', async () => {
    const got = await classifier.activations(tinyInput(), ['stem', 'head/0']);
    expect(got.get('stem')!.shape).toEqual([1, 8, 8, 8]);
    expect(got.get('stem')!.data.length).toBe(512);
    expect(got.get('head/0')!.shape).toEqual([1, 16]);
  });

  it('rejects malformed inputs, naming them', async () => {
    await expect(classifier.classify(new Float32Array(10), { name: 'cat.f32' })).rejects.toThrow(
      'cat.f32 has 10 values; Tiny test network takes a preprocessed 17×17×3 image (867 float32 values, NHWC)',
    );
    const nan = tinyInput();
    nan[5] = NaN;
    await expect(classifier.classify(nan)).rejects.toThrow(ClassifierInputError);
    await expect(classifier.classify(nan)).rejects.toThrow('the input holds a non-finite value (NaN) at index 5');
  });

  it('keeps the tensor count constant across calls, and frees its weights on dispose', async () => {
    await classifier.classify(tinyInput());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      await classifier.classify(tinyInput());
      await classifier.activations(tinyInput(), ['mixed']);
    }
    expect(tf.memory().numTensors).toBe(before);
    const other = createClassifier(tinyNetwork, recipeSource(tinyNetwork));
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    other.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('createClassifier', () => {
  it('throws a ClassifierBuildError listing the first problems', () => {
    let error: unknown;
    try {
      createClassifier(inceptionV4Paper, tensorSourceFromMap(new Map()));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClassifierBuildError);
    const build = error as ClassifierBuildError;
    expect(build.problems.length).toBeGreaterThan(5);
    expect(build.message).toMatch(/^Inception-v4 \(paper\) cannot be built: \d+ problem\(s\)\n {2}- /);
    expect(build.message).toMatch(/… and \d+ more$/);
  });
});

describe('softmax', () => {
  it('is stable for large logits and sums to one', () => {
    const p = softmax([1000, 1000, 999]);
    expect(p[0]).toBeCloseTo(p[1], 7);
    expect(p[0] / p[2]).toBeCloseTo(Math.E, 4);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});

describe('the warm-up image', () => {
  it('is small on WebAssembly (XNNPACK packs weights whatever the size) and full size where programs are compiled per shape', () => {
    expect(warmUpSide('wasm', [299, 299])).toEqual([SMALLEST_INPUT, SMALLEST_INPUT]);
    for (const backend of ['webgl', 'webgpu', 'cpu']) expect(warmUpSide(backend, [299, 299])).toEqual([299, 299]);
    expect(warmUpSide('wasm', [35, 35])).toEqual([35, 35]);
  });

  it('is an input both released networks take, and the smallest one', () => {
    for (const network of [inceptionV4Released, inceptionResNetV2Released]) {
      expect(analyzeNetwork(network, [SMALLEST_INPUT, SMALLEST_INPUT, 3]).problems).toEqual([]);
      expect(analyzeNetwork(network, [SMALLEST_INPUT - 1, SMALLEST_INPUT - 1, 3]).problems).not.toEqual([]);
    }
  });
});
