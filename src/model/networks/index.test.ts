import { describe, expect, it } from 'vitest';
import {
  CLASSIFIABLE_NETWORKS,
  defaultVariant,
  findNetwork,
  NETWORK_IDS,
  PAPER_NETWORK_IDS,
  SMALL_NETWORK_IDS,
  variantsOf,
} from './index.ts';

describe('the network registry', () => {
  it('defaults to the released variant where one exists', () => {
    expect(defaultVariant('inception-v4')).toBe('released');
    expect(defaultVariant('inception-resnet-v1')).toBe('paper');
    expect(variantsOf('inception-resnet-v2')).toEqual(['paper', 'released']);
  });

  it('finds a network by id and variant', () => {
    const found = findNetwork('inception-resnet-v2', 'paper');
    expect(found.ok && found.network.variant).toBe('paper');
  });

  it('lists the valid choices for an unknown model or variant', () => {
    expect(findNetwork('resnet-50')).toEqual({
      ok: false,
      message: expect.stringContaining('inception-v4, inception-resnet-v1, inception-resnet-v2'),
    });
    expect(findNetwork('inception-resnet-v1', 'released')).toEqual({
      ok: false,
      message: expect.stringContaining('valid variants: paper'),
    });
    expect(findNetwork('toString').ok).toBe(false);
  });

  it("lists the small networks after the paper's, each with one form, derived from the released code", () => {
    expect(PAPER_NETWORK_IDS).toEqual(['inception-v4', 'inception-resnet-v1', 'inception-resnet-v2']);
    expect(SMALL_NETWORK_IDS).toEqual([
      'inception-v4-s',
      'inception-resnet-v2-s',
      'inception-resnet-v2-s-no-shortcuts',
    ]);
    expect(NETWORK_IDS).toEqual([...PAPER_NETWORK_IDS, ...SMALL_NETWORK_IDS]);
    for (const id of SMALL_NETWORK_IDS) {
      expect(variantsOf(id)).toEqual(['released']);
      expect(defaultVariant(id)).toBe('released');
      const found = findNetwork(id);
      expect(found.ok && [found.network.id, found.network.checkpoint]).toEqual([id, undefined]);
    }
    const paper = findNetwork('inception-resnet-v2-s', 'paper');
    expect(paper).toEqual({ ok: false, message: expect.stringContaining('valid variants: released') });
    expect(findNetwork('inception-resnet-v2-s')).toMatchObject({ network: { title: 'Inception-ResNet-v2-S' } });
    expect(CLASSIFIABLE_NETWORKS).not.toContain('inception-resnet-v2-s');
  });

  it('gives pretrained preprocessing only to released variants', () => {
    const v4 = findNetwork('inception-v4');
    const irv2 = findNetwork('inception-resnet-v2');
    expect(v4.ok && v4.network.checkpoint?.preprocessing.cropPct).toBe(0.875);
    expect(irv2.ok && irv2.network.checkpoint?.preprocessing.cropPct).toBe(0.8975);
    const paper = findNetwork('inception-v4', 'paper');
    expect(paper.ok && paper.network.checkpoint).toBeUndefined();
  });

  it('pins the SHA-256 of each published checkpoint file, as Hugging Face states it', () => {
    const v4 = findNetwork('inception-v4');
    const irv2 = findNetwork('inception-resnet-v2');
    expect(v4.ok && v4.network.checkpoint?.sha256).toBe(
      'a756a086851c8d5a8de135ec15c76b90ea56cb5aef450e3299107e659e725bb1',
    );
    expect(irv2.ok && irv2.network.checkpoint?.sha256).toBe(
      'dbea26b13a5fc8351919fed6a94222c0577ce324b2765fd081a798f837ca9d72',
    );
  });
});
