import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBatch } from '../../testing/training-network.ts';
import { testConfig, trainingBackend } from '../../testing/training.ts';
import { tinyNetwork } from '../../testing/tiny-network.ts';
import { Trainer } from './trainer.ts';
import { MAX_POOL_KERNELS } from '../kernels/max-pool-gradient.ts';
import { missingTrainingKernels, TRAINING_KERNELS, trainingKernels } from './training-kernels.ts';

const { images, labels } = testBatch(tinyNetwork, 4);

/** The kernels run by a step with every option on, an evaluation, the monitor, a prediction and gradients. */
async function kernelsUsed(): Promise<string[]> {
  const used = new Set<string>();
  const sgd = { kind: 'sgd', learningRate: 0.01, momentum: 0.9, nesterov: true } as const;
  for (const optimizer of [testConfig().optimizer, sgd]) {
    const trainer = Trainer.create(
      tinyNetwork,
      testConfig({
        optimizer,
        dropout: true,
        clipNorm: 0.5,
        weightDecay: 4e-5,
        labelSmoothing: 0.1,
        residualScale: 0.2,
        batchSize: 4,
        schedule: { kind: 'exponential', rate: 0.94, everyEpochs: 2 },
      }),
    );
    const profile = await tf.profile(async () => {
      await trainer.step(images, labels, 3);
      await trainer.evaluate(images, labels);
      await trainer.monitor(images);
      await trainer.predict(images);
      await trainer.gradients(images, labels);
    });
    profile.kernels.forEach((k) => used.add(k.name));
    trainer.dispose();
  }
  // A custom gradient's and a composite op's own entries are not kernels.
  return [...used].filter((name) => tf.getKernel(name, tf.getBackend()) !== undefined).sort();
}

/** A backend with the CPU's kernels under another name: its max pools take slices and maxima. */
const POOLING_BY_OPS = 'cpu-pooling-by-ops';

describe.each(['cpu', 'wasm', POOLING_BY_OPS] as const)('the kernels of training on %s', (backend) => {
  beforeAll(async () => {
    await trainingBackend('cpu');
    if (backend === POOLING_BY_OPS) {
      tf.registerBackend(POOLING_BY_OPS, () => new MathBackendCPU());
      for (const kernel of tf.getKernelsForBackend('cpu'))
        tf.registerKernel({ ...kernel, backendName: POOLING_BY_OPS });
      await tf.setBackend(POOLING_BY_OPS);
    } else {
      await trainingBackend(backend);
    }
  });
  afterAll(async () => {
    if (backend !== POOLING_BY_OPS) return;
    await tf.setBackend('cpu');
    tf.removeBackend(POOLING_BY_OPS);
  });

  it('are all registered, trainingKernels lists every one run, and WASM runs no Conv2DBackpropFilter', async () => {
    expect(missingTrainingKernels(backend)).toEqual([]);
    const used = await kernelsUsed();
    const listed = trainingKernels(backend);
    expect(listed).toEqual(
      [...TRAINING_KERNELS, ...MAX_POOL_KERNELS[backend === POOLING_BY_OPS ? 'ops' : 'kernel']].sort(),
    );
    const extra = used.filter((name) => !listed.includes(name));
    // The CPU backend computes filter gradients with its own kernel; WASM, lacking it, with others.
    expect(extra).toEqual(backend === 'wasm' ? [] : ['Conv2DBackpropFilter']);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    // And no longer than needed: every kernel listed runs.
    expect(listed.filter((name) => !used.includes(name))).toEqual([]);
    expect(tf.getBackend()).toBe(backend);
  });
});

describe('a backend lacking training kernels', () => {
  beforeAll(async () => {
    await trainingBackend('cpu');
    // A backend with the CPU's arithmetic but only the kernels registered here, under a name of its own.
    tf.registerBackend('cpu-without-sqrt', () => new MathBackendCPU());
    for (const kernel of tf.getKernelsForBackend('cpu')) {
      if (kernel.kernelName !== 'Sqrt') tf.registerKernel({ ...kernel, backendName: 'cpu-without-sqrt' });
    }
    await tf.setBackend('cpu-without-sqrt');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
    tf.removeBackend('cpu-without-sqrt');
  });

  it('is refused by name, with the kernels it lacks, rather than left to fail or to fall back', () => {
    expect(missingTrainingKernels('cpu-without-sqrt')).toEqual(['Sqrt']);
    expect(missingTrainingKernels('no-such-backend')).toEqual(trainingKernels('no-such-backend'));
    expect(trainingKernels('no-such-backend')).toEqual([...TRAINING_KERNELS, ...MAX_POOL_KERNELS.ops].sort());
    expect(() => Trainer.create(tinyNetwork, testConfig())).toThrow(
      'the cpu-without-sqrt backend has no Sqrt kernel, which training needs: choose another backend',
    );
    expect(tf.getBackend()).toBe('cpu-without-sqrt');
  });
});
