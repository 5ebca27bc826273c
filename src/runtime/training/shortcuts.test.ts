/**
 * The claim the lab tests needs a fair twin: on the same weights, each block of the network without
 * shortcuts computes act(r) where its residual block computes act(x + s·r). Checked block by block on the
 * fixture's small Inception-ResNet (Block35, two Block17, Block8 and the linear last Block8), in the
 * training engine's forward pass (batch statistics).
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import type { Residual } from '../../model/types.ts';
import { buildTrainingExecutor, type NetworkExecutor } from '../executor/network.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { smallInceptionResNet } from '../../testing/small-inception-resnet.ts';
import { testBatch, withoutShortcuts } from '../../testing/training-network.ts';
import { trainingBackend } from '../../testing/training.ts';
import { TrainableParameters } from './parameters.ts';
import { NetworkTrainingLayers } from './training-layers.ts';

const residualNetwork = smallInceptionResNet;
const twinNetwork = withoutShortcuts(smallInceptionResNet);

function executor(network: typeof residualNetwork): NetworkExecutor {
  const built = buildTrainingExecutor(network);
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'));
  return built.executor;
}

describe.each(['cpu', 'wasm'] as const)('the no-shortcut twin on %s', (backend) => {
  const analyses = [analyzeNetwork(residualNetwork), analyzeNetwork(twinNetwork)];
  let parameters: TrainableParameters[];
  let executors: NetworkExecutor[];
  beforeAll(async () => {
    await trainingBackend(backend);
    // Seeded He-normal weights depend on the tensor's name only: both networks get the same ones.
    parameters = analyses.map((a) => TrainableParameters.create(a, 5));
    executors = [executor(residualNetwork), executor(twinNetwork)];
  });
  afterAll(() => {
    parameters.forEach((p) => p.dispose());
    executors.forEach((e) => e.dispose());
  });

  it('has the same tensors, parameter count and multiply-adds, and starts from the same weights', async () => {
    const [residual, twin] = analyses;
    const total = (a: typeof residual, key: 'params' | 'macs') => a.stages.reduce((sum, n) => sum + n[key], 0);
    expect(total(twin, 'params')).toBe(total(residual, 'params'));
    expect(total(twin, 'macs')).toBe(total(residual, 'macs'));
    expect(await parameters[1].export()).toEqual(await parameters[0].export());
  });

  it('computes act(r) in each block where the residual block computes act(x + s·r)', async () => {
    const [h, w, c] = residualNetwork.input;
    const batch = testBatch(residualNetwork, 2, 4);
    const x = tf.tensor4d(batch.images, [2, h, w, c]);
    const layers = parameters.map((p) => new NetworkTrainingLayers(p, { normalise: 'batch', updateStatistics: false }));
    const full = executors[0].run(x, { training: layers[0], keepSegmentInputs: true });
    const blocks = executors[0].segments().filter((s) => s.node.node.kind === 'residual');
    expect(blocks.map((s) => s.address)).toEqual([
      'inception-resnet-a/0',
      'inception-resnet-b/0',
      'inception-resnet-b/1',
      'inception-resnet-c/0',
      'inception-resnet-c-final',
    ]);
    for (const block of blocks) {
      const node = block.node.node as Residual;
      const input = full.segmentInputs.get(block.address) as tf.Tensor4D;
      const span = { from: block.address, to: block.address };
      const body = `${block.address}/0`;
      const residual = executors[0].run(input, { ...span, training: layers[0], capture: [block.address, body] });
      const twin = executors[1].run(input, { ...span, training: layers[1], capture: [block.address] });
      const [xs, r, y, yTwin] = await Promise.all(
        [
          input,
          residual.activations.get(body)!,
          residual.activations.get(block.address)!,
          twin.activations.get(block.address)!,
        ].map((t) => t.data()),
      );
      const act = (v: number) => (node.activation === 'relu' ? Math.max(0, v) : v);
      const scale = node.scale as number;
      const added = Array.from(r, (rv, i) => act(Math.fround(xs[i] + Math.fround(scale * rv))));
      expect(maxAbsDifference(y, added)).toBeLessThan(1e-6);
      expect(maxAbsDifference(yTwin, Array.from(r, act))).toBe(0);
      // The shortcut matters: the two outputs differ.
      expect(maxAbsDifference(yTwin, y)).toBeGreaterThan(0.1);
      tf.dispose([residual.output, twin.output, ...residual.activations.values(), ...twin.activations.values()]);
    }
    tf.dispose([x, full.output, ...full.segmentInputs.values()]);
  });
});
