/**
 * Test-only access to the reference data computed by timm (fixtures/timm, copied from the project's
 * shared folder with its recipe.md so a fresh clone has them).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StageStats } from './parity.ts';

export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/timm/', import.meta.url));

export type TimmModel = 'inception_v4' | 'inception_resnet_v2';

export interface ManifestTensor {
  name: string;
  shape: number[];
  dtype: string;
  kind: string;
  numel: number;
  seed: number;
  first4: number[];
  sum: number;
}

export interface Manifest {
  model: TimmModel;
  num_parameters: number;
  tensors: ManifestTensor[];
  pretrained_cfg: { crop_pct: number; input_size: number[]; mean: number[]; std: number[] };
}

export interface Reference {
  model: TimmModel;
  input: string;
  logits: number[];
  top5: number[];
  logits_float64_model: number[];
  max_abs_diff_f32_vs_f64: number;
  /** timm's forward hooks, in the one StageStats of parity.ts. */
  stages: StageStats[];
  blocks: StageStats[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}${file}`, 'utf8')) as T;
}

export function loadManifest(model: TimmModel): Manifest {
  return readJson<Manifest>(`${model}.manifest.json`);
}

export function loadReference(model: TimmModel, input: 'noise' | 'pattern'): Reference {
  return readJson<Reference>(`${model}.${input}.json`);
}

export function loadSelfcheck(): {
  selfcheck: Record<string, number | number[]>;
  inputs: Record<string, { first8_nhwc: number[]; sum: number; sha256_f32le: string }>;
} {
  return readJson('selfcheck.json');
}
