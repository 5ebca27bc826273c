/**
 * Feature visualisation by optimisation (Olah, Mordvintsev & Schubert 2017): gradient ascent on the input
 * image to raise the mean of one channel of a node's output (or one class logit). The image lives in a
 * decorrelated Fourier space (fourier-image.ts), each step sees it jittered, scaled and turned a little at
 * random from a seed (robustness.ts), and Adam updates the spectrum with the gradient of the target.
 *
 * Only the network up to the node's segment runs (RunOptions.to), with the executor's differentiable ops,
 * so a visualisation of an early node is much cheaper than one of the logits. The same seed gives the
 * same picture on the same backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { siteOf } from '../../model/analysis/segments.ts';
import { BACKEND_TITLES } from '../backends/select.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import { mixSeed, Random } from '../training/data/random.ts';
import { FourierImage } from './fourier-image.ts';
import { checkGradients, ensureGradients } from './gradient-support.ts';
import { applyMove, drawMove, standardRobustness, type Robustness } from './robustness.ts';

/** What to raise: the mean of one channel of a node's output, or one class logit. */
export type VisualTarget = { kind: 'channel'; node: string; channel: number } | { kind: 'class'; index: number };

export interface VisualizeStep {
  /** Steps done (1 … steps). */
  step: number;
  steps: number;
  /** The target on the image this step looked at (moved), before its update. */
  activation: number;
  /** This step's time. */
  ms: number;
  /** The image after this step (every `previewEvery` steps and after the last), H·W·3 RGB in [0, 1]. */
  image?: Float32Array;
}

export interface VisualizeOptions {
  executor: NetworkExecutor;
  target: VisualTarget;
  steps: number;
  seed: number;
  /** Per-channel mean and std of the network's preprocessing: its input is (image − mean) / std. */
  mean: readonly number[];
  std: readonly number[];
  /** Default: Lucid's standard transforms at the network's input size; NO_ROBUSTNESS for none. */
  robustness?: Robustness;
  /** Adam's learning rate (Lucid: 0.05). */
  learningRate?: number;
  residualScales?: Readonly<Record<string, number>>;
  onStep?: (step: VisualizeStep) => void | Promise<void>;
  /** Hand the image to `onStep` every this many steps (0: only after the last step). */
  previewEvery?: number;
  signal?: AbortSignal;
  /**
   * Runs each step (and the final read-out) in turn with other work on the backend (the worker's queue), so
   * a long visualisation never holds up a classification or a look inside by more than one step.
   */
  schedule?: <T>(task: () => Promise<T>) => Promise<T>;
}

export interface VisualizeResult {
  /** RGB in [0, 1], H·W·3, at the network's input size. */
  image: Float32Array;
  height: number;
  width: number;
  /** The target at each step, on the image that step looked at. */
  activations: number[];
  /** The target on the returned image, unmoved. */
  final: number;
  backend: string;
  msPerStep: number;
}

/** A request that cannot be visualised (unknown node, channel, class, or a backend without gradients). */
export class VisualizeError extends Error {}

/** The visualisation was cancelled through its signal. */
export class VisualizeCancelled extends Error {
  constructor() {
    super('the feature visualisation was cancelled');
  }
}

export const MAX_VISUALIZE_STEPS = 2048;

/** The function from an RGB image [1, H, W, 3] in [0, 1] to the target (a scalar), checked first. */
export function targetFunction(
  executor: NetworkExecutor,
  target: VisualTarget,
  mean: readonly number[],
  std: readonly number[],
  residualScales: Readonly<Record<string, number>> = {},
): (image: tf.Tensor4D) => tf.Scalar {
  const network = executor.network;
  const toInput = (image: tf.Tensor4D) =>
    tf.div(tf.sub(image, tf.tensor1d([...mean])), tf.tensor1d([...std])) as tf.Tensor4D;
  if (target.kind === 'class') {
    if (!(Number.isInteger(target.index) && target.index >= 0 && target.index < network.classes)) {
      throw new VisualizeError(
        `${network.title} has classes 0–${network.classes - 1}; there is no class ${target.index}`,
      );
    }
    return (image) =>
      tf.squeeze(
        tf.slice(
          executor.run(toInput(image), { differentiable: true, residualScales }).output,
          [0, target.index],
          [1, 1],
        ),
      );
  }
  const segments = executor.segments();
  const site = siteOf(segments, executor.analysis, target.node);
  if (!site)
    throw new VisualizeError(
      `${network.title} has no node "${target.node}"; give an explorer address or a timm module name`,
    );
  const shape = executor.analysis.byAddress.get(site.observed)!.output;
  const channels = shape[shape.length - 1];
  if (!(Number.isInteger(target.channel) && target.channel >= 0 && target.channel < channels)) {
    throw new VisualizeError(`${target.node} has channels 0–${channels - 1}; there is no channel ${target.channel}`);
  }
  return (image) => {
    const run = executor.run(toInput(image), {
      to: site.segment.address,
      capture: [site.observed],
      differentiable: true,
      residualScales,
    });
    const output = run.activations.get(site.observed)!;
    const rank = output.rank;
    const begin = [...Array<number>(rank - 1).fill(0), target.channel];
    const size = [...Array<number>(rank - 1).fill(-1), 1];
    return tf.mean(tf.slice(output, begin, size));
  };
}

export async function visualize(options: VisualizeOptions): Promise<VisualizeResult> {
  const { executor, steps, seed } = options;
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= MAX_VISUALIZE_STEPS)) {
    throw new VisualizeError(`steps must be a whole number from 1 to ${MAX_VISUALIZE_STEPS}, got ${steps}`);
  }
  if (!Number.isInteger(seed)) throw new VisualizeError(`a seed must be a whole number, got ${seed}`);
  const target = targetFunction(executor, options.target, options.mean, options.std, options.residualScales);
  const schedule = options.schedule ?? ((task) => task());
  await ensureGradients();
  const backend = tf.getBackend();
  // The check may switch backends for a moment (to compare with the CPU's): in turn with other work.
  const check = await schedule(() => checkGradients(backend));
  if (!check.ok) {
    const title = BACKEND_TITLES[backend as keyof typeof BACKEND_TITLES] ?? backend;
    throw new VisualizeError(`${title} ${check.reason}: choose the WebAssembly backend to visualise features`);
  }
  const [height, width] = executor.network.input;
  const robustness = options.robustness ?? standardRobustness(Math.max(height, width));
  const fourier = new FourierImage(height, width);
  const initial = fourier.initial(seed);
  const spectrum = tf.variable(initial);
  initial.dispose();
  const optimizer = tf.train.adam(options.learningRate ?? 0.05);
  const random = new Random(mixSeed(seed, 0x7f4a));
  const every = options.previewEvery ?? 0;
  const activations: number[] = [];
  let ms = 0;
  const read = async () => {
    const image = fourier.image(spectrum);
    try {
      return Float32Array.from(await image.data());
    } finally {
      image.dispose();
    }
  };
  try {
    for (let step = 1; step <= steps; step++) {
      if (options.signal?.aborted) throw new VisualizeCancelled();
      const move = drawMove(random, robustness, height, width);
      const { activation, took } = await schedule(async () => {
        const started = performance.now();
        const cost = optimizer.minimize(() => tf.neg(target(applyMove(fourier.image(spectrum), move))), true, [
          spectrum,
        ])!;
        const value = -(await cost.data())[0];
        cost.dispose();
        return { activation: value, took: performance.now() - started };
      });
      ms += took;
      activations.push(activation);
      if (!Number.isFinite(activation)) throw new VisualizeError(`the target became ${activation} at step ${step}`);
      const preview = step === steps || (every > 0 && step % every === 0);
      await options.onStep?.({
        step,
        steps,
        activation,
        ms: took,
        ...(preview ? { image: await schedule(read) } : {}),
      });
    }
    const [image, final] = await schedule(async () => {
      const finalImage = fourier.image(spectrum);
      const finalTarget = tf.tidy(() => target(finalImage));
      try {
        return await Promise.all([finalImage.data(), finalTarget.data()]);
      } finally {
        tf.dispose([finalImage, finalTarget]);
      }
    });
    return {
      image: Float32Array.from(image),
      height,
      width,
      activations,
      final: final[0],
      backend,
      msPerStep: ms / steps,
    };
  } finally {
    optimizer.dispose();
    spectrum.dispose();
    fourier.dispose();
  }
}
