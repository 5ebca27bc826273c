import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadManifest, loadSelfcheck, type TimmModel } from '../../testing/fixtures.ts';
import type { TensorKind } from '../../model/analysis/checkpoint.ts';
import { fnv1a32, hash32, recipeInput, recipeTensor, uniform } from './recipe.ts';

describe('the recipe hash functions', () => {
  const { selfcheck } = loadSelfcheck();
  it.each(Object.entries(selfcheck).filter(([k]) => k.startsWith('hash32')))('%s', (expr, expected) => {
    const [, seed, i] = /hash32\((0x[0-9a-f]+),(\d+)\)/.exec(expr)!;
    expect(hash32(Number(seed), Number(i))).toBe(expected);
  });
  it.each(Object.entries(selfcheck).filter(([k]) => k.startsWith('fnv1a32')))('%s', (expr, expected) => {
    const text = /fnv1a32\('(.*)'\)/.exec(expr)![1];
    expect(fnv1a32(text)).toBe(expected);
  });
  it('u(seed("classif.weight"), i) for i = 0..3', () => {
    const seed = fnv1a32('classif.weight');
    expect([0, 1, 2, 3].map((i) => uniform(seed, i))).toEqual(selfcheck["u(seed('classif.weight'), i) for i=0..3"]);
  });
});

describe('the recipe inputs', () => {
  const { inputs } = loadSelfcheck();
  it.each(['noise', 'pattern'] as const)('%s is bit-identical to the one timm was fed', (name) => {
    const x = recipeInput(name);
    const digest = createHash('sha256').update(new Uint8Array(x.buffer)).digest('hex');
    expect(digest).toBe(inputs[name].sha256_f32le);
    expect([...x.slice(0, 8)]).toEqual(inputs[name].first8_nhwc);
  });
});

describe.each<TimmModel>(['inception_v4', 'inception_resnet_v2'])('the recipe weights of %s', (model) => {
  const manifest = loadManifest(model);
  it(`reproduce first4 exactly and the float64 sum of all ${manifest.tensors.length} tensors`, () => {
    const bad: string[] = [];
    for (const t of manifest.tensors) {
      const data = recipeTensor(t.name, t.shape, t.kind as TensorKind);
      let sum = 0;
      for (const v of data) sum += v;
      const first4 = [...data.slice(0, 4)];
      if (first4.some((v, i) => v !== t.first4[i]) || Math.abs(sum - t.sum) > 1e-9 * Math.max(1, Math.abs(t.sum))) {
        bad.push(`${t.name}: first4 ${first4} vs ${t.first4}, sum ${sum} vs ${t.sum}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
