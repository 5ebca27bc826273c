/**
 * The arguments of `inception-explorer train`, read into the engine's settings: which small networks to
 * race, where the images come from, and the TrainingConfig. Every bad value is a usage error (exit 2)
 * that names the flag and what it takes.
 */
import { parseArgs } from 'node:util';
import { SMALL_NETWORK_IDS, SMALL_PRESETS, type SmallNetworkId, type SmallNetworkSpec } from '../model/small/index.ts';
import {
  checkTrainingConfig,
  PAPER_OPTIMIZER,
  PAPER_SCHEDULE,
  type TrainingConfig,
} from '../runtime/training/config.ts';
import { backendFor, backendsText, CLI_BACKENDS, type CliBackend } from './backend-args.ts';
import { usageErrorFor } from './command-args.ts';

/** Training's backends: every CLI backend but auto (WASM is the default). */
const TRAIN_BACKENDS = CLI_BACKENDS.filter((b): b is Exclude<CliBackend, 'auto'> => b !== 'auto');

export const TRAIN_USAGE =
  'inception-explorer train --network inception-v4-s|inception-resnet-v2-s|… ' +
  '[--network …] [--no-shortcuts] --data cifar10:PATH|folder:DIR|generated[:IMAGES]\n' +
  '      [--epochs N] [--batch B] [--lr LR] [--optimizer rmsprop|sgd] [--constant-lr] [--width W] ' +
  '[--residual-scale S] [--seed S]\n' +
  '      [--size 32|64] [--no-augment] [--dropout] [--label-smoothing L] [--clip-norm C] [--weight-decay D] ' +
  '[--test-images N]\n' +
  `      [--backend ${backendsText(TRAIN_BACKENDS)}] [--log run.jsonl] [--save W.safetensors] ` +
  '[--resume W.safetensors] [--json]';

export type DataArgument =
  | { kind: 'cifar10'; path: string }
  | { kind: 'folder'; path: string }
  | { kind: 'generated'; train: number; test: number };

export interface TrainArgs {
  /** Race entries: their ids (unique) and small-network specs (classes and size fitted to the data later). */
  networks: { id: string; spec: SmallNetworkSpec }[];
  data: DataArgument;
  size: 32 | 64;
  config: TrainingConfig;
  testImages?: number;
  /** WebGPU through Dawn where Node finds an adapter (backends.node.ts); WASM by default. */
  backend: Exclude<CliBackend, 'auto'>;
  log?: string;
  save?: string;
  resume?: string;
  json: boolean;
}

const usage = usageErrorFor(TRAIN_USAGE);

function numberOf(
  flag: string,
  value: string | undefined,
  check: (n: number) => boolean,
  range: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw usage(`--${flag} must be ${range}, got "${value}"`);
  }
  return n;
}

const positiveInteger = (n: number) => Number.isInteger(n) && n >= 1;

export function parseData(value: string | undefined): DataArgument {
  if (!value) throw usage('--data is required');
  if (value.startsWith('cifar10:') && value.length > 8) return { kind: 'cifar10', path: value.slice(8) };
  if (value.startsWith('folder:') && value.length > 7) return { kind: 'folder', path: value.slice(7) };
  const generated = /^generated(?::(\d+))?$/.exec(value);
  if (generated) {
    const train = generated[1] === undefined ? 5000 : Number(generated[1]);
    if (train < 10 || train > 1_000_000) {
      throw usage(`--data generated:IMAGES takes 10 to 1,000,000 images, got ${train}`);
    }
    return { kind: 'generated', train, test: Math.max(10, Math.round(train / 5)) };
  }
  throw usage(
    '--data must be cifar10:PATH (the binary archive or its folder), folder:DIR (a labelled folder) ' +
      `or generated, got "${value}"`,
  );
}

export function parseTrainArgs(args: readonly string[]): TrainArgs {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      network: { type: 'string', multiple: true, default: [] },
      'no-shortcuts': { type: 'boolean', default: false },
      data: { type: 'string' },
      epochs: { type: 'string' },
      batch: { type: 'string' },
      lr: { type: 'string' },
      optimizer: { type: 'string' },
      'constant-lr': { type: 'boolean', default: false },
      width: { type: 'string' },
      'residual-scale': { type: 'string' },
      seed: { type: 'string' },
      size: { type: 'string' },
      'no-augment': { type: 'boolean', default: false },
      dropout: { type: 'boolean', default: false },
      'label-smoothing': { type: 'string' },
      'clip-norm': { type: 'string' },
      'weight-decay': { type: 'string' },
      'test-images': { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      log: { type: 'string' },
      save: { type: 'string' },
      resume: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw usage(`unexpected argument "${positionals[0]}"`);
  if (values.network.length === 0) throw usage('--network is required');
  const width = numberOf('width', values.width, (n) => n > 0 && n <= 1, 'a number in (0, 1]');
  const scale = numberOf('residual-scale', values['residual-scale'], (n) => n >= 0 && n <= 10, 'a number from 0 to 10');
  const networks = values.network.map((name) => {
    if (!(SMALL_NETWORK_IDS as readonly string[]).includes(name)) {
      throw usage(`unknown network "${name}"; the small networks are ${SMALL_NETWORK_IDS.join(', ')}`);
    }
    const preset = SMALL_PRESETS[name as SmallNetworkId];
    const twin = values['no-shortcuts'] && preset.base === 'inception-resnet-v2';
    const id = twin && preset.shortcuts ? `${name}-no-shortcuts` : name;
    const spec: SmallNetworkSpec = {
      ...preset,
      ...(twin ? { shortcuts: false } : {}),
      ...(width !== undefined ? { width } : {}),
      ...(scale !== undefined ? { residualScale: scale } : {}),
    };
    return { id, spec };
  });
  const ids = networks.map((n) => n.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw usage(`--network ${twice} is given twice`);
  if (values['no-shortcuts'] && !networks.some((n) => !n.spec.shortcuts)) {
    throw usage('--no-shortcuts removes the shortcuts of Inception-ResNet networks; none is raced');
  }
  const size = numberOf('size', values.size, (n) => n === 32 || n === 64, '32 or 64') ?? 32;
  const optimizerKind = values.optimizer ?? 'rmsprop';
  if (optimizerKind !== 'rmsprop' && optimizerKind !== 'sgd') {
    throw usage(`--optimizer must be rmsprop or sgd, got "${optimizerKind}"`);
  }
  const lr = numberOf('lr', values.lr, (n) => n > 0 && n <= 10, 'a number in (0, 10]');
  const optimizer: TrainingConfig['optimizer'] =
    optimizerKind === 'rmsprop'
      ? ({ ...PAPER_OPTIMIZER, ...(lr !== undefined ? { learningRate: lr } : {}) } as TrainingConfig['optimizer'])
      : { kind: 'sgd', learningRate: lr ?? 0.1, momentum: 0.9 };
  const config: TrainingConfig = {
    optimizer,
    schedule: values['constant-lr'] ? { kind: 'constant' } : PAPER_SCHEDULE,
    batchSize:
      numberOf('batch', values.batch, (n) => positiveInteger(n) && n <= 1024, 'a whole number from 1 to 1024') ?? 32,
    epochs:
      numberOf('epochs', values.epochs, (n) => positiveInteger(n) && n <= 1000, 'a whole number from 1 to 1000') ?? 10,
    seed: numberOf('seed', values.seed, (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32, 'a whole number ≥ 0') ?? 1,
    augment: !values['no-augment'],
    dropout: values.dropout,
  };
  const smoothing = numberOf(
    'label-smoothing',
    values['label-smoothing'],
    (n) => n >= 0 && n < 1,
    'a number in [0, 1)',
  );
  const clip = numberOf('clip-norm', values['clip-norm'], (n) => n > 0, 'a number > 0');
  const decay = numberOf('weight-decay', values['weight-decay'], (n) => n >= 0 && n < 1, 'a number in [0, 1)');
  if (smoothing !== undefined) config.labelSmoothing = smoothing;
  if (clip !== undefined) config.clipNorm = clip;
  if (decay !== undefined) config.weightDecay = decay;
  const problems = checkTrainingConfig(config);
  if (problems.length > 0) throw usage(problems.join('; '));
  const backend = backendFor(values.backend, usage, TRAIN_BACKENDS);
  if (networks.length > 1 && values.resume) throw usage('--resume continues one network: give one --network');
  const testImages = numberOf('test-images', values['test-images'], positiveInteger, 'a whole number ≥ 1');
  return {
    networks,
    data: parseData(values.data),
    size: size as 32 | 64,
    config,
    ...(testImages !== undefined ? { testImages } : {}),
    backend,
    ...(values.log ? { log: values.log } : {}),
    ...(values.save ? { save: values.save } : {}),
    ...(values.resume ? { resume: values.resume } : {}),
    json: values.json,
  };
}
