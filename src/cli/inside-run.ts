/**
 * Looking inside a network from the command line: the weights checked and the network built on a Node
 * backend, then one segment cache per input — the same runtime code the browser's worker uses.
 */
import type { NetworkDefinition } from '../model/types.ts';
import type { ActiveBackend } from '../runtime/backends/activate.ts';
import { ClassifierBuildError, createClassifier } from '../runtime/classifier.ts';
import { InsideError, SegmentCache } from '../runtime/inside/segment-cache.ts';
import { IMAGENET_LABELS } from '../runtime/labels.ts';
import { startCliBackend, stopCliBackend, type CliBackend } from './backend-args.ts';
import { CliError, type Io } from './io.ts';
import { loadWeights } from './network-args.ts';

export interface InsideRunOptions {
  network: NetworkDefinition;
  weights: string;
  backend: CliBackend;
  /** Where the WebGPU adapter is named (stderr). */
  io: Io;
  /**
   * Each input's network input, or how to load it (read only when its turn comes, so a folder is never all in memory).
   */
  inputs: ReadonlyArray<{ name: string; values: Float32Array | (() => Promise<Float32Array>) }>;
}

/** Calls `each` with a segment cache per input, in order, freeing each before the next. */
export async function lookInsideEach<T>(
  options: InsideRunOptions,
  each: (cache: SegmentCache, input: string) => Promise<T>,
): Promise<{ backend: ActiveBackend; results: T[] }> {
  const { tensors: weights } = await loadWeights(options.weights, options.network);
  const backend = await startCliBackend(options.backend, options.io, 'Use --backend wasm instead.');
  let classifier;
  try {
    classifier = createClassifier(options.network, weights, { labels: IMAGENET_LABELS });
  } catch (error) {
    stopCliBackend(backend);
    if (error instanceof ClassifierBuildError) throw new CliError(`${options.weights}: ${error.message}`);
    throw error;
  }
  const results: T[] = [];
  try {
    for (const input of options.inputs) {
      const values = typeof input.values === 'function' ? await input.values() : input.values;
      const cache = new SegmentCache(classifier.built, values, IMAGENET_LABELS);
      try {
        results.push(await each(cache, input.name));
      } catch (error) {
        if (error instanceof InsideError) throw new CliError(`${input.name}: ${error.message}`);
        throw error;
      } finally {
        cache.dispose();
      }
    }
  } finally {
    classifier.dispose();
    stopCliBackend(backend);
  }
  return { backend, results };
}
