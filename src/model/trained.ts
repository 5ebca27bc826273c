/**
 * A trained network's file, as far as the explorer needs it: the header of the safetensors file the lab
 * and `inception-explorer train` write (runtime/training/trained-file.ts), whose metadata holds the
 * network's definition, its class names and how it was trained. Reading it takes no TensorFlow.js and
 * no tensor data: the first 8 bytes give the header's length, the header is JSON.
 *
 * A trained network is named in the app by `trained:<id>`, its id the first 16 hex digits of the file's
 * SHA-256; it is preprocessed as it was trained (runtime/training/data/batches.ts): the photo's shorter
 * side resized to the network's input with Pillow's bicubic filter, the centre square, (x/255 − 0.5)/0.5.
 */
import { analyzeNetwork } from './analysis/analyze.ts';
import { isSmallNetworkId } from './networks/index.ts';
import type { NetworkDefinition, Preprocessing, TrainedNetworkId } from './types.ts';
import {
  trainedHeaderText,
  type TrainedDefinitionProblem,
  type TrainedHeaderProblem,
  type TrainedPart,
} from './trained-header-problem.ts';

export type { TrainedNetworkId };

/** Metadata keys (strings, as safetensors requires). */
export const TRAINED_METADATA_KEY = {
  definition: 'inception-explorer.definition',
  classes: 'inception-explorer.classes',
  training: 'inception-explorer.training',
  optimizer: 'inception-explorer.optimizer',
} as const;

/** Normalisation of the training batches and of a trained network's input: (x/255 − 0.5)/0.5. */
export const TRAINED_MEAN = [0.5, 0.5, 0.5] as const;
export const TRAINED_STD = [0.5, 0.5, 0.5] as const;

/** The trainer's settings as far as the explorer reads them (runtime/training/config.ts has them all). */
export interface TrainingSettings {
  epochs?: number;
  batchSize?: number;
  seed?: number;
}

/** How a trained network was trained, as its file records it (the settings are the trainer's config). */
export interface TrainingRecordHeader<Config extends object = TrainingSettings> {
  config: Config;
  /** Epochs and steps completed. */
  epoch: number;
  step: number;
  /** The data set's name ("generated", "CIFAR-10", a folder's name). */
  data: string;
  /** Error on the held-out images after the last epoch (0–1), where the exporter knew it. */
  testError?: number;
}

export interface TrainedHeader {
  network: NetworkDefinition;
  classes: readonly string[];
  training: TrainingRecordHeader;
  /** Bytes of the header (after the 8 of its length). */
  headerBytes: number;
}

export const trainedNetworkId = (id: string): TrainedNetworkId => `trained:${id}`;
export const isTrainedNetworkId = (network: string): network is TrainedNetworkId =>
  /^trained:[0-9a-f]{16}$/.test(network);
/** The file's id (16 hex digits) of `trained:<id>`. */
export const trainedFileId = (network: TrainedNetworkId): string => network.slice('trained:'.length);

/** A trained file's header that cannot be read; `detail` is the failure the runtime words ('trained.header'). */
export class TrainedHeaderError extends Error {
  readonly detail: { code: 'trained.header'; params: { file: string; problem: TrainedHeaderProblem } };
  constructor(file: string, problem: TrainedHeaderProblem) {
    super(trainedHeaderText(file, problem));
    this.detail = { code: 'trained.header', params: { file, problem } };
  }
}

/** The header's length from the file's first 8 bytes (the format's unsigned 64-bit little-endian). */
export function trainedHeaderLength(first8: Uint8Array, fileName: string): number {
  if (first8.length < 8) {
    throw new TrainedHeaderError(fileName, { kind: 'short', bytes: first8.length });
  }
  const view = new DataView(first8.buffer, first8.byteOffset, 8);
  const length = view.getUint32(4, true) * 2 ** 32 + view.getUint32(0, true);
  if (length < 2 || length > 100_000_000) {
    throw new TrainedHeaderError(fileName, { kind: 'header-length', length });
  }
  return length;
}

/**
 * Reads the trained network's header from the start of its file (at least 8 + header bytes; the tensors
 * may be left out). Throws `TrainedHeaderError` naming the file and what is wrong with it.
 */
export function readTrainedHeader(bytes: Uint8Array, fileName: string): TrainedHeader {
  const length = trainedHeaderLength(bytes, fileName);
  if (bytes.length < 8 + length) {
    throw new TrainedHeaderError(fileName, { kind: 'truncated', length, bytes: bytes.length - 8 });
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + length)));
  } catch {
    throw new TrainedHeaderError(fileName, { kind: 'not-json' });
  }
  const metadata =
    typeof header === 'object' && header !== null ? (header as Record<string, unknown>).__metadata__ : undefined;
  if (typeof metadata !== 'object' || metadata === null) {
    throw new TrainedHeaderError(fileName, { kind: 'missing', part: 'network definition' });
  }
  return { ...readTrainedMetadata(metadata as Record<string, unknown>, fileName), headerBytes: length };
}

/** The definition, classes and training record of a trained file's metadata, each checked. */
export function readTrainedMetadata(
  metadata: Readonly<Record<string, unknown>>,
  fileName: string,
): Omit<TrainedHeader, 'headerBytes'> {
  const json = (key: string, part: TrainedPart): unknown => {
    const text = metadata[key];
    if (typeof text !== 'string') throw new TrainedHeaderError(fileName, { kind: 'missing', part });
    try {
      return JSON.parse(text);
    } catch {
      throw new TrainedHeaderError(fileName, { kind: 'bad-json', part });
    }
  };
  const network = checkDefinition(json(TRAINED_METADATA_KEY.definition, 'network definition'), fileName);
  const classes = json(TRAINED_METADATA_KEY.classes, 'class names');
  if (!Array.isArray(classes) || !classes.every((c) => typeof c === 'string') || classes.length !== network.classes) {
    throw new TrainedHeaderError(fileName, { kind: 'classes', classes: network.classes });
  }
  const training = json(TRAINED_METADATA_KEY.training, 'training record') as Partial<TrainingRecordHeader> | null;
  if (
    !training ||
    typeof training !== 'object' ||
    typeof training.epoch !== 'number' ||
    typeof training.step !== 'number' ||
    typeof training.data !== 'string' ||
    typeof training.config !== 'object' ||
    training.config === null
  ) {
    throw new TrainedHeaderError(fileName, { kind: 'training' });
  }
  return { network, classes: classes as string[], training: training as TrainingRecordHeader };
}

/** A definition from a file: a small network's shape, and one the analysis can walk without problems. */
function checkDefinition(value: unknown, fileName: string): NetworkDefinition {
  const bad = (why: TrainedDefinitionProblem): never => {
    throw new TrainedHeaderError(fileName, { kind: 'definition', why });
  };
  const d = value as Partial<NetworkDefinition> | null;
  if (
    !d ||
    typeof d !== 'object' ||
    !Array.isArray(d.stages) ||
    !Array.isArray(d.input) ||
    typeof d.classes !== 'number' ||
    typeof d.title !== 'string'
  ) {
    bad({ kind: 'incomplete' });
  }
  const network = d as NetworkDefinition;
  if (!isSmallNetworkId(network.id)) bad({ kind: 'not-small', id: String(network.id) });
  const [height, width, channels] = network.input;
  if (network.input.length !== 3 || height !== width || channels !== 3 || !(height >= 8 && height <= 512)) {
    bad({ kind: 'input', input: JSON.stringify(network.input) });
  }
  if (!Number.isInteger(network.classes) || network.classes < 2) bad({ kind: 'classes', classes: network.classes });
  let problems: string[];
  try {
    problems = analyzeNetwork(network).problems.map((p) => p.message);
  } catch (error) {
    return bad({ kind: 'unreadable', detail: error instanceof Error ? error.message : String(error) });
  }
  if (problems.length > 0) bad({ kind: 'not-fitting', problems: problems.slice(0, 2).join('; ') });
  return network;
}

/** A trained network's preprocessing: as the training batches were made, at the network's input size. */
export function trainedPreprocessing(network: NetworkDefinition): Preprocessing {
  return { inputSize: network.input[0], cropPct: 1, interpolation: 'bicubic', mean: TRAINED_MEAN, std: TRAINED_STD };
}

/** How a photo becomes the network's input: its checkpoint's preprocessing, or a small network's training one. */
export function inputPreprocessing(network: NetworkDefinition): Preprocessing {
  if (network.checkpoint) return network.checkpoint.preprocessing;
  if (isSmallNetworkId(network.id)) return trainedPreprocessing(network);
  throw new Error(`${network.title} has no preprocessing: it has no checkpoint and is not a trained small network`);
}
