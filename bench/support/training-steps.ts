/**
 * The benchmarks' measure of training speed (bench:training, bench:gpu): a trainer on the active backend
 * takes one step (its time apart: warm-up, and on a GPU the shaders compiled for every layer's shapes),
 * then `steps` more, each awaited to its loss so that all the backend's work is counted; images/s from
 * their median. Tensors are counted before and after those steps (flat: no leak).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkDefinition } from '../../src/model/types.ts';
import type { TrainingConfig } from '../../src/runtime/training/config.ts';
import { Trainer } from '../../src/runtime/training/trainer.ts';
import { testBatch } from '../../src/testing/training-network.ts';
import { median } from './statistics.ts';

export interface TrainingSteps {
  firstStepMs: number;
  medianStepMs: number;
  imagesPerSecond: number;
  loss: [first: number, last: number];
  tensors: [before: number, after: number];
  filterGradients: Trainer['filterGradients'];
}

export async function measureTrainingSteps(
  network: NetworkDefinition, config: TrainingConfig, steps: number,
): Promise<TrainingSteps> {
  const trainer = Trainer.create(network, config);
  try {
    const { images, labels } = testBatch(network, config.batchSize);
    let started = performance.now();
    const first = await trainer.step(images, labels);
    const firstStepMs = performance.now() - started;
    const before = tf.memory().numTensors;
    const times: number[] = [];
    let last = first;
    for (let i = 0; i < steps; i++) {
      started = performance.now();
      last = await trainer.step(images, labels);
      times.push(performance.now() - started);
    }
    const medianStepMs = median(times);
    return {
      firstStepMs, medianStepMs, imagesPerSecond: config.batchSize * 1000 / medianStepMs,
      loss: [first.loss, last.loss], tensors: [before, tf.memory().numTensors],
      filterGradients: trainer.filterGradients,
    };
  } finally {
    trainer.dispose();
  }
}
