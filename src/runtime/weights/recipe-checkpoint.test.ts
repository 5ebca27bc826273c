import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import type { TensorKind } from '../../model/analysis/checkpoint.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { loadManifest } from '../../testing/fixtures.ts';
import { checkWeights } from './check-weights.ts';
import { recipeTensor } from './recipe.ts';
import { recipeCheckpoint, recipeSafetensors, streamRecipeSafetensors } from './recipe-checkpoint.ts';
import { parseSafetensors } from './safetensors.ts';

const v4 = analyzeNetwork(NETWORKS['inception-v4'].released!);
const irv2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);

describe('recipeCheckpoint (lazy)', () => {
  const source = recipeCheckpoint(v4);
  const manifest = loadManifest('inception_v4');

  it('has timm’s names and shapes in state_dict order, and passes the checker', () => {
    expect(source.names()).toEqual(manifest.tensors.map((t) => t.name));
    expect(manifest.tensors.every((t) => source.shapeOf(t.name)!.join() === t.shape.join())).toBe(true);
    expect(checkWeights(v4, source, 'recipe')).toEqual({ ok: true, tensors: 747 });
  });

  it('generates each tensor when asked, equal to recipeTensor and to timm’s first values', () => {
    for (const t of [manifest.tensors[0], manifest.tensors[4], manifest.tensors.at(-2)!]) {
      const got = source.get(t.name)!;
      expect(got.shape).toEqual(t.shape);
      // Compare the bytes: a deep equal of 1.5 million elements is slow.
      const expected = recipeTensor(t.name, t.shape, t.kind as TensorKind);
      expect(Buffer.from(got.data.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
      expect([...got.data.slice(0, 4)]).toEqual(t.first4);
    }
    expect(source.get('features.99.conv.weight')).toBeUndefined();
  });

  it('refuses a definition without a checkpoint layout', () => {
    expect(() => recipeCheckpoint(analyzeNetwork(NETWORKS['inception-v4'].paper!))).toThrow(
      /^Inception-v4 \(paper\) has no checkpoint layout: layer .+ has no checkpoint key$/,
    );
  });
});

describe('the Inception-ResNet-v2 recipe checkpoint as a safetensors file', () => {
  const manifest = loadManifest('inception_resnet_v2');

  it('streams the same bytes it builds in memory, and they parse back to timm’s tensors', async () => {
    const bytes = recipeSafetensors(irv2);
    const streamed = createHash('sha256');
    const length = await streamRecipeSafetensors(irv2, (chunk) => void streamed.update(chunk));
    expect(length).toBe(bytes.length);
    expect(streamed.digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));

    const file = parseSafetensors(bytes, 'inception_resnet_v2.recipe.safetensors');
    expect(file.metadata).toEqual({ format: 'pt' });
    expect(file.names()).toEqual(manifest.tensors.map((t) => t.name));
    expect(checkWeights(irv2, file, file.fileName)).toEqual({ ok: true, tensors: 1102 });
    const bad = manifest.tensors.filter((t) => {
      const data = file.get(t.name)!.data;
      let sum = 0;
      for (const v of data) sum += v;
      return (
        data.length !== t.numel ||
        [...data.slice(0, 4)].join() !== t.first4.join() ||
        Math.abs(sum - t.sum) > 1e-9 * Math.max(1, Math.abs(t.sum))
      );
    });
    expect(bad.map((t) => t.name)).toEqual([]);
    // 55,843,464 parameters + 60,544 running statistics, 4 bytes each, after the header.
    expect(bytes.length - 8 - Number(new DataView(bytes.buffer).getBigUint64(0, true))).toBe((55_843_464 + 60_544) * 4);
  });
});
