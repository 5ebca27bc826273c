/**
 * A trained network leaves the trainer as a checkpoint (timm names, PyTorch layouts, moving statistics)
 * that the inference path takes as it takes the released ones: written as safetensors, read back, built
 * by `buildExecutor` (batch norm folded), it gives the logits of the trainer's evaluation mode.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { checkpointTensors } from '../../model/analysis/checkpoint.ts';
import { buildExecutor } from '../executor/network.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { parseSafetensors } from '../weights/safetensors.ts';
import { serializeSafetensors } from '../weights/safetensors-writer.ts';
import { testBatch, trainingTestNetwork } from '../../testing/training-network.ts';
import { testConfig, trainingBackend } from '../../testing/training.ts';
import { tinyNetwork } from '../../testing/tiny-network.ts';
import { Trainer } from './trainer.ts';

const CASES = [
  { network: tinyNetwork, backend: 'cpu' },
  { network: tinyNetwork, backend: 'wasm' },
  { network: trainingTestNetwork, backend: 'wasm' },
] as const;

describe.each(CASES)('exporting the $network.title trained on $backend', ({ network, backend }) => {
  beforeAll(async () => {
    await trainingBackend(backend);
  });

  it("gives a safetensors checkpoint that buildExecutor runs to the trainer's evaluation logits", async () => {
    const trainer = Trainer.create(network, testConfig({ batchSize: 4 }));
    const batch = testBatch(network, 4);
    // Ten steps: weights and moving statistics far from their initial values.
    for (let i = 0; i < 10; i++) await trainer.step(batch.images, batch.labels);
    const exported = await trainer.exportWeights();
    const tensors = checkpointTensors(analyzeNetwork(network)).tensors;
    expect([...exported.keys()]).toEqual(tensors.map((t) => t.name));
    expect([...exported.values()].map((t) => t.shape)).toEqual(tensors.map((t) => t.shape));
    const variances = exported.get(tensors.find((t) => t.kind === 'bn_running_var')!.name)!.data;
    expect(Math.max(...variances.map((v) => Math.abs(v - 1)))).toBeGreaterThan(0.05);

    const bytes = serializeSafetensors([...exported].map(([name, t]) => ({ name, shape: t.shape, data: t.data })));
    const file = parseSafetensors(bytes, 'trained.safetensors');
    const built = buildExecutor(network, file);
    if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'));
    const held = testBatch(network, 3, 9);
    const [h, w, c] = network.input;
    const x = tf.tensor4d(held.images, [3, h, w, c]);
    const { output } = built.executor.run(x);
    const inference = await output.data();
    const training = await trainer.predict(held.images);
    // Folded batch norm against normalising: measured ≤ 9.6e-7 at logits up to 3.4 (CPU and WASM).
    const scale = Math.max(...training.map(Math.abs));
    expect(scale).toBeGreaterThan(0.5);
    expect(maxAbsDifference(inference, training)).toBeLessThan(2e-6 * scale);
    tf.dispose([x, output]);
    built.executor.dispose();
    trainer.dispose();
  });
});
