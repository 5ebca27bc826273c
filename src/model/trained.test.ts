import { describe, expect, it } from 'vitest';
import { serializeSafetensors } from '../runtime/weights/safetensors-writer.ts';
import { encodeTrainedNetwork } from '../runtime/training/trained-file.ts';
import { smallNetwork, SMALL_PRESETS } from './small/index.ts';
import {
  isTrainedNetworkId,
  readTrainedHeader,
  TRAINED_METADATA_KEY,
  trainedFileId,
  trainedHeaderLength,
  trainedNetworkId,
  trainedPreprocessing,
} from './trained.ts';

const network = smallNetwork({ ...SMALL_PRESETS['inception-resnet-v2-s'], width: 0.125, classes: 3 });
const classes = ['circle', 'square', 'stripe'];
const training = {
  config: {
    optimizer: { kind: 'sgd' as const, learningRate: 0.1, momentum: 0.9 },
    schedule: { kind: 'constant' as const },
    batchSize: 16,
    epochs: 2,
    seed: 7,
    augment: false,
    dropout: false,
  },
  epoch: 2,
  step: 40,
  data: 'generated',
  testError: 0.25,
};
const weights = new Map([['classif.bias', { shape: [3], data: new Float32Array([1, 2, 3]) }]]);
const good = encodeTrainedNetwork({ network, classes, training, weights });

function withMetadata(metadata: Record<string, string>): Uint8Array {
  return serializeSafetensors([{ name: 'x', shape: [1], data: new Float32Array([0]) }], metadata);
}

const metadataOf = (overrides: Record<string, string>) => ({
  [TRAINED_METADATA_KEY.definition]: JSON.stringify(network),
  [TRAINED_METADATA_KEY.classes]: JSON.stringify(classes),
  [TRAINED_METADATA_KEY.training]: JSON.stringify(training),
  ...overrides,
});

describe('readTrainedHeader', () => {
  it('reads the definition, classes and training record of a file the lab writes', () => {
    const header = readTrainedHeader(good, 'net.safetensors');
    expect(header.network).toEqual(JSON.parse(JSON.stringify(network)));
    expect(header.classes).toEqual(classes);
    expect(header.training).toMatchObject({ epoch: 2, step: 40, data: 'generated', testError: 0.25 });
    expect(header.training.config.batchSize).toBe(16);
  });

  it('needs only the header: the tensors may be left out', () => {
    const length = trainedHeaderLength(good.subarray(0, 8), 'net.safetensors');
    const header = readTrainedHeader(good.subarray(0, 8 + length), 'net.safetensors');
    expect(header.headerBytes).toBe(length);
    expect(header.classes).toEqual(classes);
  });

  it('refuses a truncated header, saying how much is missing', () => {
    expect(() => readTrainedHeader(good.subarray(0, 100), 'cut.safetensors')).toThrow(
      /cut\.safetensors is truncated: its header needs \d+ bytes but the file has only 92/,
    );
    expect(() => readTrainedHeader(good.subarray(0, 5), 'tiny.safetensors')).toThrow(
      /fewer than the 8 of the header length/,
    );
  });

  it('refuses a safetensors file without our metadata (a released checkpoint, say), saying where trained files come from', () => {
    const foreign = serializeSafetensors([{ name: 'x', shape: [1], data: new Float32Array([0]) }]);
    expect(() => readTrainedHeader(foreign, 'inception_v4.safetensors')).toThrow(
      /inception_v4\.safetensors holds no network definition: it was not saved by a training run.*\/learn/,
    );
    expect(() => readTrainedHeader(withMetadata({ format: 'pt' }), 'pt.safetensors')).toThrow(
      /holds no network definition/,
    );
  });

  it('refuses a file that is not safetensors at all', () => {
    const text = new TextEncoder().encode('<!doctype html><html>not found</html>');
    expect(() => readTrainedHeader(text, 'page.html')).toThrow(/page\.html is not a safetensors file/);
  });

  it('refuses bad JSON in the metadata, naming what is damaged', () => {
    expect(() =>
      readTrainedHeader(withMetadata(metadataOf({ [TRAINED_METADATA_KEY.classes]: '["a", ' })), 'bad.safetensors'),
    ).toThrow('bad.safetensors: the JSON of its class names is not valid');
    expect(() =>
      readTrainedHeader(withMetadata(metadataOf({ [TRAINED_METADATA_KEY.definition]: '{' })), 'bad.safetensors'),
    ).toThrow('bad.safetensors: the JSON of its network definition is not valid');
  });

  it('refuses class names that do not match the network, and a definition that is not a small network', () => {
    expect(() =>
      readTrainedHeader(withMetadata(metadataOf({ [TRAINED_METADATA_KEY.classes]: '["a","b"]' })), 'f'),
    ).toThrow('f: its class names are not a list of 3 names');
    const released = { ...network, id: 'inception-v4' };
    expect(() =>
      readTrainedHeader(withMetadata(metadataOf({ [TRAINED_METADATA_KEY.definition]: JSON.stringify(released) })), 'f'),
    ).toThrow(/is of "inception-v4", not one of the small networks/);
    const noStages = { ...network, stages: undefined };
    expect(() =>
      readTrainedHeader(withMetadata(metadataOf({ [TRAINED_METADATA_KEY.definition]: JSON.stringify(noStages) })), 'f'),
    ).toThrow(/lacks its stages/);
    const broken = { ...network, stages: [{ kind: 'conv' }] };
    expect(() =>
      readTrainedHeader(withMetadata(metadataOf({ [TRAINED_METADATA_KEY.definition]: JSON.stringify(broken) })), 'f'),
    ).toThrow(/its network definition (cannot be read|does not fit together)/);
  });

  it('refuses a training record without its epoch', () => {
    const { epoch: _, ...noEpoch } = training;
    expect(() =>
      readTrainedHeader(withMetadata(metadataOf({ [TRAINED_METADATA_KEY.training]: JSON.stringify(noEpoch) })), 'f'),
    ).toThrow('f: its training record lacks the epoch');
  });
});

describe('trained network ids and preprocessing', () => {
  it('names a trained network by its file id', () => {
    const id = trainedNetworkId('0123456789abcdef');
    expect(id).toBe('trained:0123456789abcdef');
    expect(isTrainedNetworkId(id)).toBe(true);
    expect(trainedFileId(id)).toBe('0123456789abcdef');
    expect(isTrainedNetworkId('trained:xyz')).toBe(false);
    expect(isTrainedNetworkId('inception-v4')).toBe(false);
  });

  it("preprocesses at the network input size with the training batches' normalisation", () => {
    expect(trainedPreprocessing(network)).toEqual({
      inputSize: 32,
      cropPct: 1,
      interpolation: 'bicubic',
      mean: [0.5, 0.5, 0.5],
      std: [0.5, 0.5, 0.5],
    });
    const at64 = smallNetwork({ ...SMALL_PRESETS['inception-v4-s'], inputSize: 64, width: 0.125 });
    expect(trainedPreprocessing(at64).inputSize).toBe(64);
  });
});
