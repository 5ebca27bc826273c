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
import type { NetworkDefinition } from '../../model/types.ts';
import type { TensorSource } from '../weights/types.ts';
import { KernelShapeError } from './fold-batch-norm.ts';
import { checkLayerTensors, disposeWeights, uploadLayerWeights, type LayerTensors } from './layer-weights.ts';
import { avgPool, concatChannels, convolve, fullyConnected, globalAveragePool, maxPool, residualAdd } from './ops.ts';

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

export interface RunOptions {
  /** Addresses whose outputs to return; each must be computed by this executor. */
  capture?: readonly string[];
}

export interface RunResult {
  /** Logits [N, classes], or the `until` node's output. */
  output: tf.Tensor;
  /** Captured outputs by address. The caller disposes them (and `output`); one tensor may appear twice. */
  activations: Map<string, tf.Tensor>;
}

export type BuildResult =
  | { ok: true; executor: NetworkExecutor }
  | { ok: false; problems: ExecutorProblem[] };

/** A run-time input that the network cannot take (wrong rank, channels, or too small a grid). */
export class ExecutorInputError extends Error {}

export function buildExecutor(network: NetworkDefinition, source: TensorSource, options: ExecutorOptions = {}): BuildResult {
  const analysis = analyzeNetwork(network);
  const problems: ExecutorProblem[] = analysis.problems.map((p) => ({ address: p.address, message: `${p.node}: ${p.message}` }));
  const order = [...analysis.stages.flatMap((s) => [...walk(s)])];
  let last = order.length - 1;
  if (options.until !== undefined) {
    const index = order.findIndex((n) => n.address === options.until);
    if (index < 0) problems.push({ address: options.until, message: `no node has the address "${options.until}"` });
    else last = index + [...walk(order[index])].length - 1;
  }
  const included = order.slice(0, last + 1);
  for (const node of included) problems.push(...unsupported(node));
  const layers = new Set(included.filter((n) => n.node.kind === 'conv' || n.node.kind === 'dense').map((n) => n.address));
  const checked = checkLayerTensors(analysis, source, layers);
  problems.push(...checked.problems);
  if (problems.length > 0) return { ok: false, problems };
  try {
    const weights = uploadLayerWeights(analysis.byAddress, source, checked.needed, options.onProgress);
    return { ok: true, executor: new NetworkExecutor(analysis, weights.byAddress, weights.bytes, options.until) };
  } catch (error) {
    if (error instanceof KernelShapeError) return { ok: false, problems: [{ message: error.message }] };
    throw error;
  }
}

/** What the executor cannot run even when shapes fit. */
function unsupported(n: AnalyzedNode): ExecutorProblem[] {
  const node = n.node;
  if (node.kind === 'residual' && typeof node.scale !== 'number') {
    return [{
      address: n.address,
      message: `residual scale of ${n.address} is the paper's range ${node.scale.min}–${node.scale.max}; only a fixed scale can run (use a released variant)`,
    }];
  }
  if (node.kind === 'dense' && n.input.length !== 1) {
    return [{ address: n.address, message: `the dense layer ${n.address} follows a ${n.input.join('×')} grid; it must follow global pooling` }];
  }
  return [];
}

interface Frame {
  capture: ReadonlySet<string>;
  captured: Record<string, tf.Tensor>;
  /** Tensors that must outlive their producer: the network input and captured outputs. */
  kept: Set<tf.Tensor>;
  stopAt?: string;
  done: boolean;
}

export class NetworkExecutor {
  private readonly analyses = new Map<string, NetworkAnalysis>();
  private disposed = false;

  constructor(
    readonly analysis: NetworkAnalysis,
    private readonly weights: Map<string, LayerTensors>,
    /** Bytes of float32 weights held on the backend. */
    readonly weightBytes: number,
    /** The node whose output `run` returns, or undefined for the logits. */
    readonly until?: string,
  ) {
    this.analyses.set(analysis.network.input.slice(0, 2).join('x'), analysis);
  }

  get network(): NetworkDefinition {
    return this.analysis.network;
  }

  /** Runs on an NHWC batch [N, H, W, C] of any size the network accepts. Synchronous, like tfjs ops. */
  run(input: tf.Tensor4D, options: RunOptions = {}): RunResult {
    if (this.disposed) throw new Error('this executor has been disposed');
    const analysis = this.analysisFor(input);
    const capture = new Set(options.capture ?? []);
    for (const address of capture) this.checkComputed(analysis, address);
    if (this.until) capture.add(this.until);
    const result = tf.tidy(() => {
      const frame: Frame = { capture, captured: {}, kept: new Set([input]), done: false, ...(this.until ? { stopAt: this.until } : {}) };
      const output = this.sequence(analysis.stages, input, frame);
      return { output: this.until ? frame.captured[this.until] : output, captured: frame.captured };
    });
    const activations = new Map(Object.entries(result.captured).filter(([address]) => options.capture?.includes(address)));
    return { output: result.output, activations };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeWeights(this.weights);
    this.weights.clear();
  }

  /** The analysis at the input's size, or an ExecutorInputError saying why the network cannot take it. */
  private analysisFor(input: tf.Tensor): NetworkAnalysis {
    const expected = this.network.input;
    if (input.rank !== 4) {
      throw new ExecutorInputError(`the input must be a batch of images [N, H, W, ${expected[2]}], got shape [${input.shape.join(', ')}]`);
    }
    const [, h, w, c] = input.shape;
    if (c !== expected[2]) throw new ExecutorInputError(`the input has ${c} channels; ${this.network.title} takes ${expected[2]}`);
    const key = `${h}x${w}`;
    let analysis = this.analyses.get(key);
    if (!analysis) {
      analysis = analyzeNetwork(this.network, [h, w, c]);
      const problem = analysis.problems[0];
      if (problem) throw new ExecutorInputError(`${this.network.title} cannot take a ${h}×${w} input: ${problem.node}: ${problem.message}`);
      this.analyses.set(key, analysis);
    }
    return analysis;
  }

  private checkComputed(analysis: NetworkAnalysis, address: string): void {
    if (!analysis.byAddress.has(address)) throw new ExecutorInputError(`cannot capture "${address}": no node has this address`);
    if (this.until && !this.computes(analysis, address)) {
      throw new ExecutorInputError(`cannot capture "${address}": this executor stops at "${this.until}"`);
    }
  }

  private computes(analysis: NetworkAnalysis, address: string): boolean {
    const order = analysis.stages.flatMap((s) => [...walk(s)]);
    const stop = order.findIndex((n) => n.address === this.until);
    const last = stop + [...walk(order[stop])].length - 1;
    const index = order.findIndex((n) => n.address === address);
    // Ancestors of the stop node are cut short, so their outputs are not computed.
    return index <= last && !(index < stop && this.until!.startsWith(`${address}/`));
  }

  private evaluate(n: AnalyzedNode, x: tf.Tensor, frame: Frame): tf.Tensor {
    const y = this.compute(n, x, frame);
    if (frame.capture.has(n.address) && !frame.done) {
      frame.captured[n.address] = frame.kept.has(y) ? tf.clone(y) : y;
      frame.kept.add(y);
    }
    if (n.address === frame.stopAt) frame.done = true;
    return y;
  }

  private compute(n: AnalyzedNode, x: tf.Tensor, frame: Frame): tf.Tensor {
    const node = n.node;
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
        const y = residualAdd(x, branch, node.scale as number, node.activation);
        this.release(branch, frame);
        return y;
      }
      case 'conv':
        return convolve(x as tf.Tensor4D, node, this.layer(n, 'conv'));
      case 'maxpool':
        return maxPool(x as tf.Tensor4D, node);
      case 'avgpool':
        return avgPool(x as tf.Tensor4D, node);
      case 'global-avgpool':
        return globalAveragePool(x as tf.Tensor4D);
      case 'dropout':
        return x; // inactive at inference
      case 'dense':
        return fullyConnected(x as tf.Tensor2D, this.layer(n, 'dense'));
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

  private layer<K extends LayerTensors['kind']>(n: AnalyzedNode, kind: K): Extract<LayerTensors, { kind: K }> {
    const w = this.weights.get(n.address);
    if (!w || w.kind !== kind) throw new Error(`internal: no ${kind} weights were uploaded for ${n.address}`);
    return w as Extract<LayerTensors, { kind: K }>;
  }
}
