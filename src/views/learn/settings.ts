/**
 * The lab's settings: which small networks race, on which data, for how long, with which optimiser,
 * schedule, residual scale, seed and backend. Plain data, kept in the URL (url-settings.ts) and with
 * each stored run; `trainingConfig` turns them into the worker's TrainingConfig. The stated ranges are
 * what the URL and the form accept.
 */
import type { RaceRequest, TrainingConfig } from '../../runtime/training/protocol.ts';

/** The small networks of src/model/small (the paper's two networks, and the ablation without shortcuts). */
export const SMALL_NETWORKS = [
  'inception-v4-s',
  'inception-resnet-v2-s',
  'inception-resnet-v2-s-no-shortcuts',
] as const;
export type SmallNetworkChoice = (typeof SMALL_NETWORKS)[number];

/** One network of a race: a small network, optionally wider or with its residuals scaled otherwise. */
export interface RaceChoice {
  network: SmallNetworkChoice;
  /** Multiplier on every conv's filters (the small networks' default when absent). */
  width?: number;
  /** Every residual scale of this network (the race's, or the network's own, when absent). */
  scale?: number;
}

export const DATA_KINDS = ['generated', 'cifar10-download', 'cifar10-files', 'folder'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

export const BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type TrainingBackend = RaceRequest['backend'];

export interface LabSettings {
  networks: readonly RaceChoice[];
  data: DataKind;
  /** Images of the generated set: training and held out. */
  train: number;
  test: number;
  epochs: number;
  batch: number;
  optimizer: 'rmsprop' | 'sgd';
  learningRate: number;
  momentum: number;
  /** RMSProp only: the decay of the mean square, and ε under its square root. */
  decay: number;
  epsilon: number;
  schedule: 'exponential' | 'constant';
  /** Exponential schedule: the learning rate is multiplied by `rate` every `every` epochs. */
  rate: number;
  every: number;
  /** Clip the gradients to this global norm (none when absent). */
  clip?: number;
  /** Every residual scale of the networks raced (each network's own when absent). */
  scale?: number;
  augment: boolean;
  dropout: boolean;
  seed: number;
  backend: TrainingBackend;
}

/** The paper's recipe (§5: RMSProp, decay 0.9, ε = 1.0, learning rate 0.045 decayed by 0.94 every two epochs). */
export const DEFAULT_SETTINGS: LabSettings = {
  networks: SMALL_NETWORKS.map((network) => ({ network })),
  data: 'generated',
  train: 2000,
  test: 500,
  epochs: 10,
  batch: 32,
  optimizer: 'rmsprop',
  learningRate: 0.045,
  momentum: 0.9,
  decay: 0.9,
  epsilon: 1,
  schedule: 'exponential',
  rate: 0.94,
  every: 2,
  augment: true,
  dropout: true,
  seed: 1,
  backend: 'auto',
};

/** At most this many networks race at once (one colour each). */
export const MAX_NETWORKS = 4;

export interface NumberRange {
  min: number;
  max: number;
  /** The lower bound itself is not allowed (a learning rate of 0). */
  minExclusive?: boolean;
  integer?: boolean;
}

/** The settings that are numbers (each has a range in RANGES; the URL carries them). */
export type NumericSetting =
  | 'train'
  | 'test'
  | 'epochs'
  | 'batch'
  | 'learningRate'
  | 'momentum'
  | 'decay'
  | 'epsilon'
  | 'rate'
  | 'every'
  | 'clip'
  | 'scale'
  | 'seed';

/** What the URL and the form accept for each number. */
export const RANGES: Readonly<Record<NumericSetting | 'width' | 'choiceScale', NumberRange>> = {
  train: { min: 100, max: 50_000, integer: true },
  test: { min: 100, max: 10_000, integer: true },
  epochs: { min: 1, max: 200, integer: true },
  batch: { min: 1, max: 256, integer: true },
  learningRate: { min: 0, max: 10, minExclusive: true },
  momentum: { min: 0, max: 0.999 },
  decay: { min: 0, max: 0.999 },
  epsilon: { min: 0, max: 10, minExclusive: true },
  rate: { min: 0, max: 1, minExclusive: true },
  every: { min: 1, max: 100, integer: true },
  clip: { min: 0, max: 1000, minExclusive: true },
  scale: { min: 0, max: 1 },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
  width: { min: 0, max: 1, minExclusive: true },
  choiceScale: { min: 0, max: 1 },
};

export function inRange(value: number, range: NumberRange): boolean {
  if (!Number.isFinite(value) || (range.integer && !Number.isInteger(value))) return false;
  return (range.minExclusive ? value > range.min : value >= range.min) && value <= range.max;
}

/** A network's id within a race: unique for each network, width and scale ("inception-resnet-v2-s-w0.5-s0.1"). */
export function choiceId(choice: RaceChoice): string {
  return (
    `${choice.network}${choice.width !== undefined ? `-w${choice.width}` : ''}` +
    `${choice.scale !== undefined ? `-s${choice.scale}` : ''}`
  );
}

/** The worker's training configuration for these settings. */
export function trainingConfig(settings: LabSettings): TrainingConfig {
  const { learningRate, momentum } = settings;
  return {
    optimizer:
      settings.optimizer === 'rmsprop'
        ? { kind: 'rmsprop', learningRate, decay: settings.decay, epsilon: settings.epsilon, momentum }
        : { kind: 'sgd', learningRate, momentum },
    schedule:
      settings.schedule === 'constant'
        ? { kind: 'constant' }
        : { kind: 'exponential', rate: settings.rate, everyEpochs: settings.every },
    ...(settings.clip !== undefined ? { clipNorm: settings.clip } : {}),
    batchSize: settings.batch,
    epochs: settings.epochs,
    seed: settings.seed,
    augment: settings.augment,
    dropout: settings.dropout,
    // The race-wide scale travels in each network's definition (raceEntries), so that a network's own
    // scale (the "why scale" preset) is not overridden by it: `residualScale` stays unset.
  };
}

/** Training images per epoch, where the settings tell (the generated set, CIFAR-10's 50,000). */
export function trainingImages(settings: LabSettings): number | undefined {
  if (settings.data === 'generated') return settings.train;
  if (settings.data === 'cifar10-download' || settings.data === 'cifar10-files') return 50_000;
  return undefined;
}

export function sameSettings(a: LabSettings, b: LabSettings): boolean {
  return JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
}

/** Keys in one order and absent optionals dropped, so that equal settings serialise equally. */
function normalised(s: LabSettings): unknown {
  const keys = Object.keys(DEFAULT_SETTINGS).concat(['clip', 'scale']).sort();
  return keys.map((k) => [
    k,
    k === 'networks'
      ? s.networks.map((c) => [c.network, c.width ?? null, c.scale ?? null])
      : ((s as unknown as Record<string, unknown>)[k] ?? null),
  ]);
}
