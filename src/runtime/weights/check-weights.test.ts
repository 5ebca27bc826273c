import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { loadManifest, type TimmModel } from '../../testing/fixtures.ts';
import { assertWeights, checkWeights } from './check-weights.ts';
import { WeightsFileError } from './errors.ts';
import type { TensorSource } from './types.ts';

const v4 = analyzeNetwork(NETWORKS['inception-v4'].released!);
const irv2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);

type Entry = [name: string, shape: readonly number[]];

/** The tensors of the real timm checkpoint (names and shapes from its manifest), edited per test. */
function manifestEntries(model: TimmModel): Entry[] {
  return loadManifest(model).tensors.map((t) => [t.name, t.shape]);
}

/** A source answering shapes only through `get`, as a minimal TensorSource does. */
function sourceOf(entries: readonly Entry[], withShapeOf = true): TensorSource {
  const map = new Map(entries);
  return {
    names: () => [...map.keys()],
    get: (name) => {
      const shape = map.get(name);
      return shape && { shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) };
    },
    ...(withShapeOf ? { shapeOf: (name: string) => map.get(name) } : {}),
  };
}

const edit = (entries: Entry[], name: string, shape?: readonly number[]): Entry[] =>
  shape ? entries.map(([n, s]) => [n, n === name ? shape : s]) : entries.filter(([n]) => n !== name);

describe('checkWeights against the real checkpoints’ tensor lists', () => {
  it('accepts each checkpoint for its own network', () => {
    expect(checkWeights(v4, sourceOf(manifestEntries('inception_v4')), 'v4.safetensors')).toEqual({
      ok: true,
      tensors: 747,
    });
    expect(checkWeights(irv2, sourceOf(manifestEntries('inception_resnet_v2'), false), 'irv2.safetensors')).toEqual({
      ok: true,
      tensors: 1102,
    });
  });

  it('recognises the other network’s checkpoint', () => {
    const a = checkWeights(irv2, sourceOf(manifestEntries('inception_v4')), 'model.safetensors');
    expect(a).toMatchObject({ ok: false, problem: 'wrong-model', fits: 'inception-v4' });
    expect(!a.ok && a.message).toBe(
      "model.safetensors looks like an inception_v4 checkpoint, not inception_resnet_v2: it has 747 of Inception-v4's tensors and none of Inception-ResNet-v2's 1102 tensors",
    );
    const b = checkWeights(v4, sourceOf(manifestEntries('inception_resnet_v2')), 'model.safetensors');
    expect(b).toMatchObject({ ok: false, problem: 'wrong-model', fits: 'inception-resnet-v2' });
    expect(!b.ok && b.message).toMatch(
      /^model\.safetensors looks like an inception_resnet_v2 checkpoint, not inception_v4: it has 1102 of Inception-ResNet-v2's tensors and none of/,
    );
  });

  it('says when a file is no Inception checkpoint at all', () => {
    const bert: Entry[] = [
      ['embeddings.word_embeddings.weight', [30522, 768]],
      ['encoder.layer.0.attention.self.query.weight', [768, 768]],
      ['pooler.dense.bias', [768]],
    ];
    const check = checkWeights(v4, sourceOf(bert), 'bert.safetensors');
    expect(check).toMatchObject({ ok: false, problem: 'not-inception' });
    expect(!check.ok && check.message).toBe(
      'bert.safetensors is not an Inception checkpoint: it holds 3 tensors ("embeddings.word_embeddings.weight", "encoder.layer.0.attention.self.query.weight", …), with none of Inception-v4\'s 747 tensors, and matches no other network here',
    );
    expect(checkWeights(v4, sourceOf([]), 'empty.safetensors')).toMatchObject({
      problem: 'not-inception',
      message: expect.stringContaining('it holds no tensors'),
    });
  });

  it('names a tensor with the wrong shape', () => {
    const entries = edit(manifestEntries('inception_v4'), 'features.11.branch1.1.conv.weight', [224, 192, 7, 1]);
    expect(checkWeights(v4, sourceOf(entries), 'v4.safetensors')).toEqual({
      ok: false,
      problem: 'shape',
      tensor: 'features.11.branch1.1.conv.weight',
      message:
        'v4.safetensors: features.11.branch1.1.conv.weight has shape [224, 192, 7, 1] but Inception-v4 expects [224, 192, 1, 7]',
      detail: {
        code: 'weights.shape',
        params: {
          file: 'v4.safetensors',
          tensor: 'features.11.branch1.1.conv.weight',
          shape: '224, 192, 7, 1',
          network: 'Inception-v4',
          expected: '224, 192, 1, 7',
        },
      },
    });
  });

  it('names the first bad tensor in state_dict order when several are bad', () => {
    let entries = edit(manifestEntries('inception_resnet_v2'), 'repeat_1.7.conv2d.weight', [1088, 384, 1, 1]);
    entries = edit(entries, 'repeat.3.branch1.1.bn.running_var');
    const check = checkWeights(irv2, sourceOf(entries), 'irv2.safetensors');
    expect(check).toMatchObject({ ok: false, problem: 'missing', tensor: 'repeat.3.branch1.1.bn.running_var' });
    expect(!check.ok && check.message).toBe(
      'irv2.safetensors: tensor repeat.3.branch1.1.bn.running_var is missing (the batch-norm running variance [32] of the 3×3 conv, 32 at inception-resnet-a/3/0/0/1/1); Inception-ResNet-v2 expects 1102 tensors',
    );
  });

  it('names an unexpected tensor', () => {
    const entries: Entry[] = [
      ...manifestEntries('inception_v4'),
      ['features.22.conv.weight', [8, 1536, 1, 1]],
      ['aux.weight', [3]],
    ];
    expect(checkWeights(v4, sourceOf(entries), 'v4.safetensors')).toEqual({
      ok: false,
      problem: 'unexpected',
      tensor: 'features.22.conv.weight',
      message:
        'v4.safetensors: unexpected tensor features.22.conv.weight (and 1 more): Inception-v4 has no layer for it',
      detail: {
        code: 'weights.unexpected',
        params: { file: 'v4.safetensors', tensor: 'features.22.conv.weight', more: 1, network: 'Inception-v4' },
      },
    });
  });

  it('refuses a definition without a checkpoint layout', () => {
    const paper = analyzeNetwork(NETWORKS['inception-resnet-v1'].paper!);
    expect(checkWeights(paper, sourceOf(manifestEntries('inception_v4')), 'v4.safetensors')).toMatchObject({
      ok: false,
      problem: 'no-layout',
      message:
        'cannot check v4.safetensors: Inception-ResNet-v1 (paper) has no checkpoint layout, so no weights file fits it; use a released variant',
    });
  });

  it('assertWeights throws the same message as a WeightsFileError', () => {
    const entries = edit(manifestEntries('inception_v4'), 'last_linear.bias', [1001]);
    expect(() => assertWeights(v4, sourceOf(entries), 'v4.safetensors')).toThrow(WeightsFileError);
    expect(() => assertWeights(v4, sourceOf(entries), 'v4.safetensors')).toThrow(
      'last_linear.bias has shape [1001] but Inception-v4 expects [1000]',
    );
    expect(() => assertWeights(v4, sourceOf(manifestEntries('inception_v4')), 'v4.safetensors')).not.toThrow();
  });
});
