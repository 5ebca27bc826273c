/**
 * Test support: the training reference of fixtures/training/ (see its README.md). For each fixture
 * network, `scripts/training-fixture.ts` writes the inputs (definition, initial weights, one batch) and
 * `scripts/training-fixture.py` (PyTorch, float64) writes what one training step must give: the loss, the
 * gradient of every parameter, BN moving statistics, the parameters after one RMSProp / SGD step.
 * `loadTrainingFixture` reads it all back, so a parity test is a few lines.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NetworkDefinition } from '../model/types.ts';
import { hash32, fnv1a32 } from '../runtime/weights/recipe.ts';
import { parseSafetensors, type SafetensorsFile } from '../runtime/weights/safetensors.ts';
import type { TensorData } from '../runtime/weights/types.ts';
import { smallInceptionResNet } from './small-inception-resnet.ts';
import { tinyNetwork } from './tiny-network.ts';

export const TRAINING_FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/training/', import.meta.url));

export type TrainingFixtureName = 'tiny' | 'small-inception-resnet';

export interface TrainingFixtureSpec {
  network: NetworkDefinition;
  /** Images in the batch. */
  batch: number;
  /**
   * Which of the seeded batches: the first whose forward pass keeps every max pool's two largest values
   * apart by the margin scripts/training-fixture.py requires (`--find-batch` finds it), so that a
   * float32 forward routes each window's gradient to the same cell as the float64 reference.
   */
  batchVariant: number;
}

export const TRAINING_FIXTURES: Readonly<Record<TrainingFixtureName, TrainingFixtureSpec>> = {
  tiny: { network: tinyNetwork, batch: 4, batchVariant: 0 },
  'small-inception-resnet': { network: smallInceptionResNet, batch: 8, batchVariant: 134 },
};

export const TRAINING_FIXTURE_NAMES = Object.keys(TRAINING_FIXTURES) as TrainingFixtureName[];

/**
 * The batch of a fixture: NHWC float32 images, each value 2·u − 1 in [-1, 1) with u = hash32(seed, i) / 2^32
 * of the recipe (seed: the FNV-1a of "training-fixture/<name>/images/<batchVariant>"), and labels
 * hash32(FNV-1a of "training-fixture/<name>/labels", i) % classes.
 */
export function fixtureBatch(name: TrainingFixtureName): { images: Float32Array; labels: Int32Array; shape: number[] } {
  const { network, batch, batchVariant } = TRAINING_FIXTURES[name];
  const [h, w, c] = network.input;
  const imageSeed = fnv1a32(`training-fixture/${name}/images/${batchVariant}`);
  const labelSeed = fnv1a32(`training-fixture/${name}/labels`);
  const images = Float32Array.from({ length: batch * h * w * c }, (_, i) => 2 * (hash32(imageSeed, i) / 2 ** 32) - 1);
  const labels = Int32Array.from({ length: batch }, (_, i) => hash32(labelSeed, i) % network.classes);
  return { images, labels, shape: [batch, h, w, c] };
}

/** The hyper-parameters the reference used (expected.json), as `scripts/training-fixture.py` states them. */
export interface TrainingFixtureConfig {
  labelSmoothing: number;
  batchNorm: { epsilon: number; momentum: number };
  rmsprop: { learningRate: number; decay: number; epsilon: number; momentum: number };
  sgd: { learningRate: number; momentum: number };
  /** The clip norm of `rmsprop_clipped.*`, chosen below the measured gradient norm so that it clips. */
  clipNorm: number;
  /** L2 on conv and dense weights (g ← g + wd·θ) of `sgd_weight_decay.*`. */
  weightDecay: number;
  weightDecayed: string[];
}

export interface TrainingFixtureScalars extends TrainingFixtureConfig {
  torch: string;
  loss: number;
  /** Global norm of all parameter gradients. */
  gradNorm: number;
  /** Trainable tensors (every tensor of the weights file but BN running statistics), in file order. */
  parameters: string[];
  /** BN running_mean / running_var tensors, in file order. */
  runningStatistics: string[];
  /**
   * Distances of the reference's training forward from the points where its gradient jumps: the smallest
   * gap between a max pool window's two largest values (at least `maxPoolMarginRequired`), the smallest
   * |input| of a ReLU.
   */
  kinks: { maxPoolGap: number; reluMargin: number; maxPoolMarginRequired: number };
  /**
   * PyTorch's own float32 computation of the same step against this reference, a yardstick for a float32
   * engine: |Δloss|, and the largest |Δgradient| over the largest |gradient| of all tensors.
   */
  float32PyTorch: { loss: number; gradRelativeToLargest: number; largestGrad: number };
}

/** The expected tensors' name prefixes (expected.safetensors), each followed by a checkpoint tensor name. */
export type ExpectedPrefix = 'grad' | 'running' | 'rmsprop' | 'sgd' | 'rmsprop_clipped' | 'sgd_weight_decay';

export interface TrainingFixture {
  name: TrainingFixtureName;
  network: NetworkDefinition;
  /** Initial weights: timm names, PyTorch layouts (conv OIHW, linear [out, in]). */
  weights: SafetensorsFile;
  /** [N, H, W, 3] float32 in [-1, 1]. */
  images: Float32Array;
  imageShape: [number, number, number, number];
  labels: Int32Array;
  scalars: TrainingFixtureScalars;
  /** All tensors of expected.safetensors. */
  expectedFile: SafetensorsFile;
  /** `prefix.<tensor name>`: throws, naming the file, when the fixture lacks it. */
  expected(prefix: ExpectedPrefix, tensor: string): TensorData;
  /** Training-mode logits [N, classes] of the forward pass the step differentiates. */
  logits: TensorData;
  /** Eval-mode logits [N, classes] (BN with the initial running statistics), initial weights. */
  evalLogits: TensorData;
}

function readSafetensors(path: string): SafetensorsFile {
  return parseSafetensors(readFileSync(path), path);
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Reads fixtures/training/<name>/; a missing or incomplete fixture throws saying how to regenerate it. */
export function loadTrainingFixture(name: TrainingFixtureName, dir = TRAINING_FIXTURES_DIR): TrainingFixture {
  const folder = `${dir}${dir.endsWith('/') ? '' : '/'}${name}/`;
  const regenerate = 'regenerate it as fixtures/training/README.md says';
  let network: NetworkDefinition;
  let batch: { labels: number[]; shape: number[] };
  let scalars: TrainingFixtureScalars;
  let weights: SafetensorsFile;
  let inputs: SafetensorsFile;
  let expectedFile: SafetensorsFile;
  try {
    network = readJson<NetworkDefinition>(`${folder}definition.json`);
    batch = readJson(`${folder}batch.json`);
    scalars = readJson<TrainingFixtureScalars>(`${folder}expected.json`);
    weights = readSafetensors(`${folder}weights.safetensors`);
    inputs = readSafetensors(`${folder}batch.safetensors`);
    expectedFile = readSafetensors(`${folder}expected.safetensors`);
  } catch (error) {
    throw new Error(`training fixture "${name}" cannot be read (${(error as Error).message}); ${regenerate}`);
  }
  const tensor = (file: SafetensorsFile, key: string): TensorData => {
    const t = file.get(key);
    if (!t) throw new Error(`${file.fileName} has no tensor "${key}"; ${regenerate}`);
    return t;
  };
  const images = tensor(inputs, 'images');
  if (images.shape.length !== 4 || images.shape[0] !== batch.labels.length) {
    const count = batch.labels.length;
    throw new Error(`${folder}batch.safetensors: images [${images.shape.join(', ')}] do not match ${count} labels`);
  }
  return {
    name,
    network,
    weights,
    images: images.data,
    imageShape: images.shape as [number, number, number, number],
    labels: Int32Array.from(batch.labels),
    scalars,
    expectedFile,
    expected: (prefix, t) => tensor(expectedFile, `${prefix}.${t}`),
    logits: tensor(expectedFile, 'logits'),
    evalLogits: tensor(expectedFile, 'eval_logits'),
  };
}
