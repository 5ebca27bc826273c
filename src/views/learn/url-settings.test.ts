import { describe, expect, it } from 'vitest';
import { PRESETS, presetOf, presetSettings, questionOf } from './presets.ts';
import { DEFAULT_SETTINGS, choiceId, trainingConfig, type LabSettings } from './settings.ts';
import { readSettings, settingsSearch } from './url-settings.ts';

describe('lab settings in the URL', () => {
  it("reads an empty query as the paper's recipe on the three small networks, and writes it as nothing", () => {
    const { settings, notices } = readSettings('');
    expect(notices).toEqual([]);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(settings.networks.map(choiceId)).toEqual([
      'inception-v4-s',
      'inception-resnet-v2-s',
      'inception-resnet-v2-s-no-shortcuts',
    ]);
    expect(settingsSearch(settings)).toBe('');
    expect(trainingConfig(settings)).toEqual({
      optimizer: { kind: 'rmsprop', learningRate: 0.045, decay: 0.9, epsilon: 1, momentum: 0.9 },
      schedule: { kind: 'exponential', rate: 0.94, everyEpochs: 2 },
      batchSize: 32,
      epochs: 10,
      seed: 1,
      augment: true,
      dropout: true,
    });
  });

  it('round-trips every setting that differs from the defaults', () => {
    const settings: LabSettings = {
      ...DEFAULT_SETTINGS,
      networks: [{ network: 'inception-resnet-v2-s', width: 0.5, scale: 1 }, { network: 'inception-v4-s' }],
      data: 'cifar10-download',
      train: 5000,
      test: 1000,
      epochs: 40,
      batch: 64,
      optimizer: 'sgd',
      learningRate: 0.1,
      momentum: 0.8,
      decay: 0.95,
      epsilon: 0.5,
      schedule: 'constant',
      rate: 0.5,
      every: 3,
      clip: 2,
      scale: 0.2,
      augment: false,
      dropout: false,
      seed: 12345,
      backend: 'wasm',
    };
    const search = settingsSearch(settings);
    expect(search).toBe(
      'networks=inception-resnet-v2-s;width=0.5;scale=1,inception-v4-s&data=cifar10-download' +
        '&optimizer=sgd&schedule=constant&backend=wasm&train=5000&test=1000&epochs=40&batch=64&lr=0.1&momentum=0.8' +
        '&decay=0.95&epsilon=0.5&rate=0.5&every=3&clip=2&scale=0.2&seed=12345&augment=0&dropout=0',
    );
    expect(readSettings(search)).toEqual({ settings, notices: [] });
    expect(trainingConfig(settings)).toMatchObject({
      optimizer: { kind: 'sgd', learningRate: 0.1, momentum: 0.8 },
      schedule: { kind: 'constant' },
      clipNorm: 2,
    });
  });

  it('round-trips both presets', () => {
    for (const preset of PRESETS) {
      const settings = presetSettings(preset);
      expect(readSettings(settingsSearch(settings)).settings).toEqual(settings);
      expect(presetOf(settings)).toBe(preset.id);
    }
    const whyScale = presetSettings(PRESETS[1]);
    expect(settingsSearch(whyScale)).toBe(
      'networks=inception-resnet-v2-s;width=0.5;scale=1,' + 'inception-resnet-v2-s;width=0.5;scale=0.1&lr=0.45',
    );
    // The reader's data, seed and backend keep the question; another learning rate does not.
    expect(presetOf({ ...whyScale, seed: 9, data: 'cifar10-download', backend: 'cpu' })).toBe('why-scale');
    expect(presetOf({ ...whyScale, learningRate: 0.045 })).toBeUndefined();
    // Its question is asked by any race of its networks.
    expect(questionOf({ ...whyScale, learningRate: 0.045, epochs: 3 })).toBe('why-scale');
    expect(questionOf(DEFAULT_SETTINGS)).toBe('residuals-speed');
    expect(questionOf({ ...DEFAULT_SETTINGS, networks: [{ network: 'inception-v4-s' }] })).toBeUndefined();
  });

  it('leaves out values out of range, unknown choices and parameters, and says which', () => {
    const { settings, notices } = readSettings(
      'epochs=0&batch=3.5&lr=-1&seed=x&scale=2&optimizer=adam' + '&backend=tpu&augment=maybe&colour=red&every=',
    );
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(notices).toEqual([
      { kind: 'range', key: 'epochs', value: '0', range: { min: 1, max: 200, integer: true } },
      { kind: 'range', key: 'batch', value: '3.5', range: { min: 1, max: 256, integer: true } },
      { kind: 'range', key: 'lr', value: '-1', range: { min: 0, max: 10, minExclusive: true } },
      { kind: 'range', key: 'every', value: '', range: { min: 1, max: 100, integer: true } },
      { kind: 'range', key: 'scale', value: '2', range: { min: 0, max: 1 } },
      { kind: 'range', key: 'seed', value: 'x', range: { min: 0, max: 2 ** 31 - 1, integer: true } },
      { kind: 'choice', key: 'optimizer', value: 'adam', choices: ['rmsprop', 'sgd'] },
      { kind: 'choice', key: 'backend', value: 'tpu', choices: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] },
      { kind: 'choice', key: 'augment', value: 'maybe', choices: ['0', '1'] },
      { kind: 'unknown', key: 'colour' },
    ]);
  });

  it('keeps the good networks of a list and reports the others', () => {
    const { settings, notices } = readSettings(
      'networks=inception-v4-s,resnet-50,inception-v4-s,' +
        'inception-resnet-v2-s;width=0;scale=0.3,inception-resnet-v2-s;depth=2',
    );
    // The last entry's bad option is left out: the network stays, as released.
    expect(settings.networks).toEqual([
      { network: 'inception-v4-s' },
      { network: 'inception-resnet-v2-s', scale: 0.3 },
      { network: 'inception-resnet-v2-s' },
    ]);
    expect(notices).toEqual([
      { kind: 'network', value: 'resnet-50' },
      { kind: 'duplicate', value: 'inception-v4-s' },
      { kind: 'network-option', network: 'inception-resnet-v2-s', value: 'width=0' },
      { kind: 'network-option', network: 'inception-resnet-v2-s', value: 'depth=2' },
    ]);
  });

  it('races at most four networks, and the defaults when none is valid', () => {
    const five =
      'networks=inception-v4-s,inception-resnet-v2-s,inception-resnet-v2-s-no-shortcuts,' +
      'inception-v4-s;width=0.5,inception-v4-s;width=0.75';
    const { settings, notices } = readSettings(five);
    expect(settings.networks).toHaveLength(4);
    expect(notices).toEqual([{ kind: 'too-many', max: 4 }]);
    expect(readSettings('networks=alexnet').settings.networks).toEqual(DEFAULT_SETTINGS.networks);
  });
});
