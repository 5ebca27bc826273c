/**
 * From each network's multi-crop prediction to every mode it answers: the network at its crop count, at
 * 1 crop too when the crops began with today's centre crop (12 crops), and the ensemble (the networks'
 * probabilities averaged) when asked for. Used by the inference worker and the CLI alike.
 */
import type { CropCount } from './crops.ts';
import { CLASSIFIABLE_NETWORKS } from '../../model/networks/index.ts';
import type { ClassifiableNetwork } from '../../model/types.ts';
import { modeKey, type ModelChoice } from './mode.ts';
import { meanProbabilities, type CropPrediction } from './predict.ts';
import { topIndices } from '../top-k.ts';
import type { ModePrediction } from './records.ts';

export interface ModeOutcome {
  model: ModelChoice;
  crops: CropCount;
  probabilities: Float32Array;
  /** Forward passes behind it. */
  passes: number;
}

export function modeOutcomes(
  crops: CropCount,
  perNetwork: ReadonlyMap<ClassifiableNetwork, CropPrediction>,
  ensemble: boolean,
): ModeOutcome[] {
  const networks = CLASSIFIABLE_NETWORKS.filter((n) => perNetwork.has(n));
  if (ensemble && networks.length !== CLASSIFIABLE_NETWORKS.length)
    throw new RangeError('the ensemble needs the predictions of both networks');
  const outcomes: ModeOutcome[] = [];
  const add = (
    model: ModelChoice,
    pick: (p: CropPrediction) => Float32Array,
    crop: CropCount,
    passes: (p: CropPrediction) => number,
  ) => {
    const predictions = (model === 'ensemble' ? networks : [model]).map((n) =>
      perNetwork.get(n as ClassifiableNetwork)!,
    );
    const probabilities = predictions.length === 1 ? pick(predictions[0]) : meanProbabilities(predictions.map(pick));
    outcomes.push({ model, crops: crop, probabilities, passes: predictions.reduce((sum, p) => sum + passes(p), 0) });
  };
  for (const model of [...networks, ...(ensemble ? ['ensemble' as const] : [])]) {
    if (crops === 12)
      add(
        model,
        (p) => p.centre,
        1,
        () => 1,
      );
    add(
      model,
      (p) => p.probabilities,
      crops,
      (p) => p.passes,
    );
  }
  return outcomes;
}

/** What a record keeps of an outcome. */
export function modePrediction(probabilities: ArrayLike<number>): ModePrediction {
  const top5 = topIndices(probabilities, 5);
  return { top5, p1: probabilities[top5[0]] };
}

/** The record's predictions: mode key → top-5 and top-1 probability. */
export function recordPredictions(outcomes: readonly ModeOutcome[]): Record<string, ModePrediction> {
  return Object.fromEntries(outcomes.map((o) => [modeKey(o), modePrediction(o.probabilities)]));
}
