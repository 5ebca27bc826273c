import { describe, expect, it } from 'vitest';
import { loadManifest, type TimmModel } from '../../testing/fixtures.ts';
import { NETWORKS } from '../networks/index.ts';
import type { NetworkDefinition } from '../types.ts';
import { analyzeNetwork } from './analyze.ts';
import { checkpointTensors } from './checkpoint.ts';

const cases: Array<[TimmModel, NetworkDefinition]> = [
  ['inception_v4', NETWORKS['inception-v4'].released!],
  ['inception_resnet_v2', NETWORKS['inception-resnet-v2'].released!],
];

describe.each(cases)('the released definition against the timm manifest of %s', (model, net) => {
  const manifest = loadManifest(model);
  const { tensors, unkeyed } = checkpointTensors(analyzeNetwork(net));

  it('keys every weighted layer', () => {
    expect(unkeyed).toEqual([]);
  });

  it('expects exactly the checkpoint tensors, with their shapes and kinds, in state_dict order', () => {
    const expected = manifest.tensors.map((t) => ({ name: t.name, shape: t.shape, kind: t.kind }));
    const actual = tensors.map((t) => ({ name: t.name, shape: [...t.shape], kind: t.kind }));
    const names = new Set(actual.map((t) => t.name));
    const missing = expected.filter((t) => !names.has(t.name)).map((t) => t.name);
    const extra = actual.filter((t) => !expected.some((e) => e.name === t.name)).map((t) => t.name);
    expect(missing, 'tensors in the checkpoint that the definition lacks').toEqual([]);
    expect(extra, 'tensors the definition expects that the checkpoint lacks').toEqual([]);
    expect(actual).toEqual(expected);
  });

  it('has as many parameters as timm reports', () => {
    const trainable = tensors.filter((t) => !t.kind.startsWith('bn_running'));
    const count = trainable.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0);
    expect(count).toBe(manifest.num_parameters);
    expect(analyzeNetwork(net).params).toBe(manifest.num_parameters);
  });
});
