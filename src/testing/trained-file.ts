/**
 * Test support: a trained network's file as the lab exports it, from a small network (src/model/small)
 * with the recipe's seeded weights, so the explorer's library, the worker and the e2e specs open a real
 * file without training first.
 */
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { smallNetwork, SMALL_PRESETS, type SmallNetworkSpec } from '../model/small/index.ts';
import type { NetworkDefinition } from '../model/types.ts';
import { encodeTrainedNetwork } from '../runtime/training/trained-file.ts';
import { recipeCheckpoint } from '../runtime/weights/recipe-checkpoint.ts';
import type { TensorData } from '../runtime/weights/types.ts';
import { testConfig } from './training.ts';

export const TRAINED_CLASSES = ['disc', 'ring', 'stripes'] as const;

/** A small Inception-ResNet-v2-S at width 0.125 with three classes (any spec field may be changed). */
export function trainedTestNetwork(spec: Partial<SmallNetworkSpec> = {}): NetworkDefinition {
  return smallNetwork({
    ...SMALL_PRESETS['inception-resnet-v2-s'],
    width: 0.125,
    repeats: [1, 1, 1],
    classes: 3,
    ...spec,
  });
}

/** The network's file with recipe weights, its classes, and a record of 2 epochs on the generated set. */
export function trainedTestFile(
  network: NetworkDefinition = trainedTestNetwork(),
  classes: readonly string[] = TRAINED_CLASSES.slice(0, network.classes),
): Uint8Array {
  const source = recipeCheckpoint(analyzeNetwork(network));
  const weights = new Map<string, TensorData>(source.names().map((name) => [name, source.get(name)!]));
  return encodeTrainedNetwork({
    network,
    classes,
    weights,
    training: { config: testConfig({ epochs: 2 }), epoch: 2, step: 24, data: 'generated' },
  });
}
