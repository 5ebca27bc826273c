/**
 * A network definition made executable: its analysed tree interpreted node by node on the current
 * TensorFlow.js backend, with the weights of a TensorSource folded and uploaded once at build time.
 *
 * Building never throws on a bad network or bad weights: it returns the problems (shape mismatches of a
 * paper variant, a residual scale given as a range, missing or misshapen tensors). Running returns the
 * logits (or, for an executor built `until` some node, that node's output) and, on request, the
 * activations of any nodes by address, which the explorer overlays on its diagrams.
 */
import * as tf from '@tensorflow/tfjs-core';
import { analyzeNetwork, walk, type AnalyzedNode, type NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { residualGroups, type ResidualGroup } from '../../model/analysis/residual-groups.ts';
import { segmentsOf, type Segment } from '../../model/analysis/segments.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import type { TensorSource } from '../weights/types.ts';
import { KernelShapeError } from './fold-batch-norm.ts';
import { checkLayerTensors, disposeWeights, uploadLayerWeights, type LayerTensors } from './layer-weights.ts';
import {
  avgPoolDifferentiable,
  convolveUnfused,
  fullyConnectedUnfused,
  maxPoolDifferentiable,
} from './differentiable-ops.ts';
import { avgPool, concatChannels, convolve, fullyConnected, globalAveragePool, maxPool, residualAdd } from './ops.ts';
import { ExecutorInputError, planRun, type RunPlan } from './run-plan.ts';
import type { RunOptions, RunResult, Tap } from './run-options.ts';

export interface ExecutorProblem {
  /** Address of the node concerned, if any. */
  address?: string;
  /** Checkpoint tensor concerned, if any. */
  tensor?: string;
  message: string;
}

export interface ExecutorOptions {
  /**
   * Build only the part of the network needed to compute this node (an address of `analyzeNetwork`,
   * e.g. "inception-a/0"); `run` then returns its output. Used to test GPU backends on a sub-network.
   */
  until?: string;
  /** Called after each weighted layer is uploaded. */
  onProgress?: (layersDone: number, layersTotal: number) => void;
}

export type { RunOptions, RunResult, ResidualProbe, Tap, TrainingLayers } from './run-options.ts';

export type BuildResult = { ok: true; executor: NetworkExecutor } | { ok: false; problems: ExecutorProblem[] };

export { ExecutorInputError } from './run-plan.ts';

export function buildExecutor(
  network: NetworkDefinition,
  source: TensorSource,
  options: ExecutorOptions = {},
): BuildResult {
  const { analysis, layers, problems } = checkNetwork(network, options.until);
  const tensors = checkLayerTensors(analysis, source, layers);
  problems.push(...tensors.problems);
  if (problems.length > 0) return { ok: false, problems };
  try {
    const weights = uploadLayerWeights(analysis.byAddress, source, tensors.needed, options.onProgress);
    return { ok: true, executor: new NetworkExecutor(analysis, weights.byAddress, weights.bytes, options.until) };
  } catch (error) {
    if (error instanceof KernelShapeError) return { ok: false, problems: [{ message: error.message }] };
    throw error;
  }
}

/**
 * An executor holding no weights of its own, for training: every run brings its layers (`training` in
 * RunOptions), so no folded copy of parameters that change at every step is kept.
 */
export function buildTrainingExecutor(network: NetworkDefinition): BuildResult {
  const { analysis, problems } = checkNetwork(network);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, executor: new NetworkExecutor(analysis, new Map(), 0, undefined, true) };
}

/** The analysis, the weighted layers up to `until`, and what prevents running the network. */
function checkNetwork(
  network: NetworkDefinition,
  until?: string,
): { analysis: NetworkAnalysis; layers: Set<string>; problems: ExecutorProblem[] } {
  const analysis = analyzeNetwork(network);
  const problems: ExecutorProblem[] = analysis.problems.map((p) => ({
    address: p.address,
    message: `${p.node}: ${p.message}`,
  }));
  const order = [...analysis.stages.flatMap((s) => [...walk(s)])];
  let last = order.length - 1;
  if (until !== undefined) {
    const index = order.findIndex((n) => n.address === until);
    if (index < 0) problems.push({ address: until, message: `no node has the address "${until}"` });
    else last = index + [...walk(order[index])].length - 1;
  }
  const included = order.slice(0, last + 1);
  for (const node of included) problems.push(...unsupported(node));
  const weighted = included.filter((n) => n.node.kind === 'conv' || n.node.kind === 'dense');
  return { analysis, layers: new Set(weighted.map((n) => n.address)), problems };
}

/** What the executor cannot run even when shapes fit. */
function unsupported(n: AnalyzedNode): ExecutorProblem[] {
  const node = n.node;
  if (node.kind === 'residual' && typeof node.scale !== 'number') {
    return [
      {
        address: n.address,
        message: `residual scale of ${n.address} is the paper's range ${node.scale.min}–${node.scale.max}; only a fixed scale can run (use a released variant)`,
      },
    ];
  }
  if (node.kind === 'dense' && n.input.length !== 1) {
    return [
      {
        address: n.address,
        message: `the dense layer ${n.address} follows a ${n.input.join('×')} grid; it must follow global pooling`,
      },
    ];
  }
  return [];
}

/** One run's state, threaded through the recursive evaluation. */
interface Frame {
  plan: RunPlan;
  captured: Record<string, tf.Tensor>;
  tapped: Record<string, tf.Tensor>;
  norms: Record<string, tf.Tensor>;
  inputs: Record<string, tf.Tensor>;
  /** Tensors that must outlive their producer: the run's input, and outputs returned to the caller. */
  kept: Set<tf.Tensor>;
  done: boolean;
}

/** An analysis at one input size, with what runs need from it. */
export interface SizedAnalysis {
  analysis: NetworkAnalysis;
  segments: Segment[];
  groups: ResidualGroup[];
}

/**
 * ‖t‖₂ as √Σt². Not tf.norm: it squares through Abs and Pow, and WebAssembly's Pow is a slow elementwise
 * kernel — probing Inception-ResNet-v2's 40 residual blocks that way made a look-inside run a third slower.
 */
function euclideanNorm(t: tf.Tensor): tf.Tensor {
  return tf.sqrt(tf.sum(tf.square(t)));
}

export class NetworkExecutor {
  private readonly sized = new Map<string, SizedAnalysis>();
  private disposed = false;

  constructor(
    readonly analysis: NetworkAnalysis,
    private readonly weights: Map<string, LayerTensors>,
    /** Bytes of float32 weights held on the backend. */
    readonly weightBytes: number,
    /** The node whose output `run` returns, or undefined for the logits. */
    readonly until?: string,
    /** Built without weights (`buildTrainingExecutor`): every run must bring `training` layers. */
    readonly unweighted = false,
  ) {
    this.sized.set(analysis.network.input.slice(0, 2).join('x'), sizedAnalysis(analysis));
  }

  get network(): NetworkDefinition {
    return this.analysis.network;
  }

  /** The segments of the network run at `size` ([height, width], default the network's input size). */
  segments(size?: readonly [number, number]): Segment[] {
    return this.at(size ?? [this.network.input[0], this.network.input[1]]).segments;
  }

  /** The uploaded tensors of a weighted layer (owned by the executor: read them, never dispose them). */
  layerTensors(address: string): LayerTensors | undefined {
    return this.weights.get(address);
  }

  /**
   * Runs on an NHWC batch [N, H, W, C] of any size the network accepts (or, with `from`, on a segment's
   * input). Synchronous, like tfjs ops; throws ExecutorInputError for inputs and options it cannot take.
   */
  run(input: tf.Tensor4D, options: RunOptions = {}): RunResult {
    if (this.disposed) throw new Error('this executor has been disposed');
    if (this.unweighted && !options.training) {
      throw new ExecutorInputError('this executor holds no weights (built for training): pass `training` layers');
    }
    const plan = planRun(this, input, options);
    const frame: Frame = { plan, captured: {}, tapped: {}, norms: {}, inputs: {}, kept: new Set([input]), done: false };
    if (options.substitute) frame.kept.add(options.substitute.tensor);
    const result = tf.tidy(() => {
      const output = this.runSegments(input, frame);
      const last = this.until ? frame.captured[this.until] : output;
      return { output: last, captured: frame.captured, tapped: frame.tapped, norms: frame.norms, inputs: frame.inputs };
    });
    const wanted = new Set(options.capture ?? []);
    return {
      output: result.output,
      activations: new Map(Object.entries(result.captured).filter(([address]) => wanted.has(address))),
      tapped: new Map(Object.entries(result.tapped)),
      residuals: new Map(
        Object.entries(result.norms).map(([address, norms]) => [
          address,
          { scale: plan.scaleOf(address), norms: norms as tf.Tensor1D | tf.Tensor2D },
        ]),
      ),
      segmentInputs: new Map(Object.entries(result.inputs)),
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeWeights(this.weights);
    this.weights.clear();
  }

  /** The analysis at an input size, or an ExecutorInputError saying why the network cannot take it. */
  at(size: readonly [number, number]): SizedAnalysis {
    const key = `${size[0]}x${size[1]}`;
    let sized = this.sized.get(key);
    if (!sized) {
      const analysis = analyzeNetwork(this.network, [size[0], size[1], this.network.input[2]]);
      const problem = analysis.problems[0];
      if (problem)
        throw new ExecutorInputError(
          `${this.network.title} cannot take a ${size[0]}×${size[1]} input: ${problem.node}: ${problem.message}`,
        );
      sized = sizedAnalysis(analysis);
      this.sized.set(key, sized);
    }
    return sized;
  }

  /** The segments of the plan in order, each from the previous one's output. */
  private runSegments(x: tf.Tensor, frame: Frame): tf.Tensor {
    let current = x;
    for (const segment of frame.plan.segments) {
      if (frame.plan.keepSegmentInputs) frame.inputs[segment.address] = this.keep(current, frame);
      const next = this.evaluate(segment.node, current, frame);
      // A repeat's own output is its last repetition's.
      if (segment.repetition === segment.stage.children.length - 1) this.observe(segment.stage, next, frame);
      if (current !== x && next !== current) this.release(current, frame);
      current = next;
      if (frame.done) break;
    }
    return current;
  }

  private evaluate(n: AnalyzedNode, x: tf.Tensor, frame: Frame): tf.Tensor {
    const substitute = frame.plan.substitute;
    const y = substitute?.address === n.address ? substitute.tensor : this.compute(n, x, frame);
    this.observe(n, y, frame);
    return y;
  }

  private observe(n: AnalyzedNode, y: tf.Tensor, frame: Frame): void {
    if (frame.done) return;
    if (frame.plan.capture.has(n.address)) frame.captured[n.address] = this.keep(y, frame);
    const tap: Tap | undefined = frame.plan.taps?.get(n.address);
    if (tap) {
      // Its own scope: a tap's temporaries (masks as large as y) go as soon as it has reduced y.
      const reduced = tf.tidy(() => (frame.plan.perExample ? eachExample(tap, y) : tap(y)));
      frame.tapped[n.address] = reduced === y ? this.keep(y, frame) : reduced;
    }
    if (n.address === this.until) frame.done = true;
  }

  /** `t` as a tensor the caller may dispose independently (a clone where `t` is already handed out). */
  private keep(t: tf.Tensor, frame: Frame): tf.Tensor {
    const kept = frame.kept.has(t) ? tf.clone(t) : t;
    frame.kept.add(t);
    return kept;
  }

  private compute(n: AnalyzedNode, x: tf.Tensor, frame: Frame): tf.Tensor {
    const node = n.node;
    const smooth = frame.plan.differentiable;
    switch (node.kind) {
      case 'sequence':
      case 'repeat':
        return this.sequence(n.children, x, frame);
      case 'concat': {
        const outputs: tf.Tensor[] = [];
        for (const branch of n.children) {
          outputs.push(this.evaluate(branch, x, frame));
          if (frame.done) return x;
        }
        const y = concatChannels(outputs);
        for (const o of outputs) this.release(o, frame);
        return y;
      }
      case 'residual': {
        const branch = this.evaluate(n.children[0], x, frame);
        if (frame.done) return x;
        const scale = frame.plan.scaleOf(n.address);
        if (frame.plan.probes(n.address))
          frame.norms[n.address] = tf.tidy(() =>
            frame.plan.perExample
              ? eachExample((e, i) => tf.stack([euclideanNorm(e), euclideanNorm(exampleOf(branch, i))]), x)
              : tf.stack([euclideanNorm(x), euclideanNorm(branch)]),
          );
        const y = residualAdd(x, branch, scale, node.activation);
        this.release(branch, frame);
        return y;
      }
      case 'conv':
        if (frame.plan.training) return frame.plan.training.conv(x as tf.Tensor4D, node, n.address);
        return (smooth ? convolveUnfused : convolve)(x as tf.Tensor4D, node, this.layer(n, 'conv', frame));
      case 'maxpool':
        return (smooth ? maxPoolDifferentiable : maxPool)(x as tf.Tensor4D, node);
      case 'avgpool':
        return (smooth ? avgPoolDifferentiable : avgPool)(x as tf.Tensor4D, node);
      case 'global-avgpool':
        return globalAveragePool(x as tf.Tensor4D);
      case 'dropout':
        return frame.plan.training ? frame.plan.training.dropout(x, node, n.address) : x; // inactive at inference
      case 'dense':
        if (frame.plan.training) return frame.plan.training.dense(x as tf.Tensor2D, node, n.address);
        return (smooth ? fullyConnectedUnfused : fullyConnected)(x as tf.Tensor2D, this.layer(n, 'dense', frame));
    }
  }

  /** Children in order, freeing each intermediate as soon as the next one is computed. */
  private sequence(children: readonly AnalyzedNode[], x: tf.Tensor, frame: Frame): tf.Tensor {
    let current = x;
    for (const child of children) {
      const next = this.evaluate(child, current, frame);
      if (current !== x && next !== current) this.release(current, frame);
      current = next;
      if (frame.done) break;
    }
    return current;
  }

  private release(t: tf.Tensor, frame: Frame): void {
    if (!frame.kept.has(t)) t.dispose();
  }

  private layer<K extends LayerTensors['kind']>(
    n: AnalyzedNode,
    kind: K,
    frame: Frame,
  ): Extract<LayerTensors, { kind: K }> {
    const w = frame.plan.weights?.get(n.address) ?? this.weights.get(n.address);
    if (!w || w.kind !== kind) throw new Error(`internal: no ${kind} weights were uploaded for ${n.address}`);
    return w as Extract<LayerTensors, { kind: K }>;
  }
}

function sizedAnalysis(analysis: NetworkAnalysis): SizedAnalysis {
  return { analysis, segments: segmentsOf(analysis), groups: residualGroups(analysis) };
}

/** `f` of each example of the batch `y` on its own, stacked (a batch of one is passed as it is). */
function eachExample(f: (example: tf.Tensor, index: number) => tf.Tensor, y: tf.Tensor): tf.Tensor {
  return tf.stack(Array.from({ length: y.shape[0] }, (_, i) => f(exampleOf(y, i), i)));
}

/** Example `i` of a batch, as a batch of one. */
function exampleOf(y: tf.Tensor, i: number): tf.Tensor {
  return y.shape[0] === 1 ? y : tf.slice(y, i, 1);
}
