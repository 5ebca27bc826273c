import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { AnalyzedNode } from '../../model/analysis/analyze.ts';
import type { CheckpointTensor, TensorKind } from '../../model/analysis/checkpoint.ts';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { uniform } from '../weights/recipe.ts';
import { tensorSourceFromMap, type TensorData } from '../weights/types.ts';
import { disposeWeights, uploadLayerWeights } from './layer-weights.ts';

const random = (shape: number[], seed: number, lo = -1, hi = 1): TensorData => ({
  shape,
  data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => lo + (hi - lo) * uniform(seed, i)),
});

/** A 1×3 conv with batch norm and a 3×2 conv with its own bias: every axis of OIHW has its own length. */
const tensors: Record<string, [TensorKind, TensorData]> = {
  'a.conv.weight': ['conv_weight', random([5, 4, 1, 3], 1)],
  'a.bn.weight': ['bn_weight', random([5], 2, 0.5, 1.5)],
  'a.bn.bias': ['bn_bias', random([5], 3)],
  'a.bn.running_mean': ['bn_running_mean', random([5], 4)],
  'a.bn.running_var': ['bn_running_var', random([5], 5, 0.1, 2)],
  'b.weight': ['conv_weight', random([7, 2, 3, 2], 6)],
  'b.bias': ['conv_bias', random([7], 7)],
  // A second batch-norm conv after the first: on WASM both are folded in one reused buffer.
  'c.conv.weight': ['conv_weight', random([3, 5, 3, 3], 8)],
  'c.bn.weight': ['bn_weight', random([3], 9, 0.5, 1.5)],
  'c.bn.bias': ['bn_bias', random([3], 10)],
  'c.bn.running_mean': ['bn_running_mean', random([3], 11)],
  'c.bn.running_var': ['bn_running_var', random([3], 12, 0.1, 2)],
};
const layerOf = (name: string) => name.split('.')[0];
const nodes = new Map([
  ['a', { node: { kind: 'conv', norm: 'batchnorm' } }],
  ['b', { node: { kind: 'conv', norm: 'bias' } }],
  ['c', { node: { kind: 'conv', norm: 'batchnorm' } }],
]) as unknown as ReadonlyMap<string, AnalyzedNode>;
const needed = new Map<string, CheckpointTensor[]>();
for (const [name, [kind, t]] of Object.entries(tensors))
  needed.set(layerOf(name), [
    ...(needed.get(layerOf(name)) ?? []),
    { name, kind, shape: t.shape, address: layerOf(name) },
  ]);
const source = tensorSourceFromMap(new Map(Object.entries(tensors).map(([name, [, t]]) => [name, t])));

async function uploadedOn(backend: 'cpu' | 'wasm'): Promise<Record<string, { shape: number[]; values: Float32Array }>> {
  await activateNodeBackend(backend);
  const { byAddress } = uploadLayerWeights(nodes, source, needed);
  const out: Record<string, { shape: number[]; values: Float32Array }> = {};
  for (const [address, layer] of byAddress) {
    if (layer.kind !== 'conv') continue;
    out[address] = { shape: layer.filter.shape, values: layer.filter.dataSync() as Float32Array };
    out[`${address} bias`] = { shape: layer.bias.shape, values: layer.bias.dataSync() as Float32Array };
  }
  disposeWeights(byAddress);
  return out;
}

describe('uploadLayerWeights', () => {
  it('gives WASM (transposed by the backend) the HWIO filters and biases the CPU backend gets, bit for bit', async () => {
    const cpu = await uploadedOn('cpu');
    const before = tf.memory().numTensors;
    const wasm = await uploadedOn('wasm');
    expect(tf.memory().numTensors).toBe(before);
    expect(cpu.a.shape).toEqual([1, 3, 4, 5]);
    expect(cpu.b.shape).toEqual([3, 2, 2, 7]);
    expect(cpu.c.shape).toEqual([3, 3, 5, 3]);
    for (const key of Object.keys(cpu)) {
      expect(wasm[key].shape).toEqual(cpu[key].shape);
      expect(Array.from(wasm[key].values)).toEqual(Array.from(cpu[key].values));
    }
    // The layout, one value checked by hand: HWIO[y][x][i][o] = OIHW[o][i][y][x] (b has no batch norm).
    const w = tensors['b.weight'][1].data;
    const [o, i, y, x] = [6, 1, 2, 1];
    expect(wasm.b.values[((y * 2 + x) * 2 + i) * 7 + o]).toBe(w[((o * 2 + i) * 3 + y) * 2 + x]);
  });
});
