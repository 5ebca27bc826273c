import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { inputPreprocessing, trainedNetworkId } from '../../model/trained.ts';
import { trainedTestFile, trainedTestNetwork, TRAINED_CLASSES } from '../../testing/trained-file.ts';
import { discPhoto, NodeTrainedRuntime, rawPhoto } from '../../testing/worker/trained-runtime.ts';
import { buildExecutor } from '../executor/network.ts';
import { sha256Hex } from '../loading/sha256.ts';
import { preprocessPixels } from '../preprocess/pipeline.ts';
import { recipeCheckpoint } from '../weights/recipe-checkpoint.ts';
import { serializeSafetensors } from '../weights/safetensors-writer.ts';
import { InferenceService } from './service.ts';

const network = trainedTestNetwork();
const file = trainedTestFile(network);
const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

describe('a trained network in the inference service (WASM)', () => {
  let service: InferenceService;
  let id: string;

  beforeAll(async () => {
    service = new InferenceService(new NodeTrainedRuntime(), undefined);
    await service.setBackend('wasm');
    id = (await sha256Hex(file.slice())).slice(0, 16);
  }, 60_000);

  it('loads from its file with its own classes, and classifies a photo over them as the executor does', async () => {
    const state = await service.loadTrained(blob(file), 'irv2-s.safetensors', id);
    expect(state.network).toBe(trainedNetworkId(id));
    expect(state.classes).toEqual([...TRAINED_CLASSES]);
    expect(state.inputSize).toBe(32);
    expect(state.loaded).toMatchObject({
      backend: 'wasm',
      bytes: file.length,
      published: false,
      provenance: { kind: 'file', name: 'irv2-s.safetensors' },
    });

    const outcome = await service.classify(rawPhoto(discPhoto()), [state.network], 3);
    const [result] = outcome.results;
    expect(result.network).toBe(state.network);
    expect(result.top.map((p) => p.label).sort()).toEqual([...TRAINED_CLASSES].sort());
    expect([result.crop.width, result.crop.height]).toEqual([32, 32]);

    // The same photo through the executor directly, preprocessed as in training: the same probabilities.
    const built = buildExecutor(network, recipeCheckpoint(analyzeNetwork(network)));
    if (!built.ok) throw new Error(built.problems[0].message);
    const input = preprocessPixels(discPhoto(), inputPreprocessing(network)).tensor;
    const x = tf.tensor4d(input, [1, 32, 32, 3]);
    const { output } = built.executor.run(x);
    const expected = (await tf.softmax(output).data()) as Float32Array;
    tf.dispose([x, output]);
    built.executor.dispose();
    for (const p of result.top) expect(p.probability).toBeCloseTo(expected[p.classIndex], 5);
    expect(result.top.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 5);
  }, 120_000);

  it('looks inside it with a photo: its top classes are its own', async () => {
    await service.attachPhoto('slot-1', rawPhoto(discPhoto(7)));
    const inside = await service.lookInside('slot-1', trainedNetworkId(id));
    expect(
      inside.top.map((p) => p.label).every((label) => (TRAINED_CLASSES as readonly string[]).includes(label)),
    ).toBe(true);
    expect(inside.depth.length).toBeGreaterThan(3);
    const [cam] = await service.classMaps('slot-1', trainedNetworkId(id), [inside.top[0].classIndex]);
    expect(cam.classIndex).toBe(inside.top[0].classIndex);
  }, 120_000);

  it('says the multi-crop modes and the ensemble are not for a trained network', async () => {
    await expect(
      service.predict(rawPhoto(discPhoto()), { networks: [trainedNetworkId(id)], crops: 12, ensemble: false, topK: 3 }),
    ).rejects.toThrow(
      /classifies its one centre crop: the 12 and 144 crops and the ensemble are the paper's ImageNet evaluation/,
    );
    const one = await service.predict(rawPhoto(discPhoto()), {
      networks: [trainedNetworkId(id)],
      crops: 1,
      ensemble: false,
      topK: 2,
    });
    expect(one.modes).toHaveLength(1);
    expect(one.modes[0]).toMatchObject({ model: trainedNetworkId(id), crops: 1, passes: 1 });
    expect(one.modes[0].top).toHaveLength(2);
  }, 120_000);

  it('refuses a foreign, truncated, damaged or mismatched file, saying what is wrong', async () => {
    const foreign = serializeSafetensors([{ name: 'x', shape: [1], data: new Float32Array([1]) }]);
    await expect(service.loadTrained(blob(foreign), 'inception_v4.safetensors')).rejects.toMatchObject({
      kind: 'weights',
      message: expect.stringMatching(
        /inception_v4\.safetensors holds no network definition: it was not saved by a training run/,
      ),
    });
    await expect(
      service.loadTrained(blob(file.subarray(0, file.length - 1000)), 'cut.safetensors'),
    ).rejects.toMatchObject({ kind: 'weights', message: expect.stringMatching(/cut\.safetensors is truncated/) });
    // A NaN in the weights: the finite check every checkpoint gets.
    const nan = trainedTestFile(network).slice();
    new DataView(nan.buffer).setFloat32(nan.length - 4, Number.NaN, true);
    await expect(service.loadTrained(blob(nan), 'nan.safetensors')).rejects.toMatchObject({
      kind: 'weights',
      message: expect.stringMatching(/nan\.safetensors: tensor .* holds NaN .* weights must be finite/),
    });
    await expect(service.loadTrained(blob(file), 'irv2-s.safetensors', '0000000000000000')).rejects.toMatchObject({
      kind: 'weights',
      message: expect.stringMatching(/is not the trained network 0000000000000000/),
    });
  }, 120_000);

  it('asks for a trained network that is not loaded by name', async () => {
    await expect(service.classify(rawPhoto(discPhoto()), ['trained:ffffffffffffffff'], 3)).rejects.toMatchObject({
      kind: 'not-loaded',
      message: expect.stringMatching(/trained network trained:ffffffffffffffff/),
    });
  });
});
