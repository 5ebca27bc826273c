/**
 * Looking inside Inception-v4 with recipe weights on WASM: statistics at timm's hooked modules, CAM, Grad-CAM at the
 * head.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { inceptionV4Released } from '../../model/networks/inception-v4.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import { buildRecipeExecutor } from '../../testing/node-parity.ts';
import { expectCamIdentities, expectInsideParity } from '../../testing/inside-parity.ts';
import type { SegmentCache } from './segment-cache.ts';

describe('looking inside Inception-v4 on wasm', () => {
  let executor: NetworkExecutor;
  let cache: SegmentCache;
  beforeAll(async () => {
    executor = (await buildRecipeExecutor(inceptionV4Released, 'wasm')).executor;
  }, 120_000);
  afterAll(() => {
    cache?.dispose();
    executor.dispose();
  });

  it("activation statistics at timm's hooked modules, named as timm names them", async () => {
    cache = await expectInsideParity(executor, 'inception_v4', [
      'features.0',
      'features.2',
      'features.3',
      'features.5',
      'features.7',
      'features.9',
      'features.10',
      'features.14',
      'features.18',
      'features.21',
      'global_pool',
    ]);
  }, 120_000);

  it('CAM: mean + bias = logit for the top 5; Grad-CAM at the last Inception-C = ReLU(CAM) / 64', async () => {
    await expectCamIdentities(cache, 'inception-c');
  });
});
