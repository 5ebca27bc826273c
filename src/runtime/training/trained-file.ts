/**
 * A trained network as one safetensors file, readable by everything that opens a checkpoint: the
 * network's tensors in timm's names and PyTorch layouts, and in the header's metadata the definition it
 * belongs to, its class names and how it was trained. A snapshot (to resume a run) adds the optimiser's
 * state as tensors named "<tensor>#<slot>" under the metadata key `optimizer`; `weightsOnly` leaves them
 * out, so the exported file holds exactly the tensors the network expects.
 */
import {
  readTrainedMetadata,
  TRAINED_METADATA_KEY,
  TrainedHeaderError,
  type TrainingRecordHeader,
} from '../../model/trained.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import { parseSafetensors } from '../weights/safetensors.ts';
import { PYTORCH_METADATA, serializeSafetensors, type TensorToWrite } from '../weights/safetensors-writer.ts';
import { tensorSourceFromMap, type TensorData, type TensorSource } from '../weights/types.ts';
import type { TrainingConfig } from './config.ts';

const KEY = TRAINED_METADATA_KEY;

/** The header's record (model/trained.ts) with the trainer's own settings. */
export type TrainingRecord = TrainingRecordHeader<TrainingConfig>;

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

/** What is wrong with a trained file's metadata (the header's reader's error: one kind for both). */
export const TrainedFileError = TrainedHeaderError;

/** Reads a file written by `encodeTrainedNetwork`; a file without its metadata is refused, saying so. */
export function decodeTrainedNetwork(bytes: Uint8Array, fileName: string): TrainedNetwork {
  const file = parseSafetensors(bytes, fileName);
  const { network, classes, training } = readTrainedMetadata(file.metadata, fileName);
  const optimizerRecord = (): { kind: 'rmsprop' | 'sgd'; step: number } => {
    try {
      return JSON.parse(file.metadata[KEY.optimizer]) as { kind: 'rmsprop' | 'sgd'; step: number };
    } catch {
      throw new TrainedFileError(fileName, { kind: 'optimiser-json' });
    }
  };
  const optimizerInfo = file.metadata[KEY.optimizer] === undefined ? undefined : optimizerRecord();
  const weights = new Map<string, TensorData>();
  const state = new Map<string, TensorData>();
  for (const name of file.names()) (name.includes('#') ? state : weights).set(name, file.get(name)!);
  return {
    network,
    classes,
    training: training as unknown as TrainingRecord,
    weights,
    ...(optimizerInfo ? { optimizer: { ...optimizerInfo, tensors: state } } : {}),
  };
}

/** The weights of a trained file as the source a Trainer or an executor is built from. */
export function tensorSourceOf(weights: ReadonlyMap<string, TensorData>): TensorSource {
  return tensorSourceFromMap(weights);
}
