/**
 * Test support for the parity specs: runs a released network with the recipe weights on one Node
 * backend and compares every logit and every hooked activation with timm's fixtures.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { NetworkDefinition } from '../model/types.ts';
import { loadReference, type TimmModel } from './fixtures.ts';
import { activateNodeBackend } from '../runtime/backends/backends.node.ts';
import { recipeInput, type RecipeInputName } from '../runtime/weights/recipe.ts';
import { buildExecutor, type NetworkExecutor } from '../runtime/executor/network.ts';
import {
  activationStats,
  addressOfTimmHook,
  compareStats,
  LOGIT_TOLERANCE,
  STAT_TOLERANCE,
  worstStatError,
} from './parity.ts';
import { maxAbsDifference } from '../runtime/executor/reference-ops.ts';
import { recipeSource } from './tiny-network.ts';

export async function buildRecipeExecutor(
  network: NetworkDefinition,
  backend: 'wasm' | 'cpu',
): Promise<{ executor: NetworkExecutor; ms: number }> {
  await activateNodeBackend(backend);
  const started = performance.now();
  const built = buildExecutor(network, recipeSource(network));
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'));
  return { executor: built.executor, ms: performance.now() - started };
}

/** Runs one recipe input and asserts parity with timm; returns figures for the log. */
export async function expectParity(
  executor: NetworkExecutor,
  model: TimmModel,
  input: RecipeInputName,
): Promise<string> {
  const reference = loadReference(model, input);
  const hooks = [...reference.stages, ...reference.blocks].map((s) => ({
    stats: s,
    address: addressOfTimmHook(executor.analysis, s.name),
  }));
  for (const h of hooks) expect(h.address, `no node for timm's ${h.stats.name}`).toBeDefined();
  const capture = [...new Set(hooks.map((h) => h.address!))];

  const x = tf.tensor4d(recipeInput(input), [1, 299, 299, 3]);
  const started = performance.now();
  const { output, activations } = executor.run(x, { capture });
  const logits = await output.data();
  const ms = performance.now() - started;

  const worst = { name: '', error: 0 };
  const mismatches = [];
  for (const h of hooks) {
    const t = activations.get(h.address!)!;
    const got = activationStats(h.stats.name, t.shape, await t.data());
    mismatches.push(...compareStats(h.stats, got, STAT_TOLERANCE));
    const error = worstStatError(h.stats, got);
    if (error > worst.error) Object.assign(worst, { name: h.stats.name, error });
  }
  tf.dispose([x, output, ...activations.values()]);

  const logitDiff = maxAbsDifference(logits, reference.logits.map(Math.fround));
  expect(mismatches, 'activation statistics outside the tolerance').toEqual([]);
  expect(logits.length).toBe(1000);
  expect(logitDiff).toBeLessThanOrEqual(LOGIT_TOLERANCE);
  return (
    `${model} ${input} on ${tf.getBackend()}: inference ${(ms / 1000).toFixed(2)} s, max |Δlogit| ${logitDiff.toExponential(2)}, ` +
    `worst stat error ${worst.error.toExponential(2)} (${worst.name}), ${hooks.length} hooks`
  );
}
