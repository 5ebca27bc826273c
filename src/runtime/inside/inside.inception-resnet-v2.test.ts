/**
 * Looking inside Inception-ResNet-v2 with recipe weights on WASM: statistics at timm's hooked modules,
 * the CAM identity, Grad-CAM at the head, a residual group switched off = the network without it, and
 * no tensor growth over repeated looks inside.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inceptionResNetV2Released } from '../../model/networks/inception-resnet-v2.ts';
import { buildExecutor, type NetworkExecutor } from '../executor/network.ts';
import { buildRecipeExecutor } from '../../testing/node-parity.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import { recipeSource } from '../../testing/tiny-network.ts';
import { recipeInput } from '../weights/recipe.ts';
import { expectCamIdentities, expectInsideParity, expectNoGrowth } from '../../testing/inside-parity.ts';
import type { SegmentCache } from './segment-cache.ts';

describe('looking inside Inception-ResNet-v2 on wasm', () => {
  let executor: NetworkExecutor;
  let cache: SegmentCache;
  beforeAll(async () => {
    executor = (await buildRecipeExecutor(inceptionResNetV2Released, 'wasm')).executor;
  }, 120_000);
  afterAll(() => {
    cache?.dispose();
    executor.dispose();
  });

  it("activation statistics at timm's hooked modules, named as timm names them", async () => {
    cache = await expectInsideParity(executor, 'inception_resnet_v2', [
      'conv2d_2b',
      'maxpool_5a',
      'mixed_5b',
      'repeat.3',
      'repeat',
      'mixed_6a',
      'repeat_1.7',
      'repeat_1',
      'mixed_7a',
      'repeat_2.8',
      'block8',
      'conv2d_7b',
      'global_pool',
    ]);
  }, 120_000);

  it('the depth profile has every block, with the residual norms of all 40 residual blocks', async () => {
    const { depth, scales } = await cache.lookInside();
    expect(scales).toEqual({
      'inception-resnet-a': 0.17,
      'inception-resnet-b': 0.1,
      'inception-resnet-c': 0.2,
      'inception-resnet-c-final': 1,
    });
    expect(depth).toHaveLength(46);
    const residual = depth.filter((d) => d.residual);
    expect(residual).toHaveLength(40);
    expect(residual.every((d) => Number.isFinite(d.residual!.ratio) && d.residual!.ratio > 0)).toBe(true);
    expect(depth.find((d) => d.address === 'inception-resnet-b/6')).toMatchObject({
      label: 'Inception-ResNet-B 7',
      residual: { scale: 0.1 },
    });
  });

  it('CAM: mean + bias = logit for the top 5; Grad-CAM at Conv2d_7b = ReLU(CAM) / 64', async () => {
    await expectCamIdentities(cache, 'conv2d-7b-1x1');
  });

  it('changing the scale of Inception-ResNet-C re-runs from there and holds no more tensors', async () => {
    await expectNoGrowth(async (i) => {
      const run = await cache.lookInside({ 'inception-resnet-c': 0.1 * i });
      // Nine Inception-ResNet-C blocks, the last Block8, Conv2d_7b and the head.
      expect(run.segmentsRun).toBe(12);
      await cache.summaries(['inception-resnet-c/4', 'inception-resnet-c/4/0/0/1/2', 'reduction-b']);
      await cache.classMaps([run.logits.indexOf(Math.max(...run.logits))]);
    });
  });

  it('a scale of 0 for Inception-ResNet-B gives the network without those 20 blocks (75×75 input)', async () => {
    const without = buildExecutor(
      {
        ...inceptionResNetV2Released,
        stages: inceptionResNetV2Released.stages.filter(
          (s) => !(s.kind === 'repeat' && s.body.kind === 'residual' && s.body.block?.id === 'inception-resnet-b'),
        ),
      },
      recipeSource(inceptionResNetV2Released),
    );
    if (!without.ok) throw new Error(without.problems.map((p) => p.message).join('\n'));
    try {
      const x = tf.tensor4d(recipeInput('pattern', 75), [1, 75, 75, 3]);
      const off = executor.run(x, { residualScales: { 'inception-resnet-b': 0 } });
      const released = executor.run(x);
      const reference = without.executor.run(x);
      const [a, b, c] = (await Promise.all([
        off.output.data(),
        released.output.data(),
        reference.output.data(),
      ])) as Float32Array[];
      expect(maxAbsDifference(a, c)).toBeLessThan(1e-4);
      expect(maxAbsDifference(b, c)).toBeGreaterThan(1e-2);
      tf.dispose([x, off.output, released.output, reference.output]);
    } finally {
      without.executor.dispose();
    }
  }, 120_000);
});
