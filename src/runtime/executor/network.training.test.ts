/** The executor's training hook: conv, dense and dropout nodes computed by the run's TrainingLayers. */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walk } from '../../model/analysis/analyze.ts';
import { inceptionResNetV2Paper } from '../../model/networks/inception-resnet-v2.ts';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { recipeSource, tinyInput, tinyNetwork } from '../../testing/tiny-network.ts';
import type { LayerTensors } from './layer-weights.ts';
import {
  buildExecutor,
  buildTrainingExecutor,
  ExecutorInputError,
  type NetworkExecutor,
  type TrainingLayers,
} from './network.ts';
import { convolve, fullyConnected } from './ops.ts';
import { maxAbsDifference } from './reference-ops.ts';

/** Training layers that compute with an inference executor's folded weights and record every call. */
function recordingLayers(weights: NetworkExecutor, calls: string[]): TrainingLayers {
  const tensors = <K extends LayerTensors['kind']>(address: string) =>
    weights.layerTensors(address) as Extract<LayerTensors, { kind: K }>;
  return {
    conv: (x, layer, address) => {
      calls.push(`conv ${address}`);
      return convolve(x, layer, tensors<'conv'>(address));
    },
    dense: (x, _layer, address) => {
      calls.push(`dense ${address}`);
      return fullyConnected(x, tensors<'dense'>(address));
    },
    dropout: (x, layer, address) => {
      calls.push(`dropout ${address} keep ${layer.keep}`);
      return tf.mul(x, 1);
    },
  };
}

describe.each(['cpu', 'wasm'] as const)('the training hook on %s', (backend) => {
  let inference: NetworkExecutor;
  let training: NetworkExecutor;
  let x: tf.Tensor4D;
  beforeAll(async () => {
    await activateNodeBackend(backend);
    const built = buildExecutor(tinyNetwork, recipeSource(tinyNetwork));
    const bare = buildTrainingExecutor(tinyNetwork);
    if (!built.ok || !bare.ok) throw new Error('the tiny network did not build');
    [inference, training] = [built.executor, bare.executor];
    x = tf.tensor4d(tinyInput(17, 2), [2, 17, 17, 3]);
  });
  afterAll(() => {
    inference.dispose();
    training.dispose();
    x.dispose();
  });

  it('calls the layers once for every conv, dense and dropout node, in order, and gives the same logits', async () => {
    const calls: string[] = [];
    const run = training.run(x, { training: recordingLayers(inference, calls), probes: 'all' });
    const expected = training.analysis.stages
      .flatMap((s) => [...walk(s)])
      .filter((n) => ['conv', 'dense', 'dropout'].includes(n.node.kind))
      .map((n) => (n.node.kind === 'dropout' ? `dropout ${n.address} keep 0.8` : `${n.node.kind} ${n.address}`));
    expect(calls).toEqual(expected);
    // 19 convolutions (stem 2, Mixed 2, three residual blocks of 5), the dropout and the classifier.
    expect(calls.length).toBe(21);
    const plain = inference.run(x, { probes: 'all' });
    // Pooling differs only in how it is computed (differentiable ops): the same values.
    expect(maxAbsDifference(await run.output.data(), await plain.output.data())).toBeLessThan(1e-5);
    // Residual probes work as in inference.
    expect([...run.residuals.keys()]).toEqual(['block/0', 'block/1', 'block-final']);
    const norms = await run.residuals.get('block/1')!.norms.data();
    expect(maxAbsDifference(norms, await plain.residuals.get('block/1')!.norms.data())).toBeLessThan(1e-4);
    const probes = [...run.residuals.values(), ...plain.residuals.values()];
    tf.dispose([run.output, plain.output, ...probes.map((p) => p.norms)]);
  });

  it('an executor built for training holds no weights and runs only with training layers', () => {
    expect(training.weightBytes).toBe(0);
    expect(training.layerTensors('stem/0')).toBeUndefined();
    expect(() => training.run(x)).toThrow(ExecutorInputError);
    expect(() => training.run(x)).toThrow(
      'this executor holds no weights (built for training): pass `training` layers',
    );
  });
});

describe('building for training', () => {
  it('reports what prevents running the network, as buildExecutor does', () => {
    const built = buildTrainingExecutor(inceptionResNetV2Paper);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.problems.map((p) => p.message).join('\n')).toMatch(/only a fixed scale can run/);
  });
});
