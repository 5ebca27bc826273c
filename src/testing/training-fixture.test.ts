import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { activateNodeBackend } from '../runtime/backends/backends.node.ts';
import { buildExecutor } from '../runtime/executor/network.ts';
import { recipeTensorList } from '../runtime/weights/recipe-checkpoint.ts';
import { recipeTensor } from '../runtime/weights/recipe.ts';
import { TRAINING_FIXTURE_NAMES, TRAINING_FIXTURES, fixtureBatch, loadTrainingFixture } from './training-fixture.ts';

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe.each(TRAINING_FIXTURE_NAMES)('training fixture %s', (name) => {
  const fixture = loadTrainingFixture(name);
  const { network } = TRAINING_FIXTURES[name];

  it('holds the inputs this code generates: definition, recipe weights, batch', () => {
    expect(fixture.network).toEqual(JSON.parse(JSON.stringify(network)));
    const tensors = recipeTensorList(analyzeNetwork(network));
    expect(fixture.weights.names()).toEqual(tensors.map((t) => t.name));
    for (const t of tensors) expect(fixture.weights.get(t.name)?.data).toEqual(recipeTensor(t.name, t.shape, t.kind));
    const batch = fixtureBatch(name);
    expect(fixture.images).toEqual(batch.images);
    expect(fixture.labels).toEqual(batch.labels);
    expect(fixture.imageShape).toEqual(batch.shape);
  });

  it('names a gradient and four updated values for every parameter, running statistics for every BN', () => {
    const { parameters, runningStatistics } = fixture.scalars;
    expect([...parameters, ...runningStatistics].sort()).toEqual(fixture.weights.names().sort());
    expect(runningStatistics.every((n) => /\.bn\.running_(mean|var)$/.test(n))).toBe(true);
    for (const p of parameters) {
      const shape = fixture.weights.shapeOf(p);
      for (const prefix of ['grad', 'rmsprop', 'sgd', 'rmsprop_clipped', 'sgd_weight_decay'] as const) {
        expect(fixture.expected(prefix, p).shape, `${prefix}.${p}`).toEqual(shape);
      }
    }
    for (const s of runningStatistics) expect(fixture.expected('running', s).shape).toEqual(fixture.weights.shapeOf(s));
    expect(fixture.expectedFile.names()).toHaveLength(2 + 5 * parameters.length + runningStatistics.length);
  });

  it('states its scalars consistently with its tensors (gradient norm, clipping, one SGD step)', () => {
    const { gradNorm, clipNorm, loss, sgd, parameters, weightDecayed } = fixture.scalars;
    let squares = 0;
    for (const p of parameters) for (const g of fixture.expected('grad', p).data) squares += g * g;
    expect(Math.abs(Math.sqrt(squares) - gradNorm) / gradNorm).toBeLessThan(1e-6);
    expect(clipNorm).toBeLessThan(gradNorm);
    expect(loss).toBeGreaterThan(0);
    expect(weightDecayed.every((n) => /\.weight$/.test(n) && !n.includes('.bn.'))).toBe(true);
    const first = parameters[0];
    const theta = fixture.weights.get(first)!.data;
    const stepped = theta.map((w, i) => w - sgd.learningRate * fixture.expected('grad', first).data[i]);
    expect(maxAbsDifference(stepped, fixture.expected('sgd', first).data)).toBeLessThan(1e-6);
  });

  it.each(['cpu', 'wasm'] as const)("gives the executor's eval-mode logits on %s (< 1e-4)", async (backend) => {
    await activateNodeBackend(backend);
    const built = buildExecutor(fixture.network, fixture.weights);
    if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'));
    const x = tf.tensor4d(fixture.images, fixture.imageShape);
    const { output } = built.executor.run(x);
    const logits = (await output.data()) as Float32Array;
    tf.dispose([x, output]);
    built.executor.dispose();
    expect(output.shape).toEqual(fixture.evalLogits.shape);
    expect(maxAbsDifference(logits, fixture.evalLogits.data)).toBeLessThan(1e-4);
    // The training-mode logits differ (batch statistics): the fixture does not hold eval logits twice.
    expect(maxAbsDifference(fixture.logits.data, fixture.evalLogits.data)).toBeGreaterThan(1e-2);
  });
});
