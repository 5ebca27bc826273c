/**
 * Prediction modes: how many crops each network sees (1, 12 or 144, see crops.ts) and whether the two
 * released networks are averaged (the ensemble). The paper's best ensemble was 1 × Inception-v4 +
 * 3 × Inception-ResNet-v2, separately trained; only one checkpoint of each exists, so the ensemble here
 * is 1 + 1 with equal weights.
 */
import { CLASSIFIABLE_NETWORKS } from '../../model/networks/index.ts';
import type { ClassifiableNetwork } from '../../model/types.ts';
import { isCropCount, type CropCount } from './crops.ts';
export const NETWORK_TITLES: Readonly<Record<ClassifiableNetwork, string>> = {
  'inception-v4': 'Inception-v4',
  'inception-resnet-v2': 'Inception-ResNet-v2',
};

/** A network, or the ensemble of both (probabilities averaged). */
export type ModelChoice = ClassifiableNetwork | 'ensemble';

export interface PredictionMode {
  model: ModelChoice;
  crops: CropCount;
}

export const DEFAULT_MODE: PredictionMode = { model: 'inception-v4', crops: 1 };

export function isModelChoice(value: unknown): value is ModelChoice {
  return value === 'ensemble' || CLASSIFIABLE_NETWORKS.includes(value as ClassifiableNetwork);
}

export function isPredictionMode(value: unknown): value is PredictionMode {
  const mode = value as PredictionMode | null;
  return typeof mode === 'object' && mode !== null && isModelChoice(mode.model) && isCropCount(mode.crops);
}

/** The networks a mode runs. */
export function modeNetworks(model: ModelChoice): ClassifiableNetwork[] {
  return model === 'ensemble' ? [...CLASSIFIABLE_NETWORKS] : [model];
}

/** Forward passes for one image. */
export function passesPerImage(mode: PredictionMode): number {
  return modeNetworks(mode.model).length * mode.crops;
}

export function modelTitle(model: ModelChoice): string {
  return model === 'ensemble' ? 'Ensemble (Inception-v4 + Inception-ResNet-v2)' : NETWORK_TITLES[model];
}

export function cropsText(crops: CropCount): string {
  return crops === 1 ? '1 crop' : `${crops} crops`;
}

/** "Inception-v4, 12 crops" */
export function modeTitle(mode: PredictionMode): string {
  return `${modelTitle(mode.model)}, ${cropsText(mode.crops)}`;
}

/** A stable key, e.g. "inception-v4/12" or "ensemble/144". */
export function modeKey(mode: PredictionMode): string {
  return `${mode.model}/${mode.crops}`;
}
