/**
 * Proof that the executor computes timm's Inception-v4: recipe weights, both recipe inputs on WASM and
 * one on the (slow) CPU backend; every logit and every hooked activation against the fixtures.
 */
import { afterAll, describe, it } from 'vitest';
import { inceptionV4Released } from '../../model/networks/inception-v4.ts';
import type { NetworkExecutor } from './network.ts';
import { buildRecipeExecutor, expectParity } from '../../testing/node-parity.ts';

const CASES = [
  { backend: 'wasm', inputs: ['noise', 'pattern'] },
  { backend: 'cpu', inputs: ['noise'] },
] as const;

describe.each(CASES)('Inception-v4 parity with timm on $backend', ({ backend, inputs }) => {
  let executor: NetworkExecutor | undefined;
  afterAll(() => executor?.dispose());

  it.each(inputs)(
    'input %s: all 1000 logits and every stage',
    async (input) => {
      if (!executor) {
        const built = await buildRecipeExecutor(inceptionV4Released, backend);
        executor = built.executor;
        console.log(
          `inception_v4 on ${backend}: weights generated, folded and uploaded in ${(built.ms / 1000).toFixed(2)} s`,
        );
      }
      console.log(await expectParity(executor, 'inception_v4', input));
    },
    600_000,
  );
});
