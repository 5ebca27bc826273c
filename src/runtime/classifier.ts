/**
 * The one object the UI's worker and the CLI need to classify: a released network built from a
 * TensorSource on the current TensorFlow.js backend (activate one first with `activateBrowserBackend`
 * or `activateNodeBackend`).
 *
 *   const classifier = createClassifier(inceptionV4Released, weights, { labels: IMAGENET_LABELS });
 *   const { top, logits, timing } = await classifier.classify(input); // input: NHWC 299×299×3, preprocessed
 *   classifier.dispose();
 *
 * Inputs are the preprocessed float32 tensors of `src/runtime/preprocess/`; nothing here sees a photo.
 */
import * as tf from '@tensorflow/tfjs-core';
import { classifierHead } from '../model/analysis/classifier-head.ts';
import type { NetworkDefinition } from '../model/types.ts';
import { buildExecutor, ExecutorInputError, type ExecutorProblem, type NetworkExecutor } from './executor/network.ts';
import type { TensorSource } from './weights/types.ts';
import { softmax } from './softmax.ts';
import { topClasses, type Prediction } from './top-k.ts';

export { softmax };
export type { Prediction };

export interface Classification {
  /** The `topK` most probable classes, most probable first. */
  top: Prediction[];
  /** Raw scores of every class (before softmax). */
  logits: Float32Array;
  /** Softmax of the logits, computed in float64. */
  probabilities: Float32Array;
  /** TensorFlow.js backend that ran it, e.g. "wasm". */
  backend: string;
  /** With `features`: the global average pooling's output (1536 values for both Inception networks). */
  features?: Float32Array;
  timing: {
    /** From handing over the input to having the logits back. */
    inferenceMs: number;
  };
}

export interface ClassifierOptions {
  /** Class names by index (e.g. IMAGENET_LABELS); missing ones read "class 123". */
  labels?: readonly string[];
  /** Called after each weighted layer is uploaded. */
  onProgress?: (layersDone: number, layersTotal: number) => void;
}

/** The network cannot be built from these weights; `problems` lists each, `message` the first few. */
export class ClassifierBuildError extends Error {
  constructor(
    readonly network: NetworkDefinition,
    readonly problems: ExecutorProblem[],
  ) {
    const shown = problems.slice(0, 5).map((p) => `  - ${p.message}`);
    const more = problems.length > 5 ? [`  … and ${problems.length - 5} more`] : [];
    super(
      [`${network.title} (${network.variant}) cannot be built: ${problems.length} problem(s)`, ...shown, ...more].join(
        '\n',
      ),
    );
  }
}

/** An input the network cannot take; the message names the input and the problem. */
export class ClassifierInputError extends Error {}

/** Builds the classifier; throws ClassifierBuildError (missing or misshapen weights, paper variants). */
export function createClassifier(
  network: NetworkDefinition,
  weights: TensorSource,
  options: ClassifierOptions = {},
): Classifier {
  const built = buildExecutor(network, weights, options.onProgress ? { onProgress: options.onProgress } : {});
  if (!built.ok) throw new ClassifierBuildError(network, built.problems);
  return new Classifier(built.executor, options.labels ?? []);
}

export class Classifier {
  private readonly size: readonly [number, number, number];

  constructor(
    private readonly executor: NetworkExecutor,
    private readonly labels: readonly string[],
  ) {
    const [h, w, c] = executor.network.input;
    this.size = [h, w, c];
  }

  get network(): NetworkDefinition {
    return this.executor.network;
  }

  /** Bytes of float32 weights held on the backend. */
  get weightBytes(): number {
    return this.executor.weightBytes;
  }

  /** The network as built, for looking inside it with the same weights (see runtime/inside/). */
  get built(): NetworkExecutor {
    return this.executor;
  }

  /**
   * Classifies one preprocessed image, NHWC float32 [1, 299, 299, 3] flattened. `name` labels the input
   * in error messages (e.g. the file name); `residualScales` overrides residual groups' scales
   * (see `residualGroups`), throwing ClassifierInputError for an unknown group or a bad scale.
   */
  async classify(
    input: Float32Array,
    options: {
      topK?: number;
      name?: string;
      residualScales?: Readonly<Record<string, number>>;
      /** Also return the pooled features, read from the same forward pass (no second run). */
      features?: boolean;
    } = {},
  ): Promise<Classification> {
    const x = this.inputTensor(input, options.name ?? 'the input');
    const started = performance.now();
    const { logits, features } = await this.logitsOf(
      x,
      options.residualScales,
      options.features ? this.poolAddress() : undefined,
    );
    const inferenceMs = performance.now() - started;
    const probabilities = softmax(logits);
    return {
      top: this.top(probabilities, options.topK ?? 5),
      logits,
      probabilities,
      backend: tf.getBackend(),
      timing: { inferenceMs },
      ...(features ? { features } : {}),
    };
  }

  /** The global average pooling's address; a ClassifierInputError when the network does not end in one. */
  private poolAddress(): string {
    const head = classifierHead(this.executor.analysis);
    if (!head)
      throw new ClassifierInputError(
        `${this.network.title} does not end in global average pooling and one linear layer: it has no pooled features`,
      );
    return head.pool;
  }

  /**
   * Several preprocessed images in one batch (one pass through the network, [N, 299, 299, 3]): per image
   * the same result as `classify`, with `inferenceMs` the batch's time shared equally.
   */
  async classifyBatch(
    inputs: readonly Float32Array[],
    options: { topK?: number; names?: readonly string[] } = {},
  ): Promise<Classification[]> {
    if (inputs.length === 1) return [await this.classify(inputs[0], { ...options, name: options.names?.[0] })];
    const [h, w, c] = this.size;
    const size = h * w * c;
    const stacked = new Float32Array(inputs.length * size);
    inputs.forEach((input, i) => {
      this.checkInput(input, options.names?.[i] ?? `input ${i + 1}`);
      stacked.set(input, i * size);
    });
    const x = tf.tensor4d(stacked, [inputs.length, h, w, c]);
    const started = performance.now();
    const { logits } = await this.logitsOf(x);
    const inferenceMs = (performance.now() - started) / inputs.length;
    const classes = logits.length / inputs.length;
    return inputs.map((_, i) => {
      const own = logits.slice(i * classes, (i + 1) * classes);
      const probabilities = softmax(own);
      return {
        top: this.top(probabilities, options.topK ?? 5),
        logits: own,
        probabilities,
        backend: tf.getBackend(),
        timing: { inferenceMs },
      };
    });
  }

  /**
   * Runs the network on `x` and reads the logits, and the output of the node at `capture` when given (the
   * pooled features); every tensor is disposed whatever happens.
   */
  private async logitsOf(
    x: tf.Tensor4D,
    residualScales?: Readonly<Record<string, number>>,
    capture?: string,
  ): Promise<{ logits: Float32Array; features?: Float32Array }> {
    try {
      let output: tf.Tensor;
      let captured: tf.Tensor | undefined;
      try {
        const run = this.executor.run(x, {
          ...(residualScales ? { residualScales } : {}),
          ...(capture ? { capture: [capture] } : {}),
        });
        output = run.output;
        captured = capture ? run.activations.get(capture) : undefined;
      } catch (error) {
        if (error instanceof ExecutorInputError) throw new ClassifierInputError(error.message);
        throw error;
      }
      try {
        const logits = (await output.data()) as Float32Array;
        return captured ? { logits, features: (await captured.data()) as Float32Array } : { logits };
      } finally {
        output.dispose();
        captured?.dispose();
      }
    } finally {
      x.dispose();
    }
  }

  /**
   * One inference on a blank image: compiles the GPU programs and, on WebGL, uploads the weights (freeing
   * their CPU copies), so the first photo is not the slow one. Returns its duration in ms.
   *
   * On WebAssembly what a first inference pays for is XNNPACK setting up its operators (each layer's
   * weights packed once, whatever the image's size), so a small blank image warms it at a fraction of the
   * cost: Inception-v4 in Node, 0.52 s at 75×75 instead of 1.31 s at 299×299, the next 299×299 inference
   * as warm either way. GPU programs are compiled per shape: there the warm-up is full size.
   */
  async warmUp(): Promise<number> {
    const [h, w, c] = this.size;
    const side = warmUpSide(tf.getBackend(), [h, w]);
    const started = performance.now();
    await this.logitsOf(tf.zeros([1, side[0], side[1], c]) as tf.Tensor4D);
    return performance.now() - started;
  }

  /** Outputs of the nodes at `addresses` (see `analyzeNetwork`), downloaded, for overlays in the explorer. */
  async activations(
    input: Float32Array,
    addresses: readonly string[],
    name = 'the input',
  ): Promise<Map<string, { shape: number[]; data: Float32Array }>> {
    const x = this.inputTensor(input, name);
    const out = new Map<string, { shape: number[]; data: Float32Array }>();
    try {
      const { output, activations } = this.executor.run(x, { capture: addresses });
      try {
        for (const [address, t] of activations)
          out.set(address, { shape: t.shape, data: (await t.data()) as Float32Array });
      } finally {
        tf.dispose([output, ...activations.values()]);
      }
    } finally {
      x.dispose();
    }
    return out;
  }

  /** Frees the weights on the backend; the classifier cannot be used afterwards. */
  dispose(): void {
    this.executor.dispose();
  }

  private inputTensor(input: Float32Array, name: string): tf.Tensor4D {
    this.checkInput(input, name);
    const [h, w, c] = this.size;
    return tf.tensor4d(input, [1, h, w, c]);
  }

  /** Throws a ClassifierInputError naming the input unless it is a finite preprocessed image. */
  private checkInput(input: Float32Array, name: string): void {
    const [h, w, c] = this.size;
    const expected = h * w * c;
    if (!(input instanceof Float32Array))
      throw new ClassifierInputError(`${name}: expected a Float32Array of ${expected} values`);
    if (input.length !== expected) {
      throw new ClassifierInputError(
        `${name} has ${input.length} values; ${this.network.title} takes a preprocessed ${h}×${w}×${c} image (${expected} float32 values, NHWC)`,
      );
    }
    const bad = input.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new ClassifierInputError(`${name} holds a non-finite value (${input[bad]}) at index ${bad}`);
  }

  private top(probabilities: Float32Array, k: number): Prediction[] {
    return topClasses(probabilities, k, this.labels);
  }
}

/** The smallest input both Inception networks take (each grid stays ≥ 1 after the stem and the reductions). */
export const SMALLEST_INPUT = 75;

/** The size of the warm-up image: small on WebAssembly (see `Classifier.warmUp`), the network's own elsewhere. */
export function warmUpSide(backend: string, size: readonly [number, number]): [number, number] {
  return backend === 'wasm'
    ? [Math.min(SMALLEST_INPUT, size[0]), Math.min(SMALLEST_INPUT, size[1])]
    : [size[0], size[1]];
}
