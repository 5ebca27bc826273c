import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { classifierHead } from '../../model/analysis/classifier-head.ts';
import type { LayerTensors } from '../executor/layer-weights.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import { tinyExecutorOn } from '../../testing/tiny-executor.ts';
import { tinyInput, tinyNetwork } from '../../testing/tiny-network.ts';
import { classActivationMaps } from './cam.ts';

describe.each(['cpu', 'wasm'] as const)('class activation maps on %s', (backend) => {
  let executor: NetworkExecutor;
  beforeAll(async () => {
    executor = await tinyExecutorOn(backend);
  });
  afterAll(() => executor.dispose());

  it('mean(CAM_c) + b_c = logit_c for every class', async () => {
    const head = classifierHead(analyzeNetwork(tinyNetwork))!;
    expect(head.features).toBe('block-final');
    const x = tf.tensor4d(tinyInput(), [1, 17, 17, 3]);
    const { output, activations } = executor.run(x, { capture: [head.features] });
    const dense = executor.layerTensors(head.dense) as Extract<LayerTensors, { kind: 'dense' }>;
    const classes = [3, 0, 9, 3];
    const maps = classActivationMaps(activations.get(head.features) as tf.Tensor4D, dense.kernel, classes);
    expect(maps.shape).toEqual([4, 64]);
    const [values, logits, bias] = (await Promise.all([
      maps.data(),
      output.data(),
      dense.bias.data(),
    ])) as Float32Array[];
    classes.forEach((c, i) => {
      const mean = values.slice(i * 64, (i + 1) * 64).reduce((a, b) => a + b, 0) / 64;
      expect(mean + bias[c]).toBeCloseTo(logits[c], 5);
    });
    // Raw maps: positive and negative evidence both kept.
    expect(Math.min(...values)).toBeLessThan(0);
    expect(Math.max(...values)).toBeGreaterThan(0);
    tf.dispose([x, output, maps, ...activations.values()]);
  });
});
