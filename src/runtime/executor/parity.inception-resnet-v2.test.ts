/**
 * Proof that the executor computes timm's Inception-ResNet-v2: recipe weights, both recipe inputs on WASM and
 * one on the (slow) CPU backend; every logit and every hooked activation against the fixtures.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { inceptionResNetV2Released } from '../../model/networks/inception-resnet-v2.ts';
import { recipeInput } from '../weights/recipe.ts';
import type { NetworkExecutor } from './network.ts';
import { buildRecipeExecutor, expectParity } from '../../testing/node-parity.ts';

const CASES = [
  { backend: 'wasm', inputs: ['noise', 'pattern'] },
  { backend: 'cpu', inputs: ['pattern'] },
] as const;

describe.each(CASES)('Inception-ResNet-v2 parity with timm on $backend', ({ backend, inputs }) => {
  let executor: NetworkExecutor | undefined;
  afterAll(() => executor?.dispose());

  it.each(inputs)(
    'input %s: all 1000 logits and every stage',
    async (input) => {
      if (!executor) {
        const built = await buildRecipeExecutor(inceptionResNetV2Released, backend);
        executor = built.executor;
        console.log(
          `inception_resnet_v2 on ${backend}: weights generated, folded and uploaded in ${(built.ms / 1000).toFixed(2)} s`,
        );
      }
      console.log(await expectParity(executor, 'inception_resnet_v2', input));
    },
    600_000,
  );
});

describe('Inception-ResNet-v2 on wasm, repeatedly', () => {
  it('leaks no tensors: the count after 50 runs at 75×75 equals the count after 1', async () => {
    const { executor } = await buildRecipeExecutor(inceptionResNetV2Released, 'wasm');
    try {
      const x = tf.tensor4d(recipeInput('pattern', 75), [1, 75, 75, 3]);
      const once = () => {
        const { output, activations } = executor.run(x, { capture: ['mixed-5b', 'inception-resnet-c-final'] });
        tf.dispose([output, ...activations.values()]);
      };
      once();
      const after1 = tf.memory().numTensors;
      for (let i = 0; i < 49; i++) once();
      expect(tf.memory().numTensors).toBe(after1);
      x.dispose();
    } finally {
      executor.dispose();
    }
  }, 120_000);
});
