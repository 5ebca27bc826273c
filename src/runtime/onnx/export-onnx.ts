/**
 * A released network with its weights as a standard ONNX model (opset 17): NCHW input [1, 3, 299, 299]
 * named "input", logits [1, 1000] named "logits", batch norm folded into the convolutions (as the
 * executor does), so it opens in Netron and runs in onnxruntime. The graph is the definition's tree
 * interpreted like the executor (src/runtime/executor/network.ts), node by node:
 * conv → Conv (+ Relu), max/avg pool → MaxPool/AveragePool (TensorFlow "SAME" padding computed from the
 * input grid, average excluding padding), concat → Concat on channels, residual → Mul by the scale, Add,
 * (Relu), global pooling → GlobalAveragePool + Flatten, dense → Gemm (PyTorch [out, in] weight, transB).
 * No DOM, no Node APIs (it runs in the CLI and in the inference worker); the result is a list of byte chunks.
 */
import { analyzeNetwork, walk, type AnalyzedNode } from '../../model/analysis/analyze.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import { checkLayerTensors } from '../executor/layer-weights.ts';
import { convWithBiasOihw, foldBatchNormOihw } from '../executor/fold-batch-norm.ts';
import type { TensorData, TensorSource } from '../weights/types.ts';
import { encodeModel, type OnnxInitializer, type OnnxNode } from './onnx-proto.ts';
import type { Encoded } from './protobuf.ts';

export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'logits';

/** The network cannot be exported with these weights; the message lists the problems. */
export class OnnxExportError extends Error {}

export interface OnnxModel extends Encoded {
  /** Suggested file name, e.g. "inception_v4.tf_in1k.onnx". */
  fileName: string;
}

/** TensorFlow's "SAME" padding of one axis: [begin, end], the extra cell at the end. */
export function samePadding(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** ONNX `pads` ([top, left, bottom, right]) for a layer on an H×W input. */
function pads(
  input: readonly number[],
  kernel: readonly [number, number],
  stride: number,
  padding: 'same' | 'valid',
): number[] {
  if (padding === 'valid') return [0, 0, 0, 0];
  const [top, bottom] = samePadding(input[0], kernel[0], stride);
  const [left, right] = samePadding(input[1], kernel[1], stride);
  return [top, left, bottom, right];
}

export function exportOnnx(network: NetworkDefinition, source: TensorSource, producerVersion = '0.1.0'): OnnxModel {
  if (!network.checkpoint)
    throw new OnnxExportError(`${network.title} (${network.variant}) has no checkpoint to export`);
  const analysis = analyzeNetwork(network);
  const problems = analysis.problems.map((p) => `${p.node}: ${p.message}`);
  const order = analysis.stages.flatMap((s) => [...walk(s)]);
  const layers = new Set(order.filter((n) => n.node.kind === 'conv' || n.node.kind === 'dense').map((n) => n.address));
  const checked = checkLayerTensors(analysis, source, layers);
  problems.push(...checked.problems.map((p) => p.message));
  for (const n of order) {
    if (n.node.kind === 'residual' && typeof n.node.scale !== 'number')
      problems.push(`${n.address}: the residual scale is a range; export a released variant`);
  }
  if (problems.length)
    throw new OnnxExportError(`${network.title} cannot be exported: ${problems.slice(0, 5).join('; ')}`);

  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  const names = new Map<string, number>();
  const unique = (base: string) => {
    const clean = base.replace(/[^A-Za-z0-9_./-]/g, '_');
    const n = names.get(clean) ?? 0;
    names.set(clean, n + 1);
    return n ? `${clean}_${n}` : clean;
  };
  const tensorOf = (address: string, kind: string): TensorData => {
    const t = checked.needed.get(address)?.find((c) => c.kind === kind);
    const data = t && source.get(t.name);
    if (!data) throw new OnnxExportError(`layer ${address} has no ${kind} tensor`);
    return data;
  };
  const constant = (name: string, dims: number[], data: Float32Array) => {
    const id = unique(name);
    initializers.push({ name: id, dims, data });
    return id;
  };

  const emit = (n: AnalyzedNode, x: string): string => {
    const node = n.node;
    const label = n.key ?? n.address;
    switch (node.kind) {
      case 'sequence':
      case 'repeat':
        return n.children.reduce((current, child) => emit(child, current), x);
      case 'concat': {
        const outputs = n.children.map((branch) => emit(branch, x));
        const y = unique(`${label}.concat`);
        nodes.push({ op: 'Concat', inputs: outputs, outputs: [y], name: y, attributes: { axis: 1 } });
        return y;
      }
      case 'residual': {
        const branch = emit(n.children[0], x);
        const scale = constant(`${label}.scale`, [], Float32Array.of(node.scale as number));
        const scaled = unique(`${label}.scaled`);
        const sum = unique(`${label}.add`);
        nodes.push({ op: 'Mul', inputs: [branch, scale], outputs: [scaled], name: scaled });
        nodes.push({ op: 'Add', inputs: [scaled, x], outputs: [sum], name: sum });
        return node.activation === 'relu' ? relu(sum) : sum;
      }
      case 'conv': {
        const weight = tensorOf(n.address, 'conv_weight');
        const k =
          node.norm === 'batchnorm'
            ? foldBatchNormOihw(weight, {
                gamma: tensorOf(n.address, 'bn_weight'),
                beta: tensorOf(n.address, 'bn_bias'),
                mean: tensorOf(n.address, 'bn_running_mean'),
                variance: tensorOf(n.address, 'bn_running_var'),
              })
            : convWithBiasOihw(weight, tensorOf(n.address, 'conv_bias'));
        const w = constant(`${label}.weight`, [...k.weightShape], k.weight);
        const b = constant(`${label}.bias`, [k.bias.length], k.bias);
        const y = unique(`${label}.conv`);
        nodes.push({
          op: 'Conv',
          inputs: [x, w, b],
          outputs: [y],
          name: y,
          attributes: {
            kernel_shape: [...node.kernel],
            strides: [node.stride, node.stride],
            pads: pads(n.input, node.kernel, node.stride, node.padding),
          },
        });
        return node.activation === 'relu' ? relu(y) : y;
      }
      case 'maxpool':
      case 'avgpool': {
        const y = unique(`${label}.${node.kind}`);
        nodes.push({
          op: node.kind === 'maxpool' ? 'MaxPool' : 'AveragePool',
          inputs: [x],
          outputs: [y],
          name: y,
          attributes: {
            kernel_shape: [...node.kernel],
            strides: [node.stride, node.stride],
            pads: pads(n.input, node.kernel, node.stride, node.padding),
            ...(node.kind === 'avgpool' ? { count_include_pad: 0 } : {}),
          },
        });
        return y;
      }
      case 'global-avgpool': {
        const pooled = unique(`${label}.pool`);
        const y = unique(`${label}.flatten`);
        nodes.push({ op: 'GlobalAveragePool', inputs: [x], outputs: [pooled], name: pooled });
        nodes.push({ op: 'Flatten', inputs: [pooled], outputs: [y], name: y, attributes: { axis: 1 } });
        return y;
      }
      case 'dropout':
        return x; // inactive at inference
      case 'dense': {
        const weight = tensorOf(n.address, 'linear_weight');
        const bias = tensorOf(n.address, 'linear_bias');
        const w = constant(`${label}.weight`, [...weight.shape], weight.data);
        const b = constant(`${label}.bias`, [...bias.shape], bias.data);
        const y = unique(`${label}.gemm`);
        nodes.push({ op: 'Gemm', inputs: [x, w, b], outputs: [y], name: y, attributes: { transB: 1 } });
        return y;
      }
    }
  };
  const relu = (x: string): string => {
    const y = unique(`${x}.relu`);
    nodes.push({ op: 'Relu', inputs: [x], outputs: [y], name: y });
    return y;
  };

  const last = analysis.stages.reduce((current, stage) => emit(stage, current), ONNX_INPUT);
  nodes.push({ op: 'Identity', inputs: [last], outputs: [ONNX_OUTPUT], name: ONNX_OUTPUT });
  const [h, w, c] = network.input;
  const classes = analysis.output[0];
  const encoded = encodeModel(
    {
      name: network.id,
      doc:
        `${network.title} (${network.variant}) from ${network.checkpoint.repo}, batch norm folded; input NCHW, ` +
        'preprocessed as the checkpoint expects ((x/255 − 0.5)/0.5 after resize and center crop); output: logits.',
      nodes,
      initializers,
      inputs: [{ name: ONNX_INPUT, dims: [1, c, h, w] }],
      outputs: [{ name: ONNX_OUTPUT, dims: [1, classes] }],
    },
    { name: 'inception-explorer', version: producerVersion },
  );
  return { ...encoded, fileName: `${network.checkpoint.repo.split('/').at(-1)}.onnx` };
}
