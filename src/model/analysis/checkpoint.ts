/**
 * The tensors a released definition expects in a timm checkpoint, named and shaped as timm stores them
 * (PyTorch layouts: conv OIHW, linear [out, in]). The runtime maps weights through this list, and a
 * test checks it against the real checkpoints' manifests, so no per-model table is written by hand.
 */
import type { AnalyzedNode, NetworkAnalysis } from './analyze.ts';
import { walk } from './analyze.ts';

export type TensorKind =
  | 'conv_weight'
  | 'conv_bias'
  | 'bn_weight'
  | 'bn_bias'
  | 'bn_running_mean'
  | 'bn_running_var'
  | 'linear_weight'
  | 'linear_bias';

export interface CheckpointTensor {
  name: string;
  shape: readonly number[];
  kind: TensorKind;
  /** Address of the layer owning the tensor. */
  address: string;
}

/** A weighted layer missing its checkpoint key (a released definition must key every one). */
export interface UnkeyedLayer {
  address: string;
}

export function checkpointTensors(analysis: NetworkAnalysis): { tensors: CheckpointTensor[]; unkeyed: UnkeyedLayer[] } {
  const tensors: CheckpointTensor[] = [];
  const unkeyed: UnkeyedLayer[] = [];
  for (const stage of analysis.stages) {
    for (const node of walk(stage)) {
      const layer = node.node;
      if (layer.kind !== 'conv' && layer.kind !== 'dense') continue;
      if (!node.key) {
        unkeyed.push({ address: node.address });
        continue;
      }
      tensors.push(...layerTensors(node, node.key));
    }
  }
  return { tensors, unkeyed };
}

function layerTensors(node: AnalyzedNode, key: string): CheckpointTensor[] {
  const layer = node.node;
  const address = node.address;
  const cin = node.input[node.input.length - 1] ?? 0;
  if (layer.kind === 'dense') {
    const features = node.input.reduce((a, b) => a * b, 1);
    return [
      { name: `${key}.weight`, shape: [layer.units, features], kind: 'linear_weight', address },
      { name: `${key}.bias`, shape: [layer.units], kind: 'linear_bias', address },
    ];
  }
  if (layer.kind !== 'conv') return [];
  const weight = [layer.filters, cin, layer.kernel[0], layer.kernel[1]];
  if (layer.norm === 'bias') {
    return [
      { name: `${key}.weight`, shape: weight, kind: 'conv_weight', address },
      { name: `${key}.bias`, shape: [layer.filters], kind: 'conv_bias', address },
    ];
  }
  const vector = [layer.filters];
  return [
    { name: `${key}.conv.weight`, shape: weight, kind: 'conv_weight', address },
    { name: `${key}.bn.weight`, shape: vector, kind: 'bn_weight', address },
    { name: `${key}.bn.bias`, shape: vector, kind: 'bn_bias', address },
    { name: `${key}.bn.running_mean`, shape: vector, kind: 'bn_running_mean', address },
    { name: `${key}.bn.running_var`, shape: vector, kind: 'bn_running_var', address },
  ];
}
