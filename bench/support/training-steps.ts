/**
 * The benchmarks' measure of training speed (bench:training, bench:gpu): a trainer on the active backend
 * takes one step (its time apart: warm-up, and on a GPU the shaders compiled for every layer's shapes),
 * then `steps` more, each awaited to its loss so that all the backend's work is counted; images/s from
 * their median, their best, and the median CPU time of the process per step (on a machine loaded by other
 * work, CPU time counts the work itself, wall time also the waits for a core). Tensors are counted before
 * and after those steps (flat: no leak). `afterwards` gets one more step to run (a profile of it).
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
  bestStepMs: number;
  medianCpuMs: number;
  imagesPerSecond: number;
  loss: [first: number, last: number];
  tensors: [before: number, after: number];
  filterGradients: Trainer['filterGradients'];
}

export async function measureTrainingSteps(
  network: NetworkDefinition, config: TrainingConfig, steps: number,
  afterwards?: (step: () => Promise<unknown>) => Promise<void>,
): Promise<TrainingSteps> {
  const trainer = Trainer.create(network, config);
  try {
    const { images, labels } = testBatch(network, config.batchSize);
    let started = performance.now();
    const first = await trainer.step(images, labels);
    const firstStepMs = performance.now() - started;
    const before = tf.memory().numTensors;
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let last = first;
    for (let i = 0; i < steps; i++) {
      started = performance.now();
      const startedCpu = process.cpuUsage();
      last = await trainer.step(images, labels);
      times.push(performance.now() - started);
      const cpu = process.cpuUsage(startedCpu);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
    const tensorsAfter = tf.memory().numTensors;
    if (afterwards) await afterwards(() => trainer.step(images, labels));
    const medianStepMs = median(times);
    return {
      firstStepMs, medianStepMs, bestStepMs: Math.min(...times), medianCpuMs: median(cpuTimes),
      imagesPerSecond: config.batchSize * 1000 / medianStepMs,
      loss: [first.loss, last.loss], tensors: [before, tensorsAfter],
      filterGradients: trainer.filterGradients,
    };
  } finally {
    trainer.dispose();
  }
}
