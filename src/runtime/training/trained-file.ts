/**
 * A trained network as one safetensors file, readable by everything that opens a checkpoint: the
 * network's tensors in timm's names and PyTorch layouts, and in the header's metadata the definition it
 * belongs to, its class names and how it was trained. A snapshot (to resume a run) adds the optimiser's
 * state as tensors named "<tensor>#<slot>" under the metadata key `optimizer`; `weightsOnly` leaves them
 * out, so the exported file holds exactly the tensors the network expects.
 */
import type { NetworkDefinition } from '../../model/types.ts';
import { parseSafetensors } from '../weights/safetensors.ts';
import { PYTORCH_METADATA, serializeSafetensors, type TensorToWrite } from '../weights/safetensors-writer.ts';
import { tensorSourceFromMap, type TensorData, type TensorSource } from '../weights/types.ts';
import type { TrainingConfig } from './config.ts';

/** Metadata keys (strings, as safetensors requires). */
const KEY = {
  definition: 'inception-explorer.definition',
  classes: 'inception-explorer.classes',
  training: 'inception-explorer.training',
  optimizer: 'inception-explorer.optimizer',
} as const;

export interface TrainingRecord {
  config: TrainingConfig;
  /** Epochs and steps completed. */
  epoch: number;
  step: number;
  /** The data set's name ("generated", "CIFAR-10", a folder's name). */
  data: string;
}

export interface TrainedNetwork {
  network: NetworkDefinition;
  classes: readonly string[];
  training: TrainingRecord;
  weights: ReadonlyMap<string, TensorData>;
  /** The optimiser's state (a snapshot's), by "<tensor>#<slot>". */
  optimizer?: { kind: 'rmsprop' | 'sgd'; step: number; tensors: ReadonlyMap<string, TensorData> };
}

export function encodeTrainedNetwork(trained: TrainedNetwork, options: { weightsOnly?: boolean } = {}): Uint8Array {
  const tensors: TensorToWrite[] = [...trained.weights].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
  const metadata: Record<string, string> = {
    ...PYTORCH_METADATA,
    [KEY.definition]: JSON.stringify(trained.network),
    [KEY.classes]: JSON.stringify(trained.classes),
    [KEY.training]: JSON.stringify(trained.training),
  };
  if (trained.optimizer && !options.weightsOnly) {
    metadata[KEY.optimizer] = JSON.stringify({ kind: trained.optimizer.kind, step: trained.optimizer.step });
    for (const [name, t] of trained.optimizer.tensors) tensors.push({ name, shape: t.shape, data: t.data });
  }
  return serializeSafetensors(tensors, metadata);
}

export class TrainedFileError extends Error {}

/** Reads a file written by `encodeTrainedNetwork`; a file without its metadata is refused, saying so. */
export function decodeTrainedNetwork(bytes: Uint8Array, fileName: string): TrainedNetwork {
  const file = parseSafetensors(bytes, fileName);
  const json = <T>(key: string, what: string): T => {
    const text = file.metadata[key];
    if (text === undefined) {
      throw new TrainedFileError(`${fileName} holds no ${what}: it was not saved by a training run of `
        + 'Inception Explorer (train with `inception-explorer train --save` or export from the lab)');
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new TrainedFileError(`${fileName}: its ${what} is not valid JSON`);
    }
  };
  const network = json<NetworkDefinition>(KEY.definition, 'network definition');
  const classes = json<string[]>(KEY.classes, 'class names');
  const training = json<TrainingRecord>(KEY.training, 'training record');
  const optimizerInfo = file.metadata[KEY.optimizer] === undefined
    ? undefined
    : json<{ kind: 'rmsprop' | 'sgd'; step: number }>(KEY.optimizer, 'optimiser record');
  const weights = new Map<string, TensorData>();
  const state = new Map<string, TensorData>();
  for (const name of file.names()) (name.includes('#') ? state : weights).set(name, file.get(name)!);
  return {
    network,
    classes,
    training,
    weights,
    ...(optimizerInfo ? { optimizer: { ...optimizerInfo, tensors: state } } : {}),
  };
}

/** The weights of a trained file as the source a Trainer or an executor is built from. */
export function tensorSourceOf(weights: ReadonlyMap<string, TensorData>): TensorSource {
  return tensorSourceFromMap(weights);
}
