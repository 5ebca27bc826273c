import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { residualGroups } from '../../model/analysis/residual-groups.ts';
import { dense, globalAvgPool, seq } from '../../model/builders.ts';
import { inceptionResNetV2Released } from '../../model/networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../../model/networks/inception-v4.ts';
import type { Residual } from '../../model/types.ts';
import { buildTrainingExecutor } from '../executor/network.ts';
import { tensorSourceFromMap } from '../weights/types.ts';
import { smallInceptionResNet } from '../../testing/small-inception-resnet.ts';
import { testBatch, trainingTestNetwork } from '../../testing/training-network.ts';
import { testConfig, trainingBackend } from '../../testing/training.ts';
import { tinyNetwork } from '../../testing/tiny-network.ts';
import { beforeGlobalPooling, residualRatios } from './monitor.ts';
import { TrainableParameters } from './parameters.ts';
import { Trainer } from './trainer.ts';
import { NetworkTrainingLayers } from './training-layers.ts';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((a, x) => a + x * x, 0));

describe('the layer before global average pooling', () => {
  it('is the whole stage that feeds it: conv2d_7b, the last Inception-C repeat, a residual block', () => {
    const of = (network: typeof tinyNetwork) => beforeGlobalPooling(analyzeNetwork(network));
    expect(of(inceptionResNetV2Released)).toBe('conv2d-7b-1x1');
    expect(of(smallInceptionResNet)).toBe('conv2d-7b-1x1');
    expect(of(inceptionV4Released)).toBe('inception-c');
    expect(of(trainingTestNetwork)).toBe('inception-resnet-b');
    expect(of(tinyNetwork)).toBe('block-final');
  });

  it('is missing, with a message, where a network has no global pooling or nothing before it', () => {
    const head = seq([globalAvgPool(), dense(10, { key: 'fc' })], { block: { id: 'head' } });
    expect(() => beforeGlobalPooling(analyzeNetwork({ ...tinyNetwork, stages: [head] }))).toThrow(
      'Tiny test network has no layer before its global average pooling: nothing to monitor',
    );
    expect(() =>
      beforeGlobalPooling(analyzeNetwork({ ...tinyNetwork, stages: tinyNetwork.stages.slice(0, 4) })),
    ).toThrow('Tiny test network has no global average pooling: nothing to monitor');
  });
});

describe('residual ratios', () => {
  beforeAll(async () => {
    await trainingBackend('cpu');
  });

  it("average s·‖r‖/‖x‖ over each group's blocks, in group order, ignoring residuals of no group", async () => {
    const groups = residualGroups(analyzeNetwork(tinyNetwork));
    const probe = (scale: number, x: number, r: number) => ({ scale, norms: tf.tensor1d([x, r]) });
    const probes = new Map([
      ['block-final', probe(1, 4, 2)],
      ['block/0', probe(0.3, 2, 1)],
      ['block/1', probe(0.3, 1, 3)],
      ['other', probe(1, 1, 1)],
    ]);
    const ratios = await residualRatios(groups, probes);
    expect(Object.keys(ratios)).toEqual(['block', 'block-final']);
    expect(ratios.block).toBeCloseTo(((0.3 * 1) / 2 + (0.3 * 3) / 1) / 2, 12);
    expect(ratios['block-final']).toBe(0.5);
    tf.dispose([...probes.values()].map((p) => p.norms));
  });
});

describe.each(['cpu', 'wasm'] as const)("the trainer's monitor on %s", (backend) => {
  beforeAll(async () => {
    await trainingBackend(backend);
  });

  it('equals ‖s·r‖/‖x‖ and the zero fraction computed from the activations of the same forward pass', async () => {
    const network = smallInceptionResNet;
    const trainer = Trainer.create(network, testConfig({ batchSize: 4 }));
    const batch = testBatch(network, 4);
    const monitor = await trainer.monitor(batch.images);

    const analysis = analyzeNetwork(network);
    const parameters = TrainableParameters.create(analysis, 1, tensorSourceFromMap(await trainer.exportWeights()));
    const built = buildTrainingExecutor(network);
    if (!built.ok) throw new Error('the network did not build');
    const blocks = [...analysis.byAddress.values()].filter((n) => n.node.kind === 'residual');
    const capture = [...blocks.flatMap((b) => [b.address, `${b.address}/0`]), 'conv2d-7b-1x1'];
    const [h, w, c] = network.input;
    const x = tf.tensor4d(batch.images, [4, h, w, c]);
    const training = new NetworkTrainingLayers(parameters, { normalise: 'batch', updateStatistics: false });
    const run = built.executor.run(x, { training, capture, keepSegmentInputs: true });
    const sums = new Map<string, number[]>();
    for (const block of blocks) {
      const input = run.segmentInputs.get(block.address)!;
      const r = await run.activations.get(`${block.address}/0`)!.data();
      const group = block.address.split('/')[0];
      const ratio = (((block.node as Residual).scale as number) * norm(r)) / norm(await input.data());
      sums.set(group, [...(sums.get(group) ?? []), ratio]);
    }
    const expected = Object.fromEntries([...sums].map(([g, v]) => [g, v.reduce((a, b) => a + b, 0) / v.length]));
    expect(Object.keys(monitor.groups)).toEqual(Object.keys(expected));
    for (const [group, ratio] of Object.entries(expected)) expect(monitor.groups[group]).toBeCloseTo(ratio, 5);
    const last = await run.activations.get('conv2d-7b-1x1')!.data();
    expect(monitor.zeroFraction).toBeCloseTo(last.filter((v) => v === 0).length / last.length, 6);
    expect(monitor.zeroFraction).toBeGreaterThan(0.1);

    tf.dispose([x, run.output, ...run.activations.values(), ...run.segmentInputs.values()]);
    built.executor.dispose();
    parameters.dispose();
    trainer.dispose();
  });

  it('reads 0 for every group when the residual scale is 0', async () => {
    const trainer = Trainer.create(smallInceptionResNet, testConfig({ residualScale: 0 }));
    const monitor = await trainer.monitor(testBatch(smallInceptionResNet, 2).images);
    expect(Object.values(monitor.groups)).toEqual([0, 0, 0, 0]);
    trainer.dispose();
  });
});
