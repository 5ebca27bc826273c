import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { checkpointTensors } from '../../model/analysis/checkpoint.ts';
import { conv, seq } from '../../model/builders.ts';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { tensorSourceFromMap, type TensorData } from '../weights/types.ts';
import { recipeSource, tinyNetwork } from '../../testing/tiny-network.ts';
import { heNormal } from './he-normal.ts';
import { TrainableParameters } from './parameters.ts';

const analysis = analyzeNetwork(tinyNetwork);

describe.each(['cpu', 'wasm'] as const)('trainable parameters on %s', (backend) => {
  beforeAll(async () => {
    await activateNodeBackend(backend);
  });

  it('a variable per checkpoint tensor: He-normal weights, γ = 1, β = 0, mean 0, var 1, biases 0', async () => {
    const before = tf.memory().numTensors;
    const parameters = TrainableParameters.create(analysis, 11);
    const { tensors } = checkpointTensors(analysis);
    expect(parameters.all.map((p) => p.tensor.name)).toEqual(tensors.map((t) => t.name));
    expect(parameters.trainable.length).toBe(tensors.filter((t) => !t.kind.startsWith('bn_running')).length);
    const exported = await parameters.export();
    expect([...exported.keys()]).toEqual(tensors.map((t) => t.name));
    // stem_a: conv [8, 3, 3, 3], fan-in 27; the classifier [10, 16], fan-in 16. Values in PyTorch order.
    expect(exported.get('stem_a.conv.weight')!.data).toEqual(heNormal(11, 'stem_a.conv.weight', 216, 27));
    expect(exported.get('fc.weight')!.data).toEqual(heNormal(11, 'fc.weight', 160, 16));
    expect([...exported.get('stem_a.bn.weight')!.data]).toEqual(new Array(8).fill(1));
    expect([...exported.get('stem_a.bn.running_var')!.data]).toEqual(new Array(8).fill(1));
    expect([...exported.get('stem_a.bn.bias')!.data, ...exported.get('fc.bias')!.data]).toEqual(new Array(18).fill(0));
    // In memory the conv filter is HWIO: element (h, w, i, o) is PyTorch's (o, i, h, w).
    const hwio = await parameters.layer('stem/0').weight.data();
    const oihw = exported.get('stem_a.conv.weight')!.data;
    expect(hwio[((1 * 3 + 2) * 3 + 1) * 8 + 5]).toBe(oihw[((5 * 3 + 1) * 3 + 1) * 3 + 2]);
    // A second set of the same network (a twin, a resumed run) lives beside the first.
    const second = TrainableParameters.create(analysis, 11);
    second.dispose();
    parameters.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes its initial values from a checkpoint and exports them unchanged', async () => {
    const source = recipeSource(tinyNetwork);
    const parameters = TrainableParameters.create(analysis, 1, source);
    const exported = await parameters.export();
    for (const [name, t] of exported) {
      expect(t.shape).toEqual(source.get(name)!.shape);
      expect(t.data).toEqual(source.get(name)!.data);
    }
    parameters.dispose();
  });

  it('lists every tensor of the checkpoint that is missing or misshapen', () => {
    const source = recipeSource(tinyNetwork);
    const tensors = new Map<string, TensorData>(source.names().map((n) => [n, source.get(n)!]));
    tensors.delete('fc.bias');
    tensors.set('stem_b.bn.weight', { shape: [7], data: new Float32Array(7) });
    expect(() => TrainableParameters.create(analysis, 1, tensorSourceFromMap(tensors))).toThrow(
      'the initial weights do not fit Tiny test network:\n' +
        '- tensor stem_b.bn.weight has shape [7] but the network expects [8]\n' +
        '- tensor fc.bias is missing from the weights',
    );
  });

  it('refuses a network with an unkeyed weighted layer: its parameters could not be named', () => {
    const stem = seq([conv('3x3', 4)], { block: { id: 'stem' } });
    const unkeyed = analyzeNetwork({ ...tinyNetwork, stages: [stem, ...tinyNetwork.stages.slice(1)] });
    expect(() => TrainableParameters.create(unkeyed, 1)).toThrow(/the weighted layers stem\/0 have no checkpoint key/);
  });
});
