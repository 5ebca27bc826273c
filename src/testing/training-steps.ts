/**
 * The benchmarks' measure of training speed (bench:training in Node and, through the harness page's
 * "training" module, in Chromium; bench:gpu): a trainer on the active backend
 * takes one step (its time apart: warm-up, and on a GPU the shaders compiled for every layer's shapes),
 * then `steps` more, each awaited to its loss so that all the backend's work is counted; images/s from
 * their median, their best, and the median CPU time of the process per step (on a machine loaded by other
 * work, CPU time counts the work itself, wall time also the waits for a core: this process's in Node,
 * in a browser the clock its caller gives, else NaN). Tensors are counted before
 * and after those steps (flat: no leak). `afterwards` gets one more step to run (a profile of it).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkDefinition } from '../model/types.ts';
import type { TrainingConfig } from '../runtime/training/config.ts';
import { Trainer } from '../runtime/training/trainer.ts';
import { median } from './median.ts';
import { testBatch } from './training-network.ts';

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
  network: NetworkDefinition,
  config: TrainingConfig,
  steps: number,
  afterwards?: (step: () => Promise<unknown>) => Promise<void>,
  cpuClock: () => number | Promise<number> = processCpuMs,
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
      const startedCpu = await cpuClock();
      started = performance.now();
      last = await trainer.step(images, labels);
      times.push(performance.now() - started);
      cpuTimes.push((await cpuClock()) - startedCpu);
    }
    const tensorsAfter = tf.memory().numTensors;
    if (afterwards) await afterwards(() => trainer.step(images, labels));
    const medianStepMs = median(times);
    return {
      firstStepMs,
      medianStepMs,
      bestStepMs: Math.min(...times),
      medianCpuMs: median(cpuTimes),
      imagesPerSecond: (config.batchSize * 1000) / medianStepMs,
      loss: [first.loss, last.loss],
      tensors: [before, tensorsAfter],
      filterGradients: trainer.filterGradients,
    };
  } finally {
    trainer.dispose();
  }
}

/** This process's CPU time in ms (user + system) in Node; NaN where there is no such clock (a browser). */
function processCpuMs(): number {
  const usage = globalThis.process?.cpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : NaN;
}
