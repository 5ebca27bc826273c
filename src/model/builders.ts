/**
 * Terse constructors for definitions, so the networks read like the paper's figures:
 * `conv('1x7', 160)`, `conv('3x3', 384, { stride: 2, padding: 'valid' })`.
 */
import type {
  AvgPool,
  BlockInfo,
  Concat,
  Conv,
  Dense,
  Dropout,
  GlobalAvgPool,
  Kernel,
  MaxPool,
  Node,
  Padding,
  Repeat,
  Residual,
  ResidualScale,
  Sequence,
} from './types.ts';

/** "1x7" → [1, 7] (rows × columns, as the paper writes it). */
export function kernel(spec: string): Kernel {
  const match = /^(\d+)x(\d+)$/.exec(spec);
  if (!match) throw new Error(`kernel "${spec}" is not of the form "HxW"`);
  return [Number(match[1]), Number(match[2])];
}

interface WindowOptions {
  stride?: number;
  padding?: Padding;
  key?: string;
  name?: string;
}

interface ConvOptions extends WindowOptions {
  norm?: Conv['norm'];
  activation?: Conv['activation'];
}

/** Convolution followed by batch norm and ReLU (the paper's default). */
export function conv(size: string, filters: number, options: ConvOptions = {}): Conv {
  return {
    kind: 'conv',
    kernel: kernel(size),
    filters,
    stride: options.stride ?? 1,
    padding: options.padding ?? 'same',
    norm: options.norm ?? 'batchnorm',
    activation: options.activation ?? 'relu',
    ...named(options),
  };
}

/** The paper's "1×1 Conv (n Linear)": no batch norm, no activation; a bias in the released code. */
export function linearConv(filters: number, options: { key?: string; name?: string } = {}): Conv {
  return conv('1x1', filters, { ...options, norm: 'bias', activation: 'linear' });
}

/** Valid-padded, stride-2 3×3 max pool: the reduction pooling used throughout the paper. */
export function maxPool(size = '3x3', options: WindowOptions = {}): MaxPool {
  return {
    kind: 'maxpool',
    kernel: kernel(size),
    stride: options.stride ?? 2,
    padding: options.padding ?? 'valid',
    ...named(options),
  };
}

/** 3×3 stride-1 same-padded average pool of the Inception blocks (mean over the unpadded cells). */
export function avgPool(size = '3x3', options: WindowOptions = {}): AvgPool {
  return {
    kind: 'avgpool',
    kernel: kernel(size),
    stride: options.stride ?? 1,
    padding: options.padding ?? 'same',
    ...named(options),
  };
}

export function globalAvgPool(options: { key?: string; name?: string } = {}): GlobalAvgPool {
  return { kind: 'global-avgpool', ...named(options) };
}

export function dropout(keep: number): Dropout {
  return { kind: 'dropout', keep };
}

export function dense(units: number, options: { key?: string; name?: string } = {}): Dense {
  return { kind: 'dense', units, ...named(options) };
}

interface CompositeOptions {
  key?: string;
  name?: string;
  block?: BlockInfo;
}

export function seq(children: readonly Node[], options: CompositeOptions = {}): Sequence {
  return { kind: 'sequence', children, ...named(options), ...(options.block ? { block: options.block } : {}) };
}

export function concat(branches: readonly Node[], options: CompositeOptions = {}): Concat {
  return { kind: 'concat', branches, ...named(options), ...(options.block ? { block: options.block } : {}) };
}

export function residual(
  body: Node,
  options: CompositeOptions & { scale: ResidualScale; activation?: Residual['activation'] },
): Residual {
  return {
    kind: 'residual',
    residual: body,
    scale: options.scale,
    activation: options.activation ?? 'relu',
    ...named(options),
    ...(options.block ? { block: options.block } : {}),
  };
}

export function repeat(count: number, body: Node, keys?: readonly string[]): Repeat {
  return { kind: 'repeat', count, body, ...(keys ? { keys } : {}) };
}

/** ["prefix.start", "prefix.start+1", …] — checkpoint keys of consecutive repetitions. */
export function indexedKeys(prefix: string, start: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}.${start + i}`);
}

function named(options: { key?: string; name?: string }): { key?: string; name?: string } {
  const out: { key?: string; name?: string } = {};
  if (options.key !== undefined) out.key = options.key;
  if (options.name !== undefined) out.name = options.name;
  return out;
}
