import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tensorSourceFromMap } from '../weights/types.ts';
import { testBatch, trainingTestNetwork } from '../../testing/training-network.ts';
import { testConfig, trainingBackend } from '../../testing/training.ts';
import { tinyNetwork } from '../../testing/tiny-network.ts';
import { Trainer } from './trainer.ts';

const { images, labels } = testBatch(tinyNetwork, 8);

async function losses(trainer: Trainer, steps: number, batch = { images, labels }): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push((await trainer.step(batch.images, batch.labels)).loss);
  return out;
}

describe.each(['cpu', 'wasm'] as const)('Trainer on %s', (backend) => {
  beforeAll(async () => {
    await trainingBackend(backend);
  });

  it('lowers the loss on a fixed batch over 30 steps, and then classifies it in evaluation mode', async () => {
    const trainer = Trainer.create(tinyNetwork, testConfig());
    expect(trainer.filterGradients).toBe(backend === 'wasm' ? 'ops' : 'kernel');
    const curve = await losses(trainer, 30);
    // Measured on both backends: 3.07 → 0.49, every step lower than the one before.
    expect(curve[0]).toBeGreaterThan(2);
    expect(curve[29]).toBeLessThan(curve[0] / 3);
    curve.slice(1).forEach((l, i) => expect(l).toBeLessThan(curve[i]));
    const evaluation = await trainer.evaluate(images, labels);
    expect(evaluation.top1Error).toBeLessThanOrEqual(0.25);
    expect(evaluation.loss).toBeLessThan(curve[0] / 2);
    trainer.dispose();
  });

  it('holds as many tensors after 20 steps as after 1 (all options on), none once disposed', async () => {
    const before = tf.memory().numTensors;
    const trainer = Trainer.create(
      tinyNetwork,
      testConfig({
        optimizer: { kind: 'sgd', learningRate: 0.01, momentum: 0.9, nesterov: true },
        schedule: { kind: 'exponential', rate: 0.94, everyEpochs: 2 },
        dropout: true,
        clipNorm: 0.5,
        weightDecay: 4e-5,
        labelSmoothing: 0.1,
        batchSize: 4,
      }),
    );
    const counts: number[] = [];
    for (let step = 0; step < 20; step++) {
      const result = await trainer.step(images, labels, Math.floor(step / 5));
      expect(result.updated).toBe(true);
      if (step % 5 === 0) {
        await trainer.evaluate(images, labels);
        await trainer.monitor(images);
        await trainer.predict(images);
        await trainer.gradients(images, labels);
        await trainer.state();
        await trainer.exportWeights();
      }
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("reports a NaN loss as NaN and leaves the parameters and the optimiser's state as they were", async () => {
    const trainer = Trainer.create(tinyNetwork, testConfig());
    await trainer.step(images, labels);
    const [weights, state] = [await trainer.exportWeights(), await trainer.state()];
    const poisoned = images.slice();
    poisoned[100] = Number.NaN;
    const result = await trainer.step(poisoned, labels);
    expect(result.loss).toBeNaN();
    expect(result.gradNorm).toBeNaN();
    expect(result.updated).toBe(false);
    expect(await trainer.exportWeights()).toEqual(weights);
    expect((await trainer.state()).tensors).toEqual(state.tensors);
    const next = await trainer.step(images, labels);
    expect(Number.isFinite(next.loss) && next.updated).toBe(true);
    trainer.dispose();
  });

  it('repeats a run exactly from the same seed, dropout included', async () => {
    const config = testConfig({ dropout: true, seed: 17 });
    const [a, b] = [Trainer.create(tinyNetwork, config), Trainer.create(tinyNetwork, config)];
    const [la, lb] = [await losses(a, 3), await losses(b, 3)];
    expect(la).toEqual(lb);
    const other = Trainer.create(tinyNetwork, { ...config, seed: 18 });
    expect((await losses(other, 1))[0]).not.toBe(la[0]);
    [a, b, other].forEach((t) => t.dispose());
  });

  it('resumes from its exported weights and state exactly where it was', async () => {
    const config = testConfig({ dropout: true });
    const original = Trainer.create(tinyNetwork, config);
    await losses(original, 3);
    const resumed = Trainer.create(tinyNetwork, config, tensorSourceFromMap(await original.exportWeights()));
    resumed.restore(await original.state());
    expect(resumed.stepCount).toBe(3);
    expect(await losses(resumed, 2)).toEqual(await losses(original, 2));
    expect(await resumed.exportWeights()).toEqual(await original.exportWeights());
    const sgdConfig = testConfig({ optimizer: { kind: 'sgd', learningRate: 0.1, momentum: 0.9 } });
    const sgd = Trainer.create(tinyNetwork, sgdConfig);
    expect(() => sgd.restore({ optimizer: 'rmsprop', step: 0, tensors: new Map() })).toThrow(
      'the saved state is of rmsprop, but this run uses sgd',
    );
    [original, resumed, sgd].forEach((t) => t.dispose());
  });

  it('says what is wrong with a batch, a setting, a switched backend or a disposed trainer', async () => {
    expect(() => Trainer.create(tinyNetwork, testConfig({ batchSize: 0 }))).toThrow(
      'the training settings cannot be used:\n- batchSize must be a whole number ≥ 1, got 0',
    );
    const trainer = Trainer.create(tinyNetwork, testConfig());
    await expect(trainer.step(images.subarray(1), labels)).rejects.toThrow(
      '6935 values are not a batch of 17×17×3 images (NHWC) for Tiny test network',
    );
    await expect(trainer.step(images, labels.subarray(1))).rejects.toThrow('8 images but 7 labels');
    await expect(
      trainer.step(
        images,
        Int32Array.from(labels, (l) => l + 3),
      ),
    ).rejects.toThrow('label 7 is 10; labels must be class indices in [0, 10)');
    const other = backend === 'cpu' ? 'wasm' : 'cpu';
    await trainingBackend(other);
    await expect(trainer.step(images, labels)).rejects.toThrow(
      `this trainer's tensors live on ${backend} but the active backend is ${other}: switch back to ${backend}`,
    );
    await trainingBackend(backend);
    trainer.dispose();
    await expect(trainer.evaluate(images, labels)).rejects.toThrow('this trainer has been disposed');
  });
});

describe("Trainer on wasm, the 32×32 network of the paper's blocks", () => {
  beforeAll(async () => {
    await trainingBackend('wasm');
  });

  it('lowers the loss on a fixed batch over 30 steps', async () => {
    const batch = testBatch(trainingTestNetwork, 4);
    const trainer = Trainer.create(trainingTestNetwork, testConfig({ batchSize: 4 }));
    const curve = await losses(trainer, 30, batch);
    expect(curve[0]).toBeGreaterThan(2);
    expect(Math.max(...curve.slice(20))).toBeLessThan(curve[0] / 3);
    const monitor = await trainer.monitor(batch.images);
    expect(Object.keys(monitor.groups)).toEqual(['inception-resnet-a', 'inception-resnet-b']);
    trainer.dispose();
  });
});
